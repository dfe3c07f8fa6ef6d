import logging

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

_logger = logging.getLogger(__name__)

RESET_LIMIT = 5  # requests per client
RESET_PERIOD = 15 * 60  # seconds


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
