import logging
import threading

import psycopg2.errors

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools.misc import format_datetime

from .customer_portal_status_rule import STATUS_EVENTS

_logger = logging.getLogger(__name__)

# Customers per claim: one transaction (and one commit in the cron) per batch
DIGEST_BATCH_CUSTOMERS = 100
# Values kept as dates or datetimes (ISO text) and shown in the customer's language
DATE_FIELDS = ("expected_date",)


class CustomerPortalStatusChange(models.Model):
    """One change of an order that a customer is told about, recorded by the
    model hooks when it happens and sent exactly once in a digest."""

    _name = "customer.portal.status.change"
    _description = "Order Status Change"
    _order = "id desc"

    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    partner_id = fields.Many2one(
        "res.partner", string="Customer", required=True, readonly=True, index=True
    )
    order_id = fields.Many2one("sale.order", readonly=True, index=True, ondelete="cascade")
    picking_id = fields.Many2one("stock.picking", readonly=True, ondelete="set null")
    line_id = fields.Many2one("sale.order.line", readonly=True, ondelete="set null")
    product_id = fields.Many2one("product.product", readonly=True, ondelete="set null")
    event = fields.Selection(STATUS_EVENTS, required=True, readonly=True)
    field_name = fields.Char(readonly=True, help="Technical name of the value that changed.")
    detail = fields.Char(readonly=True, help="E.g. the invoice number.")
    old_value = fields.Char(readonly=True)
    new_value = fields.Char(readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("sent", "Sent"), ("skipped", "Nobody to tell")],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    digest_id = fields.Many2one(
        "customer.portal.status.digest", readonly=True, index="btree_not_null"
    )

    # --- Recording (called by the model hooks)

    @api.model
    def _portal_record(self, event, entries):
        """Record ``entries`` (dicts: order, and optional picking, line, product,
        field_name, detail, old, new) when the order's company has an active rule
        for ``event``. Quotations only count for order status changes."""
        rules = self.env["customer.portal.status.rule"]
        vals_list = []
        for entry in entries:
            order = entry["order"]
            if not order or (event != "order_state" and order.state != "sale"):
                continue
            if not rules._portal_watches(order.company_id, event):
                continue
            vals_list.append(
                {
                    "company_id": order.company_id.id,
                    "partner_id": order.partner_id.commercial_partner_id.id,
                    "order_id": order.id,
                    "picking_id": entry.get("picking", self.env["stock.picking"]).id,
                    "line_id": entry.get("line", self.env["sale.order.line"]).id,
                    "product_id": entry.get("product", self.env["product.product"]).id,
                    "event": event,
                    "field_name": entry.get("field_name"),
                    "detail": entry.get("detail"),
                    "old_value": _as_text(entry.get("old")),
                    "new_value": _as_text(entry.get("new")),
                }
            )
        return self.sudo().create(vals_list)

    # --- Display in the customer's language

    @api.model
    def _portal_labels(self):
        """Labels of events and order states in the environment's language,
        computed once per digest run rather than once per change."""
        order_fields = self.env["sale.order"]._fields
        return {
            "event": dict(self._fields["event"]._description_selection(self.env)),
            "state": dict(order_fields["state"]._description_selection(self.env)),
            "invoice_status": dict(order_fields["invoice_status"]._description_selection(self.env)),
            "invoice": _("Invoice posted"),
        }

    def _portal_display_value(self, value, labels, tz=None):
        self.ensure_one()
        if not value:
            return "-"
        if self.field_name in ("state", "invoice_status"):
            return labels[self.field_name].get(value, value)
        if self.field_name in DATE_FIELDS:
            dt = fields.Datetime.to_datetime(value)
            return format_datetime(self.env, dt, tz=tz, dt_format="short")
        if self.field_name == "qty":
            uom = self.line_id.product_uom.name or ""
            return f"{float(value):g} {uom}".strip()
        return value

    def _portal_values(self, labels, tz=None):
        """What the digest shows of this change, in the environment's language."""
        self.ensure_one()
        what = labels["event"][self.event]
        if self.field_name == "invoice":
            what = labels["invoice"]
        return {
            "date": self.create_date.date(),
            "what": what,
            "product": self.product_id.display_name or "",
            "picking": self.picking_id.name or "",
            "detail": self.detail or "",
            "old": self._portal_display_value(self.old_value, labels, tz),
            "new": self._portal_display_value(self.new_value, labels, tz),
            "has_values": bool(self.old_value or self.new_value),
        }

    # --- Sending

    def action_send_digests_now(self):
        """Staff's "Run now": the same run as the scheduled action."""
        if not self.env.user.has_group("sales_team.group_sale_manager"):
            raise AccessError(_("Only sales managers may send the order status digests."))
        digests = self.sudo()._portal_send_digests()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(count)s status digests queued for %(changes)s changes.",
                    count=len(digests),
                    changes=len(digests.change_ids),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_send_digests(self):
        # commit per customer batch, except in tests (as Odoo's mail queue)
        self._portal_send_digests(
            auto_commit=not getattr(threading.current_thread(), "testing", False)
        )

    @api.model
    def _portal_send_digests(self, auto_commit=False):
        """Send one digest per customer (and company) for every pending change.

        Pending rows are claimed with FOR UPDATE SKIP LOCKED, the mails and SMS
        are queued and the rows marked sent in the same transaction: a run that
        crashes sends nothing, and two runs never send the same change.
        Returns the digests created."""
        self.env["customer.portal.status.digest"]._portal_retry_failed_mails()
        if auto_commit:
            self.env.cr.commit()  # pylint: disable=invalid-commit
        digests = self.env["customer.portal.status.digest"]
        last_partner_id = 0
        while True:
            self.flush_model(["state", "partner_id"])
            self.env.cr.execute(
                """SELECT DISTINCT partner_id FROM customer_portal_status_change
                    WHERE state = 'pending' AND partner_id > %s
                 ORDER BY partner_id LIMIT %s""",
                [last_partner_id, DIGEST_BATCH_CUSTOMERS],
            )
            partner_ids = [row[0] for row in self.env.cr.fetchall()]
            if not partner_ids:
                break
            last_partner_id = partner_ids[-1]
            try:
                digests |= self._portal_send_batch(partner_ids)
                if auto_commit:
                    self.env.cr.commit()  # pylint: disable=invalid-commit
            except psycopg2.errors.SerializationFailure:
                if not auto_commit:
                    raise  # the request is retried by Odoo
                # another run sent (and committed) these changes meanwhile
                self.env.cr.rollback()
                self.env.invalidate_all()
                _logger.info("Status digests: changes claimed by a concurrent run skipped")
        return digests

    @api.model
    def _portal_claim(self, partner_ids):
        self.flush_model(["state", "partner_id"])
        self.env.cr.execute(
            """SELECT id FROM customer_portal_status_change
                WHERE state = 'pending' AND partner_id IN %s
             ORDER BY id FOR UPDATE SKIP LOCKED""",
            [tuple(partner_ids)],
        )
        return self.browse([row[0] for row in self.env.cr.fetchall()])

    @api.model
    def _portal_send_batch(self, partner_ids):
        changes = self._portal_claim(partner_ids)
        if not changes:
            return self.env["customer.portal.status.digest"]
        groups = changes.grouped(lambda c: (c.company_id, c.partner_id))
        Digest = self.env["customer.portal.status.digest"].sudo()
        digests = Digest.create(
            [{"company_id": company.id, "partner_id": partner.id} for company, partner in groups]
        )
        for digest, group in zip(digests, groups.values(), strict=True):
            group.write({"digest_id": digest.id})
        digests._portal_queue_messages()
        return digests


def _as_text(value):
    if value is False or value is None:
        return False
    if isinstance(value, float):
        return f"{value:g}"
    if hasattr(value, "isoformat"):
        return fields.Datetime.to_string(value) if hasattr(value, "hour") else str(value)
    return str(value)
