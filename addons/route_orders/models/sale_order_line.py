from odoo import fields, models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    route_stop_id = fields.Many2one(
        "route.stop", string="Stop", ondelete="cascade", index="btree_not_null", copy=False
    )
    route_stop_cancelled = fields.Boolean(
        string="Cancelled Stop",
        help="The stop of this line was cancelled; on a shared route it is still invoiced.",
    )
