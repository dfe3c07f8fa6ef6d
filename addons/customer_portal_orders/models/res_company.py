from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    portal_order_lead_hours = fields.Float(
        string="Portal Order Lead Time (hours)",
        default=2.0,
        help="A preferred collection or delivery time chosen in the portal order "
        "wizard must be at least this many hours from now.",
    )
    portal_order_max_files = fields.Integer(
        string="Portal Order Documents (max)",
        default=10,
        help="How many documents a customer may attach to an order placed in the portal.",
    )
    portal_order_max_file_mb = fields.Float(
        string="Portal Order Document Size (MB)",
        default=10.0,
        help="Largest document a customer may attach to a portal order.",
    )
