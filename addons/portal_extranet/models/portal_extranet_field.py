from odoo import api, fields, models

# Fields customers may ever see or edit per portal section (a whitelist: nothing
# else can be written through the portal forms), with their default settings.
FIELD_CATALOG = {
    "company": [
        ("name", True, True, True),
        ("vat", True, True, False),
        ("street", True, True, True),
        ("street2", True, True, False),
        ("zip", True, True, True),
        ("city", True, True, True),
        ("country_id", True, True, True),
        ("phone", True, True, False),
        ("email", True, True, False),
        ("website", True, True, False),
        ("extranet_membership_class_id", False, False, False),
    ],
    "site": [
        ("name", True, True, True),
        ("type", True, True, True),
        ("street", True, True, True),
        ("street2", True, True, False),
        ("zip", True, True, True),
        ("city", True, True, True),
        ("country_id", True, True, True),
        ("phone", True, True, False),
        ("email", True, True, False),
        ("comment", True, True, False),
    ],
    "contact": [
        ("name", True, True, True),
        ("function", True, True, False),
        ("email", True, True, True),
        ("phone", True, True, False),
        ("mobile", True, True, False),
    ],
}
SECTIONS = [("company", "Company data"), ("site", "Sites"), ("contact", "Contacts")]


class PortalExtranetField(models.Model):
    """Whether customers see, edit and must fill a field of a portal section."""

    _name = "portal.extranet.field"
    _description = "Extranet Field Setting"
    _order = "company_id, section, sequence, id"

    company_id = fields.Many2one(
        "res.company", required=True, ondelete="cascade", default=lambda self: self.env.company
    )
    section = fields.Selection(SECTIONS, required=True)
    field_name = fields.Char(required=True)
    field_label = fields.Char(compute="_compute_field_label")
    sequence = fields.Integer(default=10)
    shown = fields.Boolean(default=True)
    editable = fields.Boolean(default=True)
    required = fields.Boolean()

    _sql_constraints = [
        (
            "field_unique",
            "unique(company_id, section, field_name)",
            "A field appears once per section.",
        ),
    ]

    @api.depends("field_name")
    def _compute_field_label(self):
        partner_fields = self.env["res.partner"]._fields
        for setting in self:
            field = partner_fields.get(setting.field_name)
            setting.field_label = field._description_string(self.env) if field else ""

    @api.model
    def _get_settings(self, company, section):
        """The section's field settings for the company, in display order: stored
        settings where staff made them, catalog defaults for the others."""
        stored = {
            s.field_name: s
            for s in self.sudo().search(
                [("company_id", "=", company.id), ("section", "=", section)]
            )
        }
        settings = []
        for index, (name, shown, editable, required) in enumerate(FIELD_CATALOG[section]):
            setting = stored.get(name)
            if setting:
                shown, editable, required = setting.shown, setting.editable, setting.required
            settings.append(
                {
                    "name": name,
                    "shown": shown,
                    "editable": shown and editable,
                    "required": shown and editable and required,
                    "sequence": setting.sequence if setting else index,
                }
            )
        return sorted(settings, key=lambda s: s["sequence"])

    @api.model
    def action_load_catalog(self):
        """Create the settings rows of the current company from the catalog."""
        company = self.env.company
        existing = set(
            self.search([("company_id", "=", company.id)]).mapped(
                lambda s: (s.section, s.field_name)
            )
        )
        self.create(
            [
                {
                    "company_id": company.id,
                    "section": section,
                    "field_name": name,
                    "sequence": index,
                    "shown": shown,
                    "editable": editable,
                    "required": required,
                }
                for section, catalog in FIELD_CATALOG.items()
                for index, (name, shown, editable, required) in enumerate(catalog)
                if (section, name) not in existing
            ]
        )
        return {"type": "ir.actions.client", "tag": "reload"}
