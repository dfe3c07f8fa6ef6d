from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.osv import expression

from odoo.addons.sale.controllers.portal import CustomerPortal

CANCEL_RESULTS = ("cancelled", "already_cancelled", "refused")


class RouteOrdersCustomerPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Lists: order type and next stop
    # ------------------------------------------------------------------
    def _prepare_quotations_domain(self, partner):
        """Quotes, and the requests the company sent from the portal that staff have not
        priced and sent yet: customers see what they asked for right away."""
        return expression.OR(
            [
                super()._prepare_quotations_domain(partner),
                [
                    ("message_partner_ids", "child_of", [partner.commercial_partner_id.id]),
                    ("state", "=", "draft"),
                    ("web_origin", "!=", False),
                ],
            ]
        )

    def _prepare_sale_portal_rendering_values(self, *args, **kwargs):
        values = super()._prepare_sale_portal_rendering_values(*args, **kwargs)
        orders = values["quotations"] or values["orders"]
        values["route_next_stops"] = orders._web_get_next_stops()
        return values

    # ------------------------------------------------------------------
    # Order page: delivery dates and the cancellations allowed now
    # ------------------------------------------------------------------
    def _get_page_view_values(self, document, access_token, values, *args, **kwargs):
        values = super()._get_page_view_values(document, access_token, values, *args, **kwargs)
        if document._name == "sale.order":
            values["route_cancel"] = self._route_cancel_values(document)
        return values

    def _route_cancel_values(self, order_sudo):
        """Cancel actions only for logged-in contacts of the order's company."""
        user = request.env.user
        partner = user.partner_id
        if user._is_public() or partner.commercial_partner_id != (
            order_sudo.partner_id.commercial_partner_id
        ):
            return False
        result = request.params.get("cancel")
        return dict(
            order_sudo._web_get_cancel_options(partner),
            result=result if result in CANCEL_RESULTS else False,
        )

    @http.route(
        ["/my/orders/<int:order_id>/cancel"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_order_cancel(self, order_id, reason=None, **_kw):
        try:
            order_sudo = self._document_check_access("sale.order", order_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        partner = request.env.user.partner_id
        try:
            result = order_sudo._web_cancel_by_customer(partner, reason)
        except UserError:
            result = "refused"
        return self._redirect_after_cancel(order_sudo, result)

    @http.route(
        ["/my/orders/<int:order_id>/stops/<int:stop_id>/cancel"],
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_order_stop_cancel(self, order_id, stop_id, reason=None, **_kw):
        try:
            order_sudo = self._document_check_access("sale.order", order_id)
        except (AccessError, MissingError):
            return request.redirect("/my")
        stop_sudo = order_sudo.route_stop_ids.filtered(lambda stop: stop.id == stop_id)
        if not stop_sudo:
            return request.redirect("/my")
        partner = request.env.user.partner_id
        try:
            result = order_sudo._web_cancel_stop_by_customer(stop_sudo, partner, reason)
        except UserError:
            result = "refused"
        return self._redirect_after_cancel(order_sudo, result)

    def _redirect_after_cancel(self, order_sudo, result):
        return request.redirect(f"/my/orders/{order_sudo.id}?cancel={result}#route_cancel")
