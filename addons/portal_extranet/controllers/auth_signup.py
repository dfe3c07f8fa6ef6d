import logging

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

_logger = logging.getLogger(__name__)

RESET_LIMIT = 5  # requests per client
RESET_PERIOD = 15 * 60  # seconds
REQUEST_LIMIT = 3  # account requests per client
REQUEST_PERIOD = 60 * 60  # seconds
HONEYPOT_FIELD = "website_url"  # hidden from people, filled in by bots


class ExtranetAuthSignupHome(AuthSignupHome):
    @http.route()
    def web_auth_reset_password(self, *args, **kw):
        """Answer a reset request the same way whether or not the login exists,
        and limit the requests per client address."""
        qcontext = self.get_auth_signup_qcontext()
        if request.httprequest.method != "POST" or qcontext.get("token"):
            return super().web_auth_reset_password(*args, **kw)
        if not qcontext.get("reset_password_enabled"):
            raise NotFound()
        login = (qcontext.get("login") or "").strip()
        limiter = request.env["portal.extranet.rate.limit"].sudo()
        if not limiter._allow(
            "reset_password", request.httprequest.remote_addr, RESET_LIMIT, RESET_PERIOD
        ):
            qcontext["error"] = _("Too many requests. Please try again in a few minutes.")
        elif login:
            self._extranet_send_reset_link(login)
            qcontext["message"] = _(
                "If an account exists for this login, we have sent it an e-mail "
                "with a link to choose a new password."
            )
        else:
            qcontext["error"] = _("Enter your e-mail or login.")
        response = request.render("auth_signup.reset_password", qcontext)
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        response.headers["Content-Security-Policy"] = "frame-ancestors 'self'"
        return response

    def _extranet_send_reset_link(self, login):
        try:
            with request.env.cr.savepoint():
                request.env["res.users"].sudo().reset_password(login)
        except Exception as error:  # Odoo raises a bare Exception for unknown logins
            # unknown or ambiguous login: the answer stays the same
            _logger.info(
                "Password reset not sent (%s) for a request from %s",
                error,
                request.httprequest.remote_addr,
            )

    # ------------------------------------------------------------------
    # Account request
    # ------------------------------------------------------------------
    @http.route(
        "/portal/request-account",
        type="http",
        auth="public",
        website=True,
        methods=["GET", "POST"],
        sitemap=False,
    )
    def extranet_request_account(self, **post):
        """A public form to ask for portal access. The answer is the same whether
        or not the e-mail already has an account; bots fill the hidden honeypot
        field and get the same answer with nothing created."""
        values = {"form": {}, "errors": {}, "done": False}
        if request.httprequest.method == "POST":
            values = self._extranet_handle_account_request(post)
        response = request.render("portal_extranet.portal_request_account", values)
        response.headers["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def _extranet_handle_account_request(self, post):
        Request = request.env["portal.account.request"].sudo()
        form, errors = Request._validate_public_form(post)
        values = {"form": form, "errors": errors, "done": False}
        if errors:
            return values
        limiter = request.env["portal.extranet.rate.limit"].sudo()
        if not limiter._allow(
            "account_request", request.httprequest.remote_addr, REQUEST_LIMIT, REQUEST_PERIOD
        ):
            errors["common"] = _("Too many requests. Please try again later.")
            return values
        if not post.get(HONEYPOT_FIELD):
            Request.create(form)
        return {"form": {}, "errors": {}, "done": True}
