from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    extranet_name = fields.Char(
        translate=True,
        help="The name customers see for the portal, e.g. 'Customer Extranet'.",
    )
    extranet_support_name = fields.Char(string="Support Name")
    extranet_support_email = fields.Char(string="Support E-mail")
    extranet_support_phone = fields.Char(string="Support Phone")
