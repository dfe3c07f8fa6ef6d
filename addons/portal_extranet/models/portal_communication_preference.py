from odoo import fields, models


class PortalCommunicationPreference(models.Model):
    """A person's choice for one communication topic (absent: the topic's default)."""

    _name = "portal.communication.preference"
    _description = "Communication Preference"
    _rec_name = "topic_id"

    partner_id = fields.Many2one("res.partner", required=True, ondelete="cascade", index=True)
    topic_id = fields.Many2one(
        "portal.communication.topic", required=True, ondelete="cascade", index=True
    )
    subscribed = fields.Boolean()

    _sql_constraints = [
        (
            "partner_topic_unique",
            "unique(partner_id, topic_id)",
            "A person has one preference per topic.",
        ),
    ]
