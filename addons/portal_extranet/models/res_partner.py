from odoo import Command, _, fields, models

# Personal fields cleared when a person is forgotten
PERSONAL_FIELDS = (
    "email",
    "phone",
    "mobile",
    "street",
    "street2",
    "zip",
    "city",
    "function",
    "website",
    "comment",
    "vat",
    "ref",
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    extranet_role = fields.Selection(
        [("manager", "Company manager"), ("member", "Member")],
        default="member",
        help="A company manager may maintain the company's data, sites and contacts "
        "in the portal; a member sees the company's documents and edits only "
        "their own details.",
    )
    extranet_membership_class_id = fields.Many2one(
        "portal.membership.class", string="Membership Class", tracking=True
    )
    extranet_preference_ids = fields.One2many(
        "portal.communication.preference", "partner_id", string="Communication Preferences"
    )

    def _extranet_format_phone(self, number, country=None):
        """``number`` in international format, read in ``country`` (else the
        company's country); False when it is not a valid phone number."""
        return self._phone_format(
            number=number,
            country=country or self.env.company.country_id,
            force_format="INTERNATIONAL",
        )

    def _extranet_portal_wizard_line(self):
        """Odoo's portal wizard line of this contact, to grant, resend or revoke
        access exactly as staff do from the backend."""
        self.ensure_one()
        wizard = self.env["portal.wizard"].create({"partner_ids": [Command.set(self.ids)]})
        return wizard.user_ids  # the wizard holds just this contact

    def _extranet_accepts(self, topic_code):
        """Whether this person wants messages of the topic (its default if no choice)."""
        self.ensure_one()
        topic = (
            self.env["portal.communication.topic"]
            .sudo()
            .search([("code", "=", topic_code)], limit=1)
        )
        if not topic:
            return True
        choice = self.sudo().extranet_preference_ids.filtered(lambda p: p.topic_id == topic)
        return choice.subscribed if choice else topic.default_subscribed

    def _extranet_set_preferences(self, subscribed_topics):
        """Record the person's choice for every active topic."""
        self.ensure_one()
        topics = self.env["portal.communication.topic"].sudo().search([])
        existing = {p.topic_id: p for p in self.sudo().extranet_preference_ids}
        to_create = []
        for topic in topics:
            wanted = topic in subscribed_topics
            if topic in existing:
                if existing[topic].subscribed != wanted:
                    existing[topic].subscribed = wanted
            else:
                to_create.append(
                    {"partner_id": self.id, "topic_id": topic.id, "subscribed": wanted}
                )
        self.env["portal.communication.preference"].sudo().create(to_create)

    def _extranet_anonymise(self):
        """Forget a person: clear personal data, archive, deactivate users."""
        for partner in self:
            users = partner.with_context(active_test=False).user_ids
            users.sudo().write({"active": False, "login": f"__forgotten_{partner.id}"})
            values = dict.fromkeys(PERSONAL_FIELDS, False)
            values.update(
                name=_("Anonymised contact #%(id)s", id=partner.id),
                active=False,
                image_1920=False,
            )
            partner.sudo().write(values)
            partner.sudo().extranet_preference_ids.unlink()
            partner.sudo().message_post(body=_("Personal data anonymised on request."))
