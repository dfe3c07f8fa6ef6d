from odoo import fields, models


class PortalCommunicationTopic(models.Model):
    """A kind of message customers can choose to receive or not. Other addons add
    their own topics as data records and ask ``partner._extranet_accepts(code)``."""

    _name = "portal.communication.topic"
    _description = "Communication Topic"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(
        required=True, help="Technical key other addons use, e.g. order_status_email."
    )
    description = fields.Char(translate=True)
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS")], required=True, default="email"
    )
    default_subscribed = fields.Boolean(
        string="On by Default",
        default=True,
        help="Whether customers receive these messages until they choose otherwise.",
    )
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each communication topic needs its own code."),
    ]
