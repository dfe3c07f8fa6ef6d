from odoo import _, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class ExtranetCustomerPortal(CustomerPortal):
    @http.route()
    def counters(self, counters, **kw):
        # Filter here rather than in _prepare_home_portal_values: other addons
        # (sale, account, ...) add their counters there in any module order.
        disabled = request.env.company.sudo()._extranet_disabled_counters()
        values = super().counters([c for c in counters if c not in disabled], **kw)
        for counter in disabled:
            values.pop(counter, None)
        return values

    # ------------------------------------------------------------------
    # My details: phone validated with phonenumbers, language
    # ------------------------------------------------------------------
    def _get_optional_fields(self):
        return [*super()._get_optional_fields(), "lang"]

    def _prepare_portal_layout_values(self):
        values = super()._prepare_portal_layout_values()
        values["extranet_languages"] = request.env["res.lang"].get_installed()
        return values

    def details_form_validate(self, data, partner_creation=False):
        error, error_message = super().details_form_validate(
            data, partner_creation=partner_creation
        )
        if data.get("phone"):
            formatted = self._extranet_format_phone(data["phone"], data.get("country_id"))
            if formatted:
                data["phone"] = formatted
            else:
                error["phone"] = "error"
                error_message.append(
                    _("%(phone)s is not a valid phone number.", phone=data["phone"])
                )
        installed = {code for code, _name in request.env["res.lang"].get_installed()}
        if data.get("lang") and data["lang"] not in installed:
            error["lang"] = "error"
            error_message.append(_("Choose one of the languages offered."))
        return error, error_message

    def _extranet_format_phone(self, number, country_id):
        partner = request.env.user.partner_id
        country = request.env["res.country"].browse(int(country_id)) if country_id else False
        return partner._phone_format(
            number=number,
            country=(country and country.exists())
            or partner.country_id
            or request.env.company.country_id,
            force_format="INTERNATIONAL",
        )

    # ------------------------------------------------------------------
    # Communication preferences and forget-me
    # ------------------------------------------------------------------
    def _extranet_preferences_values(self, **kw):
        partner = request.env.user.partner_id
        topics = request.env["portal.communication.topic"].sudo().search([])
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="extranet_preferences",
            partner=partner,
            topics=topics,
            subscribed={t for t in topics if partner._extranet_accepts(t.code)},
            forget_request=request.env["portal.forget.request"]
            .sudo()
            .search([("partner_id", "=", partner.id), ("state", "=", "requested")], limit=1),
            saved=kw.get("saved"),
        )
        return values

    @http.route("/my/preferences", type="http", auth="user", website=True, methods=["GET"])
    def extranet_preferences(self, **kw):
        return request.render(
            "portal_extranet.portal_my_preferences", self._extranet_preferences_values(**kw)
        )

    @http.route("/my/preferences", type="http", auth="user", website=True, methods=["POST"])
    def extranet_preferences_save(self, **post):
        partner = request.env.user.partner_id
        topics = request.env["portal.communication.topic"].sudo().search([])
        chosen = topics.filtered(lambda t: post.get(f"topic_{t.id}"))
        partner._extranet_set_preferences(chosen)
        return request.redirect("/my/preferences?saved=1")

    @http.route("/my/forget-me", type="http", auth="user", website=True, methods=["POST"])
    def extranet_forget_me(self, reason=None, **_post):
        partner = request.env.user.partner_id
        request.env["portal.forget.request"].sudo()._request_for(partner, reason=reason)
        return request.redirect("/my/preferences")
