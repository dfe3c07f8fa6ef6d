from odoo import _, api, fields, models
from odoo.exceptions import UserError


class PortalForgetRequest(models.Model):
    """A customer's request to have their personal data forgotten ("forget me")."""

    _name = "portal.forget.request"
    _description = "Forget-me Request"
    _inherit = ["mail.thread"]
    _order = "create_date desc, id desc"

    partner_id = fields.Many2one(
        "res.partner", string="Person", required=True, ondelete="restrict", index=True
    )
    partner_display = fields.Char(
        string="Requested By", readonly=True, help="The person's name when they asked."
    )
    reason = fields.Text()
    state = fields.Selection(
        [
            ("requested", "Requested"),
            ("done", "Anonymised"),
            ("rejected", "Rejected"),
        ],
        default="requested",
        required=True,
        tracking=True,
    )
    handled_by_id = fields.Many2one("res.users", readonly=True, tracking=True)
    handled_on = fields.Datetime(readonly=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    @api.model
    def _request_for(self, partner, reason=False):
        """Create the person's request once; a pending one is returned as it is."""
        pending = self.search(
            [("partner_id", "=", partner.id), ("state", "=", "requested")], limit=1
        )
        if pending:
            return pending
        request = self.create(
            {"partner_id": partner.id, "partner_display": partner.display_name, "reason": reason}
        )
        request.message_post(
            body=_("%(person)s asked to have their personal data forgotten.", person=partner.name)
        )
        return request

    def _mark_handled(self, state):
        self.write(
            {"state": state, "handled_by_id": self.env.user.id, "handled_on": fields.Datetime.now()}
        )

    def action_approve(self):
        """Anonymise the people: personal data is cleared and archived, their users
        deactivated; invoices and orders keep pointing at the (anonymised) partner."""
        for request in self:
            if request.state != "requested":
                raise UserError(_("Only pending requests can be approved."))
            request.partner_id._extranet_anonymise()
        self._mark_handled("done")
        return True

    def action_reject(self):
        if self.filtered(lambda r: r.state != "requested"):
            raise UserError(_("Only pending requests can be rejected."))
        self._mark_handled("rejected")
        return True
