from odoo import api, fields, models, tools

STATUS_EVENTS = [
    ("order_state", "Order status"),
    ("slip_printed", "Delivery slip printed"),
    ("picked", "Picked"),
    ("tracking_ref", "Tracking number"),
    ("delivered_qty", "Delivered quantity"),
    ("expected_date", "Expected delivery date"),
    ("goods_received", "Back in stock"),
]


class CustomerPortalStatusRule(models.Model):
    """Which order events a company tells its customers about, and how."""

    _name = "customer.portal.status.rule"
    _description = "Order Status Notification Rule"
    _order = "company_id, sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(
        default=10, help="The first rule of a digest chooses its e-mail and SMS templates."
    )
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    event = fields.Selection(
        STATUS_EVENTS,
        required=True,
        help="Order status: the order is confirmed or cancelled, or an invoice of it is "
        "posted. Delivery slip printed: by staff, not the customer's own download. "
        "Back in stock: a product's available quantity goes from zero to positive; "
        "customers with open order lines of it are told.",
    )
    channel = fields.Selection(
        [("email", "E-mail"), ("sms", "SMS"), ("both", "E-mail and SMS")],
        required=True,
        default="email",
    )
    mail_template_id = fields.Many2one(
        "mail.template",
        string="E-mail Template",
        domain=[("model", "=", "customer.portal.status.digest")],
        help="Template of the digest e-mail; empty: the default status digest template.",
    )
    sms_template_id = fields.Many2one(
        "sms.template",
        string="SMS Template",
        domain=[("model", "=", "customer.portal.status.digest")],
        help="Template of the digest text message; empty: the default one.",
    )
    secure = fields.Boolean(
        help="Tell only that the order changed, with a link to the portal: no "
        "quantities, dates, tracking numbers or products in the message.",
    )

    @api.model
    @tools.ormcache("company_id")
    def _portal_rule_map(self, company_id):
        """{event: (email, sms, secure, mail template id, sms template id)} of the
        company's active rules; cached, as every hook asks it."""
        rules = (
            self.sudo()
            .with_context(active_test=True)
            .search([("company_id", "=", company_id)], order="sequence, id")
        )
        result = {}
        for rule in rules:
            email, sms, secure, mail_template, sms_template = result.get(
                rule.event, (False, False, False, 0, 0)
            )
            result[rule.event] = (
                email or rule.channel in ("email", "both"),
                sms or rule.channel in ("sms", "both"),
                secure or rule.secure,
                mail_template or rule.mail_template_id.id,
                sms_template or rule.sms_template_id.id,
            )
        return result

    @api.model
    def _portal_watches(self, company, event):
        return event in self._portal_rule_map(company.id)

    @api.model_create_multi
    def create(self, vals_list):
        self.env.registry.clear_cache()
        return super().create(vals_list)

    def write(self, vals):
        self.env.registry.clear_cache()
        return super().write(vals)

    def unlink(self):
        self.env.registry.clear_cache()
        return super().unlink()
