from odoo import fields, models


class RoutePackagingType(models.Model):
    _name = "route.packaging.type"
    _description = "Packaging Type of Goods"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(help="Short code used in imported files, e.g. PAL or PARCEL.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each packaging type needs its own code."),
    ]
