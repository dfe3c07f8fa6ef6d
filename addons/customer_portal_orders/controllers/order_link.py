from urllib.parse import quote

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request


class OrderLinkController(http.Controller):
    """Public entry of order links: ``/order-link/<token>``."""

    def _order_link(self, token):
        """The active link of ``token`` usable by the visitor; else a missing page."""
        link_sudo = request.env["customer.portal.order.link"]._get_by_token(token)
        user = request.env.user
        if not link_sudo or (
            not request.env.user._is_public() and link_sudo.company_id not in user.company_ids
        ):
            raise NotFound()
        return link_sudo

    @http.route(
        "/order-link/<string:token>", type="http", auth="public", website=True, methods=["GET"]
    )
    def order_link(self, token, **_kw):
        link_sudo = self._order_link(token)
        url = f"/order-link/{token}"
        values = {
            "link": link_sudo,
            "link_url": url,
            "is_public": request.env.user._is_public(),
            "login_url": f"/web/login?redirect={quote(url, safe='')}",
            "draft": request.env["customer.portal.order.draft"]._get_open_draft()
            if not request.env.user._is_public()
            else None,
        }
        return request.render("customer_portal_orders.order_link_landing", values)

    @http.route(
        "/order-link/<string:token>/start",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def order_link_start(self, token, **_post):
        link_sudo = self._order_link(token)
        draft = request.env["customer.portal.order.draft"]._start(link=link_sudo)
        return request.redirect(f"/my/orders/new/{draft.id}/{draft._first_incomplete_step()}")
