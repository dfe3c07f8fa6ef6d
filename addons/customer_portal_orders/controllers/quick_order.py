"""Quick order and re-order: plain product orders placed by customers on the portal.

Only portal users (members and managers of a customer company) order here; what they
may read of existing orders is decided by Odoo's portal rule on ``sale.order`` (the
company follows its orders). Orders are created with ``sudo()`` by the model methods of
``models/sale_order_quick.py`` after these checks.
"""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import request

from odoo.addons.sale.controllers.portal import CustomerPortal

QUICK_ORDER_URL = "/my/orders/quick"
DEFAULT_ROWS = 5
ADD_ROWS = 5
MAX_ROWS = 200
REORDER_SKIPPED_KEY = "customer_portal_orders_reorder_skipped"


class QuickOrderPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _portal_ordering_partner(self):
        """The contact of the portal user who orders; staff and others get a missing page."""
        user = request.env.user
        if not user._is_portal():
            raise NotFound()
        return user.partner_id

    @staticmethod
    def _quick_order_rows(params):
        try:
            count = int(params.get("row_count") or DEFAULT_ROWS)
        except ValueError:
            count = DEFAULT_ROWS
        count = min(max(count, 1), MAX_ROWS)
        return [
            (params.get(f"code_{index}", ""), params.get(f"qty_{index}", ""))
            for index in range(count)
        ]

    def _render_quick_order(self, rows, errors=None):
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="quick_order",
            rows=rows,
            row_errors=errors or {},
        )
        return request.render("customer_portal_orders.portal_quick_order", values)

    # ------------------------------------------------------------------
    # Quick order
    # ------------------------------------------------------------------
    @http.route(QUICK_ORDER_URL, type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_quick_order(self, **post):
        partner = self._portal_ordering_partner()
        if request.httprequest.method != "POST":
            return self._render_quick_order([("", "")] * DEFAULT_ROWS)
        rows = self._quick_order_rows(post)
        if post.get("add_rows"):
            rows += [("", "")] * min(ADD_ROWS, MAX_ROWS - len(rows))
            return self._render_quick_order(rows)
        SaleOrder_sudo = request.env["sale.order"].sudo()
        lines, errors = SaleOrder_sudo._portal_quick_order_check(rows)
        if errors:
            return self._render_quick_order(rows, errors)
        order_sudo = SaleOrder_sudo._portal_create_quick_order(partner, lines)
        return request.redirect(order_sudo.get_portal_url())

    # ------------------------------------------------------------------
    # Re-order
    # ------------------------------------------------------------------
    @http.route(
        "/my/orders/<int:order_id>/reorder",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_reorder(self, order_id, access_token=None, **_post):
        partner = self._portal_ordering_partner()
        try:
            order_sudo = self._document_check_access("sale.order", order_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if order_sudo.partner_id.commercial_partner_id != partner.commercial_partner_id:
            return request.redirect("/my")  # a token of another company's order: not ours
        if order_sudo.route_order_type != "plain":
            return request.redirect(order_sudo.get_portal_url())
        new_order_sudo, skipped = order_sudo._portal_reorder(partner)
        target = new_order_sudo or order_sudo
        if skipped:
            request.session[REORDER_SKIPPED_KEY] = {
                "order_id": target.id,
                "names": skipped.mapped("display_name"),
            }
        return request.redirect(target.get_portal_url())

    def _get_page_view_values(
        self, document, access_token, values, session_history, no_breadcrumbs, **kwargs
    ):
        values = super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kwargs
        )
        if document._name == "sale.order":
            skipped = request.session.get(REORDER_SKIPPED_KEY)
            if skipped and skipped.get("order_id") == document.id:
                values["reorder_skipped"] = skipped["names"]
                request.session.pop(REORDER_SKIPPED_KEY)
        return values
