from datetime import timedelta

from odoo import api, fields, models


class PortalExtranetRateLimit(models.Model):
    """Attempts of public actions (password reset, account request) per client,
    to slow down bots. Old attempts are cleaned up by the autovacuum."""

    _name = "portal.extranet.rate.limit"
    _description = "Extranet Rate Limit"
    _log_access = False

    key = fields.Char(required=True, index=True)
    attempted_on = fields.Datetime(required=True, default=fields.Datetime.now, index=True)

    @api.model
    def _allow(self, scope, client, limit, period_seconds):
        """Record an attempt of ``scope`` by ``client``; False when ``client``
        already made ``limit`` attempts in the last ``period_seconds``."""
        key = f"{scope}:{client}"
        since = fields.Datetime.now() - timedelta(seconds=period_seconds)
        recent = self.search_count([("key", "=", key), ("attempted_on", ">=", since)])
        if recent >= limit:
            return False
        self.create({"key": key})
        return True

    @api.autovacuum
    def _gc_old_attempts(self):
        self.search([("attempted_on", "<", fields.Datetime.now() - timedelta(days=1))]).unlink()
