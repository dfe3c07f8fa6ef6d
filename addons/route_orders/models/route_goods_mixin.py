from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from .route_stop_mixin import _field_values

# The fields all goods share, copied as they are to the goods of a real order.
ROUTE_GOODS_SHARED_FIELDS = (
    "sequence",
    "description",
    "packaging_type_id",
    "product_id",
    "quantity",
    "weight",
    "length",
    "width",
    "height",
)


class RouteGoodsMixin(models.AbstractModel):
    """What goods are, wherever they live: on a stop of an order (route.goods) or
    on a stop of a regular order template (route.regular.order.goods)."""

    _name = "route.goods.mixin"
    _description = "Goods (shared fields)"

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

    @api.constrains("quantity", "weight", "length", "width", "height")
    def _check_measures(self):
        for goods in self:
            if min(goods.quantity, goods.weight, goods.length, goods.width, goods.height) < 0:
                raise ValidationError(
                    _("Quantities, weights and sizes of goods cannot be negative.")
                )

    @api.onchange("product_id")
    def _onchange_product_id(self):
        if self.product_id and not self.description:
            self.description = self.product_id.display_name
        if self.product_id and not self.weight:
            self.weight = self.product_id.weight * (self.quantity or 1.0)

    def _get_shared_goods_values(self):
        """The shared fields of these goods, as values to create goods elsewhere (the
        stops are linked by the caller)."""
        self.ensure_one()
        return _field_values(self, ROUTE_GOODS_SHARED_FIELDS)

    def _check_goods_stops(self, parent_field, message):
        """Goods are collected at a collection stop and go to a delivery stop of the same
        ``parent_field`` (order, template or draft); ``message`` is raised otherwise."""
        for goods in self:
            if goods.stop_id.kind != "collection":
                raise ValidationError(_("Goods belong to a collection stop."))
            delivery = goods.delivery_stop_id
            if delivery and (
                delivery.kind != "delivery" or delivery[parent_field] != goods[parent_field]
            ):
                raise ValidationError(message)
