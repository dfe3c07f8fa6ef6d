"""POS receipts: the customer company's Point of Sale orders.

Which receipts a portal user may read is decided by the record rules of
``security/pos_security.xml`` (receipts made out to the company or to any of its contacts):
receipts are searched with the user's own environment first, and only the records found are
read with ``sudo()`` (register, cashier, products, taxes and payment methods belong to
models portal users cannot read).
"""

from dateutil.relativedelta import relativedelta
from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal_extranet.controllers.portal import searchbar_page

POS_URL = "/my/pos"
RECEIPT_STATES = ("paid", "done", "invoiced")


class ExtranetPosPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _extranet_pos_domain(self):
        # The record rules restrict portal users to their company's receipts; the partner
        # filter only keeps staff browsing the portal to their own company as well.
        partner = request.env.user.partner_id.commercial_partner_id
        return [("partner_id", "child_of", partner.id), ("state", "in", RECEIPT_STATES)]

    def _extranet_pos_searchbar_sortings(self):
        return {
            "date": {"label": _("Newest"), "order": "date_order desc, id desc"},
            "name": {"label": _("Reference"), "order": "name desc, id desc"},
        }

    def _extranet_pos_searchbar_filters(self):
        today = fields.Date.context_today(request.env.user)
        return {
            "all": {"label": _("All"), "domain": []},
            "month": {
                "label": _("Last 30 days"),
                "domain": [("date_order", ">=", today - relativedelta(days=30))],
            },
            "year": {
                "label": _("Last 12 months"),
                "domain": [("date_order", ">=", today - relativedelta(months=12))],
            },
        }

    # ------------------------------------------------------------------
    # Home counter
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "pos_order_count" in counters:
            Order = request.env["pos.order"]
            values["pos_order_count"] = (
                Order.search_count(self._extranet_pos_domain()) if Order.has_access("read") else 0
            )
        return values

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route(
        [POS_URL, f"{POS_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def extranet_pos_orders(self, page=1, sortby=None, filterby=None, **_kw):
        Order = request.env["pos.order"]
        if not Order.has_access("read"):
            raise NotFound()
        searchbar = (
            self._extranet_pos_searchbar_sortings(),
            self._extranet_pos_searchbar_filters(),
            sortby,
            filterby,
            "date",
        )
        orders, values = searchbar_page(
            self, Order, self._extranet_pos_domain(), POS_URL, searchbar, page
        )
        values.update(orders_sudo=orders.sudo(), page_name="extranet_pos_orders")
        return request.render("portal_extranet_pos.portal_my_pos_orders", values)

    @http.route(
        f"{POS_URL}/<int:order_id>", type="http", auth="user", website=True, methods=["GET"]
    )
    def extranet_pos_order(self, order_id, **_kw):
        Order = request.env["pos.order"]
        if not Order.has_access("read"):
            raise NotFound()
        # The user's own rights decide: another company's receipt is simply not found.
        order = Order.search([("id", "=", order_id), *self._extranet_pos_domain()], limit=1)
        if not order:
            raise NotFound()
        order_sudo = order.sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            order_sudo=order_sudo,
            cashier=order_sudo._extranet_cashier_label(),
            tax_lines=order_sudo._extranet_tax_lines(),
            page_name="extranet_pos_order",
        )
        return request.render("portal_extranet_pos.portal_my_pos_order", values)
