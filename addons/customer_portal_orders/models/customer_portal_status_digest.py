from odoo import Command, _, api, fields, models
from odoo.tools.misc import format_date

# Times a digest e-mail in exception is put back in the queue before giving up
MAIL_RETRIES = 3
SMS_MAX_LENGTH = 480  # three SMS parts


class CustomerPortalStatusDigest(models.Model):
    """What one run sent to one customer: the changes, the e-mail and the SMS."""

    _name = "customer.portal.status.digest"
    _description = "Order Status Digest"
    _order = "id desc"

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True, index=True
    )
    change_ids = fields.One2many(
        "customer.portal.status.change", "digest_id", string="Changes", readonly=True
    )
    mail_id = fields.Many2one("mail.mail", string="E-mail", readonly=True, ondelete="set null")
    mail_state = fields.Selection(related="mail_id.state", string="E-mail Status")
    email_recipient_ids = fields.Many2many(
        "res.partner",
        "customer_portal_status_digest_email_rel",
        string="E-mail Recipients",
        readonly=True,
    )
    sms_ids = fields.Many2many("sms.sms", string="Text Messages", readonly=True)
    body_html = fields.Html(string="E-mail Body", readonly=True, sanitize=False)
    mail_retry_count = fields.Integer(string="E-mail Retries", readonly=True)

    @api.depends("partner_id", "create_date")
    def _compute_display_name(self):
        for digest in self:
            digest.display_name = _(
                "%(customer)s, %(date)s",
                customer=digest.partner_id.display_name,
                date=digest.create_date,
            )

    # --- Content (used by the templates)

    def _portal_base_url(self):
        return self.company_id.get_base_url() if self.company_id else self.get_base_url()

    def _portal_rules(self):
        return self.env["customer.portal.status.rule"]._portal_rule_map(self.company_id.id)

    def _portal_is_secure(self, change):
        return self._portal_rules().get(change.event, (0, 0, False))[2]

    def _portal_sections(self, channel="email"):
        """The digest's changes grouped by order: [{name, url, secure, changes}]."""
        self.ensure_one()
        rules = self._portal_rules()
        base_url = self._portal_base_url()
        tz = self.partner_id.tz
        index = 1 if channel == "sms" else 0
        labels = self.env["customer.portal.status.change"]._portal_labels()
        dates = {}
        sections = []
        for order, changes in self.change_ids.sorted("id").grouped("order_id").items():
            changes = changes.filtered(lambda c: rules.get(c.event, (False,) * 5)[index])
            if not changes:
                continue
            secure = any(rules[c.event][2] for c in changes)
            sections.append(
                {
                    "name": order.name,
                    "reference": order.client_order_ref or "",
                    "url": f"{base_url}/my/orders/{order.id}",
                    "secure": secure,
                    "changes": [c._portal_values(labels, tz) for c in changes],
                }
            )
            for change in sections[-1]["changes"]:
                day = change["date"]
                if day not in dates:
                    dates[day] = format_date(self.env, day)
                change["date"] = dates[day]
        return sections

    def _portal_changes_html(self):
        """The e-mail's table of changes, grouped by order (a QWeb view, compiled
        once, rather than QWeb in the mail template, compiled for every mail)."""
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "customer_portal_orders.status_digest_changes",
            {"sections": self._portal_sections("email")},
        )

    def _portal_sms_text(self):
        """Short text of the digest for an SMS."""
        self.ensure_one()
        parts = []
        for section in self._portal_sections("sms"):
            if section["secure"]:
                parts.append(_("%(order)s: updated", order=section["name"]))
                continue
            news = []
            for change in section["changes"]:
                words = [change["what"], change["product"]]
                if change["has_values"] and change["new"] != "-":
                    words.append(change["new"])
                news.append(" ".join(filter(None, words)))
            parts.append(f"{section['name']}: {', '.join(news)}")
        text = "; ".join(parts)
        if len(text) > SMS_MAX_LENGTH:
            text = text[: SMS_MAX_LENGTH - 3] + "..."
        return text

    def _portal_my_url(self):
        return f"{self._portal_base_url()}/my/orders"

    # --- Recipients: the customer and the contacts who ordered, if they accept

    def _portal_contacts(self):
        self.ensure_one()
        return self.partner_id | self.change_ids.order_id.partner_id

    def _portal_email_recipients(self):
        return self._portal_contacts().filtered(
            lambda p: p.email and p._extranet_accepts("order_status_email")
        )

    def _portal_sms_recipients(self):
        return self._portal_contacts().filtered(
            lambda p: (p.mobile or p.phone) and p._extranet_accepts("order_status_sms")
        )

    # --- Queueing

    def _portal_template(self, channel):
        """The template of the first rule (by sequence) of the digest's events
        that names one, else the default one."""
        self.ensure_one()
        index = 3 if channel == "email" else 4
        events = set(self.change_ids.mapped("event"))
        for event, values in self._portal_rules().items():
            if event in events and values[index]:
                model = "mail.template" if channel == "email" else "sms.template"
                return self.env[model].sudo().browse(values[index])
        xmlid = (
            "customer_portal_orders.mail_template_status_digest"
            if channel == "email"
            else "customer_portal_orders.sms_template_status_digest"
        )
        return self.env.ref(xmlid).sudo()

    def _portal_wants(self, channel):
        index = 0 if channel == "email" else 1
        rules = self._portal_rules()
        return any(
            rules.get(event, (False,) * 5)[index] for event in self.change_ids.mapped("event")
        )

    def _portal_queue_messages(self):
        """Queue the e-mail and SMS of each digest and mark its changes sent
        (skipped when nobody accepts them). Mails are sent by the mail queue."""
        mail_vals, mail_digests = self._portal_prepare_mails()
        mails = self.env["mail.mail"].sudo().create(mail_vals)
        for digest, mail in zip(mail_digests, mails, strict=True):
            digest.write({"mail_id": mail.id, "body_html": mail.body_html})
        sms_vals, sms_digests = self._portal_prepare_sms()
        sms = self.env["sms.sms"].sudo().create(sms_vals)
        for digest, sms_record in zip(sms_digests, sms, strict=True):
            digest.sms_ids = [Command.link(sms_record.id)]
        sent = self.filtered(lambda d: d.mail_id or d.sms_ids)
        sent.change_ids.write({"state": "sent"})
        (self - sent).change_ids.write({"state": "skipped"})

    def _portal_prepare_mails(self):
        to_mail = self.filtered(lambda d: d._portal_wants("email"))
        recipients = {digest: digest._portal_email_recipients() for digest in to_mail}
        to_mail = to_mail.filtered(lambda d: recipients[d])
        vals_list, digests = [], []
        for template, group in to_mail.grouped(lambda d: d._portal_template("email")).items():
            rendered = template._generate_template(
                group.ids, ["subject", "body_html", "email_from", "reply_to"]
            )
            for digest in group:
                values = rendered[digest.id]
                vals_list.append(
                    {
                        "subject": values.get("subject"),
                        "body_html": values.get("body_html"),
                        "email_from": values.get("email_from") or digest.company_id.email_formatted,
                        "reply_to": values.get("reply_to"),
                        "recipient_ids": [Command.set(recipients[digest].ids)],
                        "model": self._name,
                        "res_id": digest.id,
                        "auto_delete": False,
                    }
                )
                digest.email_recipient_ids = recipients[digest]
                digests.append(digest)
        return vals_list, digests

    def _portal_prepare_sms(self):
        vals_list, digests = [], []
        to_sms = self.filtered(lambda d: d._portal_wants("sms"))
        for template, group in to_sms.grouped(lambda d: d._portal_template("sms")).items():
            bodies = template._render_field("body", group.ids, compute_lang=True)
            for digest in group:
                for partner in digest._portal_sms_recipients():
                    number = partner._phone_format(number=partner.mobile or partner.phone)
                    vals_list.append(
                        {
                            "partner_id": partner.id,
                            "number": number or partner.mobile or partner.phone,
                            "body": bodies[digest.id],
                        }
                    )
                    digests.append(digest)
        return vals_list, digests

    # --- Retry of digest e-mails Odoo's queue gave up on

    @api.model
    def _portal_retry_failed_mails(self):
        failed = self.sudo().search(
            [("mail_id.state", "=", "exception"), ("mail_retry_count", "<", MAIL_RETRIES)]
        )
        for digest in failed:
            digest.mail_id.write({"state": "outgoing", "failure_reason": False})
            digest.mail_retry_count += 1
        return failed

    def action_view_changes(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "customer_portal_orders.customer_portal_status_change_action"
        )
        action["domain"] = [("digest_id", "=", self.id)]
        return action
