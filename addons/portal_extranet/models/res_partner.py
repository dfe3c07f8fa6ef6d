from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    extranet_role = fields.Selection(
        [("manager", "Company manager"), ("member", "Member")],
        default="member",
        help="A company manager may maintain the company's data, sites and contacts "
        "in the portal; a member sees the company's documents and edits only "
        "their own details.",
    )
