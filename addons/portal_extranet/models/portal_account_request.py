from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import single_email_re


class PortalAccountRequest(models.Model):
    """A visitor's request for portal access, approved or rejected by staff."""

    _name = "portal.account.request"
    _description = "Portal Account Request"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"
    _rec_name = "company_name"

    company_name = fields.Char(required=True, tracking=True)
    vat = fields.Char(string="VAT")
    contact_name = fields.Char(required=True)
    email = fields.Char(string="E-mail", required=True, tracking=True)
    phone = fields.Char()
    message = fields.Text()
    state = fields.Selection(
        [("new", "To review"), ("approved", "Approved"), ("rejected", "Rejected")],
        default="new",
        required=True,
        tracking=True,
    )
    partner_id = fields.Many2one("res.partner", string="Customer Company", tracking=True)
    contact_id = fields.Many2one("res.partner")
    handled_by_id = fields.Many2one("res.users", readonly=True)
    handled_on = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.model
    def _validate_public_form(self, form):
        """Return (values, errors by field) from the public request form."""
        values = {
            name: (form.get(name) or "").strip()
            for name in ("company_name", "vat", "contact_name", "email", "phone", "message")
        }
        errors = {}
        for name in ("company_name", "contact_name", "email"):
            if not values[name]:
                errors[name] = _("This field is required.")
        if values["email"] and not single_email_re.match(values["email"]):
            errors["email"] = _("Enter a valid e-mail.")
        if values["phone"]:
            formatted = self.env["res.partner"]._extranet_format_phone(values["phone"])
            if formatted:
                values["phone"] = formatted
            else:
                errors["phone"] = _("Enter a valid phone number.")
        return values, errors

    def _find_or_create_company(self):
        self.ensure_one()
        Partner = self.env["res.partner"]
        company = self.partner_id
        if not company and self.vat:
            company = Partner.search([("vat", "=", self.vat), ("is_company", "=", True)], limit=1)
        if not company:
            company = Partner.search(
                [("name", "=ilike", self.company_name), ("is_company", "=", True)], limit=1
            )
        return company or Partner.create(
            {"name": self.company_name, "vat": self.vat or False, "is_company": True}
        )

    def _find_or_create_contact(self, company):
        self.ensure_one()
        Partner = self.env["res.partner"]
        contact = self.contact_id or Partner.search(
            [("email", "=ilike", self.email), ("parent_id", "=", company.id)], limit=1
        )
        return contact or Partner.create(
            {
                "name": self.contact_name,
                "email": self.email,
                "phone": self.phone or False,
                "parent_id": company.id,
                "extranet_role": "manager",
            }
        )

    def action_approve(self):
        """Create or link the company and the contact, then invite the contact
        through Odoo's portal wizard: they choose their password from the link."""
        for request in self:
            if request.state != "new":
                raise UserError(_("Only requests to review can be approved."))
            company = request._find_or_create_company()
            contact = request._find_or_create_contact(company)
            line = contact._extranet_portal_wizard_line()
            if line.is_portal or line.is_internal:
                request.message_post(body=_("The contact already has access: no invitation sent."))
            else:
                line.action_grant_access()
            request.write(
                {
                    "state": "approved",
                    "partner_id": company.id,
                    "contact_id": contact.id,
                    "handled_by_id": self.env.user.id,
                    "handled_on": fields.Datetime.now(),
                }
            )
        return True

    def action_reject(self):
        template = self.env.ref("portal_extranet.mail_template_account_request_rejected")
        for request in self:
            if request.state != "new":
                raise UserError(_("Only requests to review can be rejected."))
            template.send_mail(request.id)  # queued; the visitor has no partner to notify
            request.message_post(body=_("Request declined; the requester was told by e-mail."))
        self.write(
            {
                "state": "rejected",
                "handled_by_id": self.env.user.id,
                "handled_on": fields.Datetime.now(),
            }
        )
        return True
