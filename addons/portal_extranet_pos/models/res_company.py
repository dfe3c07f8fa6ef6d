from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    extranet_pos_cashier_display = fields.Selection(
        [("name", "Name"), ("reference", "Reference")],
        string="Cashier on Receipts",
        default="name",
        required=True,
        help="How POS receipts in the extranet show who served the customer: the cashier's "
        "name (as on the printed receipt), or a neutral reference such as 'Cashier #7' that "
        "staff can trace back but that does not reveal the person.",
    )
