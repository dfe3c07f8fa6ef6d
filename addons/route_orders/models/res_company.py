from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    route_collection_product_id = fields.Many2one(
        "product.product",
        string="Collection Stop Service",
        domain=[("type", "=", "service")],
        help="Service product that prices each collection stop of a route order.",
    )
    route_delivery_product_id = fields.Many2one(
        "product.product",
        string="Delivery Stop Service",
        domain=[("type", "=", "service")],
        help="Service product that prices each delivery stop of a route order.",
    )
    route_cancel_cutoff_hours = fields.Float(
        string="Cancellation Cut-off (hours)",
        default=24.0,
        help="Customers may cancel a stop until this many hours before its time.",
    )
    route_regular_horizon_days = fields.Integer(
        string="Regular Orders Horizon (days)",
        default=14,
        help="The scheduled action generates the orders of regular orders this many days ahead.",
    )
