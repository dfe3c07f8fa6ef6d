from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    extranet_pos_cashier_display = fields.Selection(
        related="company_id.extranet_pos_cashier_display", readonly=False
    )
