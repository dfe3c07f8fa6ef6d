from odoo import fields, models


class PortalMembershipClass(models.Model):
    """A membership class customers pick for their company (e.g. a fee class)."""

    _name = "portal.membership.class"
    _description = "Membership Class"
    _order = "sequence, name"

    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
