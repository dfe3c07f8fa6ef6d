from odoo import fields, models

WEB_ORDER_ORIGINS = [
    ("portal", "Portal"),
    ("link", "Order link"),
    ("upload", "Portal upload"),
    ("import", "Import"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # --- Web orders: where an order arrived from, and whether staff saw it
    web_origin = fields.Selection(
        WEB_ORDER_ORIGINS,
        string="Arrived From",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Set on orders and quote requests that customers placed themselves; "
        "empty for orders entered by staff.",
    )
    web_quote_request = fields.Boolean(
        string="Quote Request",
        copy=False,
        readonly=True,
        help="The customer asked for a quote instead of placing an order.",
    )
    web_acknowledged_date = fields.Datetime(string="Acknowledged On", copy=False, readonly=True)
    web_acknowledged_by_id = fields.Many2one(
        "res.users", string="Acknowledged By", copy=False, readonly=True
    )

    # --- Order status digests: record the changes customers are told about

    def _portal_watched(self, event):
        """The orders whose company has an active status rule for ``event``."""
        rules = self.env["customer.portal.status.rule"]
        return self.filtered(lambda o: rules._portal_watches(o.company_id, event))

    def write(self, vals):
        by_state = self._portal_watched("order_state") if "state" in vals else self.browse()
        old_states = {order: order.state for order in by_state}
        dated_lines = self.browse().order_line
        if {"commitment_date", "date_order"} & set(vals):
            # confirmation sets date_order: only confirmed orders' dates are news
            confirmed = self.filtered(lambda o: o.state == "sale")
            dated_lines = confirmed._portal_watched("expected_date").order_line
        old_dates = dated_lines._portal_expected_dates()
        res = super().write(vals)
        if old_states:
            self._portal_record_state_changes(old_states)
        if dated_lines:
            dated_lines._portal_record_expected_dates(old_dates)
        return res

    def _portal_record_state_changes(self, old_states):
        entries = [
            {"order": order, "field_name": "state", "old": old, "new": order.state}
            for order, old in old_states.items()
            # drafts and quotations sent are not news to the customer
            if order.state != old and (order.state in ("sale", "cancel") or old == "sale")
        ]
        self.env["customer.portal.status.change"]._portal_record("order_state", entries)
