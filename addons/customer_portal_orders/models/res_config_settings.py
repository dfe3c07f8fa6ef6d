from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    portal_order_lead_hours = fields.Float(
        related="company_id.portal_order_lead_hours", readonly=False
    )
    portal_order_max_files = fields.Integer(
        related="company_id.portal_order_max_files", readonly=False
    )
    portal_order_max_file_mb = fields.Float(
        related="company_id.portal_order_max_file_mb", readonly=False
    )
