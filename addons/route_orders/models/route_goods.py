from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class RouteGoods(models.Model):
    """Goods picked up at a collection stop (and, on one collection → many
    deliveries orders, the delivery stop they go to)."""

    _name = "route.goods"
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
    sequence = fields.Integer(default=10)
    description = fields.Char(required=True)
    packaging_type_id = fields.Many2one("route.packaging.type", string="Packaging")
    product_id = fields.Many2one("product.product")
    quantity = fields.Float(default=1.0, digits="Product Unit of Measure")
    weight = fields.Float(string="Weight (kg)", help="Total weight of these goods.")
    # pylint-odoo reads "length" as the old API's column size keyword: a false positive
    length = fields.Float(string="Length (cm)")  # pylint: disable=attribute-deprecated
    width = fields.Float(string="Width (cm)")
    height = fields.Float(string="Height (cm)")
    volume = fields.Float(
        string="Volume (m³)",
        compute="_compute_volume",
        store=True,
        digits=(16, 3),
        help="Quantity × length × width × height.",
    )

    @api.depends("quantity", "length", "width", "height")
    def _compute_volume(self):
        for goods in self:
            goods.volume = goods.quantity * goods.length * goods.width * goods.height / 1e6

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id and not self.description:
            self.description = self.product_id.display_name
        if self.product_id and not self.weight:
            self.weight = self.product_id.weight * (self.quantity or 1.0)

    @api.constrains("quantity", "weight", "length", "width", "height")
    def _check_measures(self):
        for goods in self:
            if min(goods.quantity, goods.weight, goods.length, goods.width, goods.height) < 0:
                raise ValidationError(
                    _("Quantities, weights and sizes of goods cannot be negative.")
                )

    @api.constrains("stop_id", "delivery_stop_id")
    def _check_stops(self):
        for goods in self:
            if goods.stop_id.kind != "collection":
                raise ValidationError(_("Goods belong to a collection stop."))
            delivery = goods.delivery_stop_id
            if delivery and (delivery.kind != "delivery" or delivery.order_id != goods.order_id):
                raise ValidationError(_("Goods can only go to a delivery stop of the same order."))
