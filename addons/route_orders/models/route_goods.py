from odoo import _, api, fields, models


class RouteGoods(models.Model):
    """Goods picked up at a collection stop (and, on one collection → many
    deliveries orders, the delivery stop they go to)."""

    _name = "route.goods"
    _inherit = ["route.goods.mixin"]
    _description = "Goods of a Route Stop"
    _order = "stop_id, sequence, id"

    stop_id = fields.Many2one(
        "route.stop",
        string="Collection Stop",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("kind", "=", "collection")],
    )
    order_id = fields.Many2one(related="stop_id.order_id", store=True, index=True)
    delivery_stop_id = fields.Many2one(
        "route.stop",
        string="Delivered To",
        ondelete="set null",
        index="btree_not_null",
        domain="[('order_id', '=', order_id), ('kind', '=', 'delivery')]",
    )

    @api.constrains("stop_id", "delivery_stop_id")
    def _check_stops(self):
        self._check_goods_stops(
            "order_id", _("Goods can only go to a delivery stop of the same order.")
        )
