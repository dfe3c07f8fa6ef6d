from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

LINK_RESULTS = ("cancelled", "already_cancelled", "refused")


class CancelLinkController(http.Controller):
    """Public pages of a customer's cancellation link: the token is the credential."""

    def _get_link(self, token):
        link_sudo = request.env["customer.portal.cancel.link"]._get_by_token(token)
        if not link_sudo:
            raise NotFound()
        return link_sudo

    def _render(self, template, values):
        response = request.render(template, values)
        # the URL is a secret: keep it out of referrers, caches and search engines
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        return response

    def _base_values(self, link_sudo, token):
        return {
            "link": link_sudo,
            "customer": link_sudo.partner_id,
            "token": token,
            "link_url": f"/order-cancel/{token}",
            "result": request.params.get("result") in LINK_RESULTS and request.params.get("result"),
        }

    @http.route(
        ["/order-cancel/<string:token>"],
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def cancel_link_orders(self, token, **_kw):
        link_sudo = self._get_link(token)
        values = self._base_values(link_sudo, token)
        values["entries"] = link_sudo._get_cancellable_orders()
        return self._render("customer_portal_orders.cancel_link_orders", values)

    @http.route(
        ["/order-cancel/<string:token>/order/<int:order_id>"],
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def cancel_link_confirm_order(self, token, order_id, **_kw):
        link_sudo = self._get_link(token)
        order_sudo = link_sudo._get_order(order_id)
        if not order_sudo:
            raise NotFound()
        values = self._base_values(link_sudo, token)
        values.update(
            order=order_sudo,
            stop=False,
            options=order_sudo._web_get_cancel_options(link_sudo.partner_id),
            already=order_sudo._web_is_cancelled_for_customer(),
            action_url=f"/order-cancel/{token}/order/{order_sudo.id}/cancel",
        )
        values["policy"] = values["options"]["order"]
        return self._render("customer_portal_orders.cancel_link_confirm", values)

    @http.route(
        ["/order-cancel/<string:token>/stop/<int:stop_id>"],
        type="http",
        auth="public",
        methods=["GET"],
        sitemap=False,
    )
    def cancel_link_confirm_stop(self, token, stop_id, **_kw):
        link_sudo = self._get_link(token)
        stop_sudo = link_sudo._get_stop(stop_id)
        if not stop_sudo:
            raise NotFound()
        values = self._base_values(link_sudo, token)
        values.update(
            order=stop_sudo.order_id,
            stop=stop_sudo,
            policy=stop_sudo.get_cancel_policy(partner=link_sudo.partner_id),
            already=stop_sudo.state == "cancelled",
            action_url=f"/order-cancel/{token}/stop/{stop_sudo.id}/cancel",
        )
        return self._render("customer_portal_orders.cancel_link_confirm", values)

    @http.route(
        ["/order-cancel/<string:token>/order/<int:order_id>/cancel"],
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def cancel_link_cancel_order(self, token, order_id, reason=None, **_kw):
        link_sudo = self._get_link(token)
        order_sudo = link_sudo._get_order(order_id)
        if not order_sudo:
            raise NotFound()
        try:
            result = link_sudo._cancel_order(order_sudo, reason)
        except UserError:
            result = "refused"
        return request.redirect(f"/order-cancel/{token}/order/{order_sudo.id}?result={result}")

    @http.route(
        ["/order-cancel/<string:token>/stop/<int:stop_id>/cancel"],
        type="http",
        auth="public",
        methods=["POST"],
        sitemap=False,
    )
    def cancel_link_cancel_stop(self, token, stop_id, reason=None, **_kw):
        link_sudo = self._get_link(token)
        stop_sudo = link_sudo._get_stop(stop_id)
        if not stop_sudo:
            raise NotFound()
        try:
            result = link_sudo._cancel_stop(stop_sudo, reason)
        except UserError:
            result = "refused"
        return request.redirect(f"/order-cancel/{token}/stop/{stop_sudo.id}?result={result}")
