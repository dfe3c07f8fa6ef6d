from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    route_collection_product_id = fields.Many2one(
        related="company_id.route_collection_product_id", readonly=False
    )
    route_delivery_product_id = fields.Many2one(
        related="company_id.route_delivery_product_id", readonly=False
    )
    route_cancel_cutoff_hours = fields.Float(
        related="company_id.route_cancel_cutoff_hours", readonly=False
    )
    route_regular_horizon_days = fields.Integer(
        related="company_id.route_regular_horizon_days", readonly=False
    )
