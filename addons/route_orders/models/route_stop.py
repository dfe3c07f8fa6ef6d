from datetime import datetime, time, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import format_datetime


def _float_to_time(hours):
    hours = min(max(hours or 0.0, 0.0), 24.0)
    if hours >= 24.0:
        return time(23, 59, 59)
    minutes = round(hours * 60)
    return time(minutes // 60, minutes % 60)


class RouteStop(models.Model):
    """A stop ("routepoint") of a route order: a collection or a delivery."""

    _name = "route.stop"
    _inherit = ["route.stop.mixin"]
    _description = "Route Stop"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(
        "res.partner",
        string="Customer",
        related="order_id.partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    route_id = fields.Many2one(related="order_id.route_id", store=True, index=True)
    route_transport = fields.Selection(related="order_id.route_transport", store=True)
    partner_id = fields.Many2one(index=True)
    address = fields.Char(compute="_compute_address")

    # When
    date = fields.Date(help="Preferred day of the stop, in the stop's timezone.")
    scheduled_start = fields.Datetime(compute="_compute_schedule", store=True, index=True)
    scheduled_end = fields.Datetime(compute="_compute_schedule", store=True)
    planned_date = fields.Date(
        compute="_compute_planned_date",
        store=True,
        index=True,
        help="The stop's preferred day, or the run date of its route.",
    )

    # Goods
    goods_ids = fields.One2many("route.goods", "stop_id", copy=True)
    delivered_goods_ids = fields.One2many(
        "route.goods", "delivery_stop_id", string="Goods Delivered Here"
    )
    total_quantity = fields.Float(compute="_compute_totals", store=True)
    total_weight = fields.Float(string="Total Weight (kg)", compute="_compute_totals", store=True)
    total_volume = fields.Float(
        string="Total Volume (m³)", compute="_compute_totals", store=True, digits=(16, 3)
    )

    # State and pricing
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        copy=False,
        index=True,
    )
    cancel_reason = fields.Char(copy=False)
    cancel_date = fields.Datetime(string="Cancelled On", copy=False, readonly=True)
    cancelled_by_id = fields.Many2one("res.users", copy=False, readonly=True)

    # ------------------------------------------------------------------
    # Computes and checks
    # ------------------------------------------------------------------
    @api.depends(
        "partner_id.street",
        "partner_id.street2",
        "partner_id.zip",
        "partner_id.city",
        "partner_id.country_id",
        "street",
        "street2",
        "zip",
        "city",
        "country_id",
    )
    def _compute_address(self):
        for stop in self:
            source = stop.partner_id or stop  # the site's address, or the one-off one
            town = f"{source.zip or ''} {source.city or ''}".strip()
            parts = [source.street, source.street2, town, source.country_id.name]
            stop.address = ", ".join(filter(None, parts))

    @api.depends("time_mode", "date", "time_from", "time_to", "tz")
    def _compute_schedule(self):
        for stop in self:
            if stop.time_mode != "slot" or not stop.date:
                stop.scheduled_start = stop.scheduled_end = False
                continue
            zone = pytz.timezone(stop.tz or "UTC")
            end_hours = stop.time_to or stop.time_from

            def to_utc(hours, zone=zone, day=stop.date):
                local = zone.localize(datetime.combine(day, _float_to_time(hours)))
                return local.astimezone(pytz.utc).replace(tzinfo=None)

            stop.scheduled_start = to_utc(stop.time_from)
            stop.scheduled_end = to_utc(end_hours)

    @api.depends("date", "order_id.route_date")
    def _compute_planned_date(self):
        for stop in self:
            stop.planned_date = stop.date or stop.order_id.route_date

    @api.depends(
        "kind",
        "goods_ids.quantity",
        "goods_ids.weight",
        "goods_ids.volume",
        "delivered_goods_ids.quantity",
        "delivered_goods_ids.weight",
        "delivered_goods_ids.volume",
    )
    def _compute_totals(self):
        for stop in self:
            goods = stop.goods_ids if stop.kind == "collection" else stop.delivered_goods_ids
            stop.total_quantity = sum(goods.mapped("quantity"))
            stop.total_weight = sum(goods.mapped("weight"))
            stop.total_volume = sum(goods.mapped("volume"))

    @api.constrains("time_mode", "date")
    def _check_slot_has_date(self):
        for stop in self:
            if stop.time_mode == "slot" and not stop.date:
                raise ValidationError(_("A stop with a preferred time needs a date."))

    # ------------------------------------------------------------------
    # CRUD: phone formatting and order line sync
    # ------------------------------------------------------------------
    def _get_customer_country(self, vals):
        order = self.env["sale.order"].browse(vals.get("order_id")) or self.order_id
        return order.partner_id.commercial_partner_id.country_id

    @api.model_create_multi
    def create(self, vals_list):
        stops = super().create(vals_list)
        if not self.env.context.get("route_skip_line_sync"):
            stops.order_id._sync_route_stop_lines()
        return stops

    def write(self, vals):
        result = super().write(vals)
        line_fields = {"kind", "state", "partner_id", "city", "date", "time_mode"}
        if line_fields & set(vals) and not self.env.context.get("route_skip_line_sync"):
            self.order_id._sync_route_stop_lines()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_confirmed_order(self):
        for stop in self:
            if stop.order_id.state == "sale":
                raise UserError(
                    _(
                        "Stops of confirmed order %(order)s cannot be deleted: cancel them.",
                        order=stop.order_id.name,
                    )
                )

    # ------------------------------------------------------------------
    # Cancellation rules
    # ------------------------------------------------------------------
    def _get_sale_line_description(self):
        self.ensure_one()
        description = f"{self.name}"
        if self.address and self.address not in description:
            description = f"{description}\n{self.address}"
        if self.state == "cancelled":
            description = _("%(stop)s (cancelled stop)", stop=description)
        return description

    def _is_invoiced_when_cancelled(self):
        """Stops of shared routes are invoiced even when cancelled; own orders are not."""
        self.ensure_one()
        return self.order_id.route_transport == "shared"

    def _get_cancel_deadline(self):
        """Return the UTC datetime after which customers can no longer cancel, or False."""
        self.ensure_one()
        if not self.scheduled_start:
            return False
        hours = self.company_id.route_cancel_cutoff_hours or 0.0
        return self.scheduled_start - timedelta(hours=hours)

    def get_cancel_policy(self, partner=None, now=None):
        """Tell whether ``partner`` (a customer contact; None for staff) may cancel
        this stop now, and what the cancellation means for the invoice.

        :return: dict ``allowed`` (bool), ``message`` (why not, translated),
            ``invoiced`` (the stop stays on the invoice), ``deadline`` (UTC or False)
        """
        self.ensure_one()
        now = now or fields.Datetime.now()
        deadline = self._get_cancel_deadline()
        policy = {
            "allowed": True,
            "message": "",
            "invoiced": self._is_invoiced_when_cancelled(),
            "deadline": deadline,
        }
        refusal = self._get_cancel_refusal(partner, now, deadline)
        if refusal:
            policy.update(allowed=False, message=refusal)
        return policy

    def _get_cancel_refusal(self, partner, now, deadline):
        if self.state == "cancelled":
            return _("This stop is already cancelled.")
        if self.state == "done":
            return _("This stop is done and can no longer be cancelled.")
        if self.order_id.state == "cancel":
            return _("The order of this stop is cancelled.")
        if partner is None:
            return ""
        if partner.commercial_partner_id != self.customer_id:
            return _("This stop belongs to another customer.")
        if deadline and now > deadline:
            hours = f"{self.company_id.route_cancel_cutoff_hours:g}"  # 24, not 24.0
            return _(
                "Stops can be cancelled until %(hours)s hours before their time; "
                "this stop is on %(time)s.",
                hours=hours,
                time=format_datetime(self.env, self.scheduled_start, tz=self.tz),
            )
        return ""

    def _cancel(self, reason=False, partner=None):
        """Cancel the stops after checking the policy; log it on each order."""
        for stop in self:
            policy = stop.get_cancel_policy(partner=partner)
            if not policy["allowed"]:
                raise UserError(policy["message"])
        self.write(
            {
                "state": "cancelled",
                "cancel_reason": reason or False,
                "cancel_date": fields.Datetime.now(),
                "cancelled_by_id": self.env.user.id,
            }
        )
        for order, stops in self.grouped("order_id").items():
            order._message_route_stops(stops, _("Stops cancelled"), reason)
        return True

    def action_cancel(self):
        """Staff button: cancel the stops (no cut-off applies to staff)."""
        return self._cancel(reason=self.env.context.get("route_cancel_reason"))

    def action_restore(self):
        """Staff button: put cancelled stops back in the plan."""
        stops = self.filtered(lambda s: s.state == "cancelled")
        for stop in stops:
            if stop.order_id.state == "cancel":
                raise UserError(
                    _("Restore order %(order)s before its stops.", order=stop.order_id.name)
                )
        stops.write(
            {
                "state": "planned",
                "cancel_reason": False,
                "cancel_date": False,
                "cancelled_by_id": False,
            }
        )
        for order, order_stops in stops.grouped("order_id").items():
            order._message_route_stops(order_stops, _("Stops restored"))
        return True

    def action_mark_done(self):
        self.filtered(lambda s: s.state == "planned").write({"state": "done"})
        return True
