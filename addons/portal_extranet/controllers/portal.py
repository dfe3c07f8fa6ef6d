from odoo import http
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
