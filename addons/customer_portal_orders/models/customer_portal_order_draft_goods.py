from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


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
        for goods in self:
            if goods.stop_id.kind != "collection":
                raise ValidationError(_("Goods belong to a collection stop."))
            delivery = goods.delivery_stop_id
            if delivery and (delivery.kind != "delivery" or delivery.draft_id != goods.draft_id):
                raise ValidationError(_("Goods can only go to a delivery stop of the same order."))

    def _prepare_route_goods_vals(self):
        """Values of the route.goods created from these goods (the stops are
        mapped by the caller)."""
        self.ensure_one()
        return {
            "sequence": self.sequence,
            "description": self.description,
            "packaging_type_id": self.packaging_type_id.id,
            "quantity": self.quantity,
            "weight": self.weight,
            "length": self.length,
            "width": self.width,
            "height": self.height,
        }
