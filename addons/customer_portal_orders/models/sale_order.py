from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

WEB_ORDER_ORIGINS = [
    ("portal", "Portal"),
    ("link", "Order link"),
    ("upload", "Portal upload"),
    ("import", "Import"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # --- Web orders: where an order arrived from, and whether staff saw it
    web_origin = fields.Selection(
        WEB_ORDER_ORIGINS,
        string="Arrived From",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="Set on orders and quote requests that customers placed themselves; "
        "empty for orders entered by staff.",
    )
    web_quote_request = fields.Boolean(
        string="Quote Request",
        copy=False,
        readonly=True,
        help="The customer asked for a quote instead of placing an order.",
    )
    web_acknowledged_date = fields.Datetime(string="Acknowledged On", copy=False, readonly=True)
    web_acknowledged_by_id = fields.Many2one(
        "res.users", string="Acknowledged By", copy=False, readonly=True
    )

    # ------------------------------------------------------------------
    # Requests customers sent: staff price and send them before they can be accepted
    # ------------------------------------------------------------------
    def _is_web_request_awaiting_staff(self):
        self.ensure_one()
        return self.state == "draft" and bool(self.web_origin)

    def _has_to_be_signed(self):
        return super()._has_to_be_signed() and not self._is_web_request_awaiting_staff()

    def _has_to_be_paid(self):
        return super()._has_to_be_paid() and not self._is_web_request_awaiting_staff()

    # ------------------------------------------------------------------
    # Staff web orders panel: acknowledge, send the confirmation
    # ------------------------------------------------------------------
    @api.model
    def _get_web_orders_to_acknowledge_count(self):
        """Web orders the current user may read that nobody acknowledged yet."""
        if not self.has_access("read"):
            return 0
        return self.search_count(
            [("web_origin", "!=", False), ("web_acknowledged_date", "=", False)]
        )

    def action_web_acknowledge(self):
        """Mark web orders as seen by staff: they leave the Web Orders panel."""
        orders = self.filtered(lambda o: o.web_origin and not o.web_acknowledged_date)
        if not orders:
            return True
        orders.write(
            {"web_acknowledged_date": fields.Datetime.now(), "web_acknowledged_by_id": self.env.uid}
        )
        for order in orders:
            order.message_post(
                body=_("Web order acknowledged by %(user)s.", user=self.env.user.name),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_web_send_confirmation(self):
        """Queue the quotation or order confirmation e-mail, with its PDF, per order."""
        for order in self:
            if order.state == "cancel":
                raise UserError(
                    _(
                        "Order %(order)s is cancelled: there is nothing to confirm.",
                        order=order.name,
                    )
                )
            template = order._find_mail_template()
            if not template:
                raise UserError(_("No e-mail template is set for order confirmations."))
            if order.partner_id not in order.message_partner_ids:
                order.message_subscribe(partner_ids=order.partner_id.ids)
            # no force_send: the mail queue sends it after the transaction commits
            order.message_post_with_source(
                template,
                email_layout_xmlid="mail.mail_notification_layout_with_responsible_signature",
                subtype_xmlid="mail.mt_comment",
            )
            if order.state == "draft":
                order.state = "sent"
        return True

    # ------------------------------------------------------------------
    # Portal lists
    # ------------------------------------------------------------------
    def _web_get_next_stops(self):
        """The next planned stop of each order, read in one query for the whole page.

        :return: dict order id -> route.stop
        """
        if not self.ids:
            return {}
        stops = (
            self.env["route.stop"]
            .sudo()
            .search(
                [("order_id", "in", self.ids), ("state", "=", "planned")],
                order="planned_date, scheduled_start, sequence, id",
            )
        )
        next_stops = {}
        for stop in stops:
            next_stops.setdefault(stop.order_id.id, stop)
        return next_stops

    # ------------------------------------------------------------------
    # Cancellation by the customer (portal order page and cancellation link)
    # ------------------------------------------------------------------
    def _web_get_cancel_options(self, partner, now=None):
        """What ``partner`` may cancel on this order now, for the portal pages.

        Own orders are cancelled whole (nothing is invoiced); on a shared route
        each planned stop can be cancelled on its own (stops stay invoiced).

        :return: dict ``order`` (the order policy), ``stop_policies`` (stop id
            -> policy, for every stop), ``stop_level`` (stops are cancelled one by one)
        """
        self.ensure_one()
        order_policy = self.get_cancel_policy(partner=partner, now=now)
        if self.route_order_type == "plain" and order_policy["allowed"]:
            order_policy.update(allowed=False, message=self._web_plain_cancel_refusal())
        stop_level = self.route_transport == "shared"
        stop_policies = {
            stop.id: stop.get_cancel_policy(partner=partner, now=now)
            for stop in self.route_stop_ids
        }
        return {"order": order_policy, "stop_policies": stop_policies, "stop_level": stop_level}

    def _web_is_cancelled_for_customer(self):
        """Nothing is left for the customer to cancel: the order or all its stops are."""
        self.ensure_one()
        if self.state == "cancel":
            return True
        return bool(self.route_stop_ids) and all(
            stop.state == "cancelled" for stop in self.route_stop_ids
        )

    def _web_cancel_by_customer(self, partner, reason=False, channel=False):
        """Cancel the order as ``partner`` asks; idempotent.

        :return: ``"cancelled"``, or ``"already_cancelled"`` when a previous
            request already did it (nothing changes, no second e-mail)
        :raise UserError: when the cancellation policy refuses it
        """
        self.ensure_one()
        if self._web_is_cancelled_for_customer():
            return "already_cancelled"
        if self.route_order_type == "plain":
            raise UserError(self._web_plain_cancel_refusal())
        stops = self.route_stop_ids.filtered(lambda s: s.state == "planned")
        self.action_cancel_by_customer(partner, reason=self._web_cancel_reason(reason, channel))
        self._web_send_cancel_confirmation(stops, partner)
        return "cancelled"

    def _web_cancel_stop_by_customer(self, stop, partner, reason=False, channel=False):
        """Cancel one stop of this order as ``partner`` asks; idempotent."""
        self.ensure_one()
        if stop.order_id != self:
            raise UserError(_("This stop is not part of order %(order)s.", order=self.name))
        if stop.state == "cancelled":
            return "already_cancelled"
        if self.route_transport != "shared":
            raise UserError(
                _(
                    "Stops of an order with its own transport cannot be cancelled one by one: "
                    "cancel the whole order."
                )
            )
        stop._cancel(reason=self._web_cancel_reason(reason, channel), partner=partner)
        self._web_send_cancel_confirmation(stop, partner)
        return "cancelled"

    def _web_cancel_reason(self, reason, channel):
        reason = (reason or "").strip()[:500]
        if channel != "link":
            return reason or False
        if not reason:
            return _("Cancelled via the cancellation link")
        return _("%(reason)s (via the cancellation link)", reason=reason)

    def _web_plain_cancel_refusal(self):
        return _("Orders without stops cannot be cancelled online; contact us to cancel it.")

    def _web_send_cancel_confirmation(self, stops, partner):
        """Queue the cancellation confirmation e-mail to the customer and to whoever
        cancelled (a contact of the customer; the company itself with a link)."""
        template = self.env.ref(
            "customer_portal_orders.mail_template_order_cancelled", raise_if_not_found=False
        )
        if not template:
            return
        recipients = (self.partner_id | partner).filtered("email")
        email_values = {"recipient_ids": [Command.link(pid) for pid in recipients.ids]}
        template.sudo().with_context(web_cancelled_stop_ids=stops.ids).send_mail(
            self.id, force_send=False, email_values=email_values if recipients else None
        )

    # --- Order status digests: record the changes customers are told about

    def _portal_watched(self, event):
        """The orders whose company has an active status rule for ``event``."""
        rules = self.env["customer.portal.status.rule"]
        return self.filtered(lambda o: rules._portal_watches(o.company_id, event))

    def write(self, vals):
        by_state = self._portal_watched("order_state") if "state" in vals else self.browse()
        old_states = {order: order.state for order in by_state}
        dated_lines = self.browse().order_line
        if {"commitment_date", "date_order"} & set(vals):
            # confirmation sets date_order: only confirmed orders' dates are news
            confirmed = self.filtered(lambda o: o.state == "sale")
            dated_lines = confirmed._portal_watched("expected_date").order_line
        old_dates = dated_lines._portal_expected_dates()
        res = super().write(vals)
        if old_states:
            self._portal_record_state_changes(old_states)
        if dated_lines:
            dated_lines._portal_record_expected_dates(old_dates)
        return res

    def _portal_record_state_changes(self, old_states):
        entries = [
            {"order": order, "field_name": "state", "old": old, "new": order.state}
            for order, old in old_states.items()
            # drafts and quotations sent are not news to the customer
            if order.state != old and (order.state in ("sale", "cancel") or old == "sale")
        ]
        self.env["customer.portal.status.change"]._portal_record("order_state", entries)
