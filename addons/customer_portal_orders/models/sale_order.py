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
