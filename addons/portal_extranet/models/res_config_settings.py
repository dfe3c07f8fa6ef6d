from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    extranet_name = fields.Char(related="company_id.extranet_name", readonly=False)
    extranet_support_name = fields.Char(related="company_id.extranet_support_name", readonly=False)
    extranet_support_email = fields.Char(
        related="company_id.extranet_support_email", readonly=False
    )
    extranet_support_phone = fields.Char(
        related="company_id.extranet_support_phone", readonly=False
    )
