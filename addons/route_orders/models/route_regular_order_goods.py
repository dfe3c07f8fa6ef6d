from odoo import _, api, fields, models


class RouteRegularOrderGoods(models.Model):
    """Goods collected at a stop of a regular order template."""

    _name = "route.regular.order.goods"
    _inherit = ["route.goods.mixin"]
    _description = "Goods of a Regular Order Stop"
    _order = "stop_id, sequence, id"

    stop_id = fields.Many2one(
        "route.regular.order.stop",
        string="Collection Stop",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("kind", "=", "collection")],
    )
    regular_order_id = fields.Many2one(related="stop_id.regular_order_id", store=True, index=True)
    delivery_stop_id = fields.Many2one(
        "route.regular.order.stop",
        string="Delivered To",
        ondelete="set null",
        index="btree_not_null",
        domain="[('regular_order_id', '=', regular_order_id), ('kind', '=', 'delivery')]",
        help="On one collection, many deliveries orders: the delivery stop these goods go to.",
    )

    @api.constrains("stop_id", "delivery_stop_id")
    def _check_stops(self):
        self._check_goods_stops(
            "regular_order_id", _("Goods can only go to a delivery stop of the same regular order.")
        )

    def _prepare_route_goods_vals(self):
        """Values of the route.goods copied from these goods (without the
        delivery stop, which is linked once the order's stops exist)."""
        return self._get_shared_goods_values()
