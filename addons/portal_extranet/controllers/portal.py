from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager


def searchbar_page(portal, model, domain, url, searchbar, page):
    """One page of a portal list with Odoo's searchbar sortings and filters.

    The search runs with the user's rights, so record rules decide what is listed.

    :param portal: the portal controller (page size, layout values)
    :param searchbar: ``(sortings, filters, sortby, filterby, default sortby)``; an
        unknown ``sortby`` or ``filterby`` falls back to the default and "all"
    :return: the records of the page, and the layout values with pager and searchbar
    """
    sortings, filters, sortby, filterby, default_sortby = searchbar
    sortby = sortby if sortby in sortings else default_sortby
    filterby = filterby if filterby in filters else "all"
    domain = domain + filters[filterby]["domain"]
    pager = portal_pager(
        url=url,
        url_args={"sortby": sortby, "filterby": filterby},
        total=model.search_count(domain),
        page=page,
        step=portal._items_per_page,
    )
    records = model.search(
        domain,
        order=sortings[sortby]["order"],
        limit=portal._items_per_page,
        offset=pager["offset"],
    )
    values = portal._prepare_portal_layout_values()
    values.update(
        pager=pager,
        default_url=url,
        searchbar_sortings=sortings,
        sortby=sortby,
        searchbar_filters=filters,
        filterby=filterby,
    )
    return records, values


class ExtranetCustomerPortal(CustomerPortal):
    @http.route()
    def counters(self, counters, **kw):
        # Filter here rather than in _prepare_home_portal_values: other addons
        # (sale, account, ...) add their counters there in any module order.
        disabled = request.env.company.sudo()._extranet_disabled_counters()
        wanted = [c for c in counters if c not in disabled]
        if counters and not wanted:
            # core would compute the whole home page for an empty list (loyalty
            # adds records there, which JSON cannot carry): nothing to count
            return {}
        values = super().counters(wanted, **kw)
        for counter in disabled:
            values.pop(counter, None)
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        user = request.env.user
        Form = request.env["portal.extranet.form"]
        Partner = request.env["res.partner"].sudo()
        for counter, section in (("site_count", "site"), ("contact_count", "contact")):
            if counter in counters:
                values[counter] = Partner.search_count(Form._domain(user, section))
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
        return partner._extranet_format_phone(
            number, (country and country.exists()) or partner.country_id
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

    # ------------------------------------------------------------------
    # Company data, sites and contacts
    # ------------------------------------------------------------------
    _extranet_sections = {
        "site": ("/my/sites", "portal_extranet.portal_my_sites", "portal_extranet.portal_my_site"),
        "contact": (
            "/my/contacts",
            "portal_extranet.portal_my_contacts",
            "portal_extranet.portal_my_contact",
        ),
    }

    def _extranet_form_values(self, section, record=None, post=None, errors=None):
        user = request.env.user
        Form = request.env["portal.extranet.form"]
        values = self._prepare_portal_layout_values()
        values.update(
            section=section,
            record=record,
            form_fields=Form._field_settings(user, section),
            post=post or {},
            errors=errors or {},
            is_manager=Form._is_manager(user),
            can_add=Form._can(user, section, "add"),
            can_edit=Form._can(user, section, "edit"),
            can_archive=Form._can(user, section, "archive"),
            countries=request.env["res.country"].sudo().search([]),
            membership_classes=request.env["portal.membership.class"].sudo().search([]),
            page_name=f"extranet_{section}",
        )
        return values

    def _extranet_list(self, section, page=1, search=None):
        base_url, list_template, _detail = self._extranet_sections[section]
        user = request.env.user
        Partner = request.env["res.partner"].sudo()
        domain = request.env["portal.extranet.form"]._domain(user, section)
        if search:
            domain += [
                "|",
                "|",
                ("name", "ilike", search),
                ("city", "ilike", search),
                ("email", "ilike", search),
            ]
        total = Partner.search_count(domain)
        pager = portal_pager(
            url=base_url,
            total=total,
            page=page,
            step=self._items_per_page,
            url_args={"search": search} if search else None,
        )
        records = Partner.search(
            domain, order="name, id", limit=self._items_per_page, offset=pager["offset"]
        )
        values = self._extranet_form_values(section)
        values.update(records=records, pager=pager, search=search or "", default_url=base_url)
        return request.render(list_template, values)

    def _extranet_detail(self, section, record_id, post=None):
        _base, _list, detail_template = self._extranet_sections[section]
        if record_id == "new":
            record = request.env["res.partner"]
            if not request.env["portal.extranet.form"]._can(request.env.user, section, "add"):
                raise NotFound()
        else:
            record = request.env["portal.extranet.form"]._get_record(
                request.env.user, section, record_id
            )
            if not record:
                raise NotFound()
        errors = {}
        if post is not None:
            record, errors = request.env["portal.extranet.form"].save(
                request.env.user, section, post, record=record or None
            )
            if errors.get("common"):
                raise Forbidden()
            if not errors:
                return request.redirect(
                    f"{self._extranet_sections[section][0]}/{record.id}?saved=1"
                )
        values = self._extranet_form_values(section, record=record, post=post, errors=errors)
        values["saved"] = request.params.get("saved")
        return request.render(detail_template, values)

    def _extranet_archive(self, section, record_id):
        user = request.env.user
        Form = request.env["portal.extranet.form"]
        record = Form._get_record(user, section, record_id)
        if not record:
            raise NotFound()
        if not Form.archive(user, section, record):
            raise Forbidden()
        return request.redirect(self._extranet_sections[section][0])

    @http.route(
        ["/my/sites", "/my/sites/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def extranet_sites(self, page=1, search=None, **_kw):
        return self._extranet_list("site", page=page, search=search)

    @http.route(
        ["/my/sites/<string:record_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def extranet_site(self, record_id, **post):
        is_post = request.httprequest.method == "POST"
        return self._extranet_detail("site", record_id, post=post if is_post else None)

    @http.route(
        ["/my/sites/<int:record_id>/archive"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def extranet_site_archive(self, record_id, **_kw):
        return self._extranet_archive("site", record_id)

    @http.route(
        ["/my/contacts", "/my/contacts/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def extranet_contacts(self, page=1, search=None, **_kw):
        return self._extranet_list("contact", page=page, search=search)

    @http.route(
        ["/my/contacts/<string:record_id>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def extranet_contact(self, record_id, **post):
        is_post = request.httprequest.method == "POST"
        return self._extranet_detail("contact", record_id, post=post if is_post else None)

    @http.route(
        ["/my/contacts/<int:record_id>/archive"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def extranet_contact_archive(self, record_id, **_kw):
        return self._extranet_archive("contact", record_id)

    @http.route(
        ["/my/contacts/<int:record_id>/access"],
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def extranet_contact_access(self, record_id, grant=None, **_kw):
        user = request.env.user
        Form = request.env["portal.extranet.form"]
        contact = Form._get_record(user, "contact", record_id)
        if not contact:
            raise NotFound()
        if not Form._is_manager(user) or contact == user.partner_id:
            raise Forbidden()
        try:
            Form.set_portal_access(user, contact, grant=bool(grant))
        except UserError as error:
            values = self._extranet_form_values("contact", record=contact)
            values["access_error"] = error.args[0]
            return request.render("portal_extranet.portal_my_contact", values)
        return request.redirect(f"/my/contacts/{contact.id}")

    @http.route(["/my/company"], type="http", auth="user", website=True, methods=["GET", "POST"])
    def extranet_company(self, **post):
        user = request.env.user
        Form = request.env["portal.extranet.form"]
        company = user.partner_id.commercial_partner_id.sudo()
        errors = {}
        if request.httprequest.method == "POST":
            company, errors = Form.save(user, "company", post, record=company)
            if errors.get("common"):
                raise Forbidden()
            if not errors:
                return request.redirect("/my/company?saved=1")
        values = self._extranet_form_values(
            "company",
            record=company,
            post=post if request.httprequest.method == "POST" else None,
            errors=errors,
        )
        values.update(
            saved=request.params.get("saved"), can_edit=Form._can(user, "company", "edit")
        )
        return request.render("portal_extranet.portal_my_company", values)
