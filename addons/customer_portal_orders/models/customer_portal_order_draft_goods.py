from odoo import _, api, fields, models


class CustomerPortalOrderDraftGoods(models.Model):
    """Goods a customer enters in the portal order wizard, collected at one of the
    draft's collections (and, on one collection → many deliveries, delivered to
    one of its deliveries)."""

    _name = "customer.portal.order.draft.goods"
    _inherit = ["route.goods.mixin"]
    _description = "Goods of a Portal Order Draft"
    _order = "draft_id, sequence, id"

    stop_id = fields.Many2one(
        "customer.portal.order.draft.stop",
        string="Collection Stop",
        required=True,
        ondelete="cascade",
        index=True,
        domain=[("kind", "=", "collection")],
    )
    draft_id = fields.Many2one(related="stop_id.draft_id", store=True, index=True)
    delivery_stop_id = fields.Many2one(
        "customer.portal.order.draft.stop",
        string="Delivered To",
        ondelete="set null",
        index="btree_not_null",
        domain="[('draft_id', '=', draft_id), ('kind', '=', 'delivery')]",
    )

    @api.constrains("stop_id", "delivery_stop_id")
    def _check_stops(self):
        self._check_goods_stops(
            "draft_id", _("Goods can only go to a delivery stop of the same order.")
        )

    def _prepare_route_goods_vals(self):
        """Values of the route.goods created from these goods (the stops are
        mapped by the caller)."""
        return self._get_shared_goods_values()
