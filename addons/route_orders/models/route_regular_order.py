import calendar
import logging
from collections import defaultdict
from datetime import date, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from .route_route import WEEKDAY_FIELDS
from .sale_order import ROUTE_ORDER_TYPES, ROUTE_TRANSPORTS

_logger = logging.getLogger(__name__)

# Generated orders in these states are still quotations: "regenerate all" may rebuild them.
REBUILDABLE_STATES = ("draft", "sent")
# Changing these fields changes the occurrences: the scheduled action looks again.
RECURRENCE_FIELDS = (
    "state",
    "active",
    "recurrence_type",
    "interval_weeks",
    "month_day",
    "date_start",
    "date_end",
    "route_transport",
    "route_id",
    *WEEKDAY_FIELDS,
)


class RouteRegularOrder(models.Model):
    """A regular (recurring) transport order: a template of stops and goods that
    generates one sale order per occurrence date."""

    _name = "route.regular.order"
    _description = "Regular Order"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True, tracking=True)
    state = fields.Selection(
        [("active", "Active"), ("paused", "Paused")],
        default="active",
        required=True,
        tracking=True,
        help="Paused regular orders generate no orders until they are resumed.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        tracking=True,
        index=True,
        check_company=True,
    )
    user_id = fields.Many2one(
        "res.users",
        string="Salesperson",
        default=lambda self: self.env.user,
        domain=[("share", "=", False)],
        tracking=True,
    )
    client_order_ref = fields.Char(
        string="Customer Reference",
        help="Reference of the generated orders, followed by the date of each order. "
        "Defaults to the name of the regular order.",
    )

    # What
    route_order_type = fields.Selection(
        ROUTE_ORDER_TYPES[1:],
        string="Order Type",
        default="one_to_one",
        required=True,
        tracking=True,
    )
    route_transport = fields.Selection(
        ROUTE_TRANSPORTS,
        string="Transport",
        default="own",
        required=True,
        tracking=True,
    )
    route_id = fields.Many2one("route.route", tracking=True, check_company=True)
    stop_ids = fields.One2many(
        "route.regular.order.stop", "regular_order_id", string="Stops", copy=True
    )

    # When
    recurrence_type = fields.Selection(
        [("weekly", "Weekdays"), ("monthly", "Day of the month")],
        string="Repeat",
        default="weekly",
        required=True,
        tracking=True,
    )
    interval_weeks = fields.Integer(
        string="Every (weeks)",
        default=1,
        help="1: every week, 2: every other week (counted from the week of the start date)...",
    )
    mon = fields.Boolean("Monday")
    tue = fields.Boolean("Tuesday")
    wed = fields.Boolean("Wednesday")
    thu = fields.Boolean("Thursday")
    fri = fields.Boolean("Friday")
    sat = fields.Boolean("Saturday")
    sun = fields.Boolean("Sunday")
    month_day = fields.Integer(
        string="Day of the Month",
        default=1,
        help="1 to 31; in shorter months the order falls on the last day of the month.",
    )
    date_start = fields.Date(
        string="Start Date", required=True, default=fields.Date.context_today, tracking=True
    )
    date_end = fields.Date(string="End Date", tracking=True)
    next_date = fields.Date(string="Next Occurrence", compute="_compute_next_date")
    last_generation_date = fields.Datetime(string="Last Generated On", readonly=True, copy=False)
    generated_until = fields.Date(
        readonly=True,
        copy=False,
        help="The scheduled action has generated the orders up to this day.",
    )

    # Generated orders
    order_ids = fields.One2many("sale.order", "route_regular_order_id", string="Orders")
    upcoming_order_count = fields.Integer(compute="_compute_order_counts")
    past_order_count = fields.Integer(compute="_compute_order_counts")

    # ------------------------------------------------------------------
    # Computes and checks
    # ------------------------------------------------------------------
    @api.depends(
        "state",
        "active",
        "recurrence_type",
        "interval_weeks",
        "month_day",
        "date_start",
        "date_end",
        *WEEKDAY_FIELDS,
    )
    def _compute_next_date(self):
        today = fields.Date.context_today(self)
        for template in self:
            dates = template._get_occurrence_dates(today, today + timedelta(days=400))
            template.next_date = dates[0] if dates else False

    @api.depends("order_ids.route_regular_date")
    def _compute_order_counts(self):
        today = fields.Date.context_today(self)
        orders = self.env["sale.order"]
        domain = [("route_regular_order_id", "in", self.ids)]
        upcoming = dict(
            orders._read_group(
                [*domain, ("route_regular_date", ">=", today)],
                ["route_regular_order_id"],
                ["__count"],
            )
        )
        past = dict(
            orders._read_group(
                [*domain, ("route_regular_date", "<", today)],
                ["route_regular_order_id"],
                ["__count"],
            )
        )
        for template in self:
            template.upcoming_order_count = upcoming.get(template, 0)
            template.past_order_count = past.get(template, 0)

    @api.constrains(
        "recurrence_type", "interval_weeks", "month_day", "date_start", "date_end", *WEEKDAY_FIELDS
    )
    def _check_recurrence(self):
        for template in self:
            if template.date_end and template.date_end < template.date_start:
                raise ValidationError(
                    _("Regular order %(name)s ends before it starts.", name=template.name)
                )
            if template.recurrence_type == "monthly":
                if not 1 <= template.month_day <= 31:
                    raise ValidationError(_("The day of the month must be between 1 and 31."))
                continue
            if template.interval_weeks < 1:
                raise ValidationError(_("Repeat every 1 week or more."))
            if not any(template[day] for day in WEEKDAY_FIELDS):
                raise ValidationError(
                    _("Choose the weekdays of regular order %(name)s.", name=template.name)
                )

    @api.constrains("route_transport", "route_id")
    def _check_route(self):
        for template in self:
            if template.route_transport == "shared" and not template.route_id:
                raise ValidationError(
                    _(
                        "Regular order %(name)s is on a shared route: choose the route.",
                        name=template.name,
                    )
                )

    @api.constrains("route_order_type", "stop_ids")
    def _check_stops(self):
        for template in self:
            problem = template._get_stops_problem()
            if problem:
                raise ValidationError(problem)

    def _get_stops_problem(self):
        """Return why the stops do not fit the order type, or False (same rules as
        the confirmation of a route order)."""
        self.ensure_one()
        collections = len(self.stop_ids.filtered(lambda s: s.kind == "collection"))
        deliveries = len(self.stop_ids) - collections
        fits = {
            "one_to_one": collections == 1 and deliveries == 1,
            "one_to_many": collections == 1 and deliveries >= 1,
            "many_to_one": collections >= 1 and deliveries == 1,
        }
        if not fits[self.route_order_type]:
            order_type = dict(self._fields["route_order_type"]._description_selection(self.env))
            return _(
                "Regular order %(name)s: a %(type)s order cannot have %(collections)s "
                "collection(s) and %(deliveries)s delivery(ies).",
                name=self.name,
                type=order_type[self.route_order_type],
                collections=collections,
                deliveries=deliveries,
            )
        if self.route_order_type != "one_to_many" and self.stop_ids.goods_ids.delivery_stop_id:
            return _("Only one collection, many deliveries orders send goods to chosen stops.")
        return False

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if set(RECURRENCE_FIELDS) & set(vals) and "generated_until" not in vals:
            vals = dict(vals, generated_until=False)
        return super().write(vals)

    # ------------------------------------------------------------------
    # Occurrences
    # ------------------------------------------------------------------
    def _get_occurrence_dates(self, date_from, date_to):
        """Return the sorted dates between date_from and date_to (inclusive) on
        which this regular order makes an order; none while paused or archived."""
        self.ensure_one()
        if self.state != "active" or not self.active or not self.date_start:
            return []
        start = max(date_from, self.date_start)
        end = min(date_to, self.date_end) if self.date_end else date_to
        if start > end:
            return []
        if self.recurrence_type == "monthly":
            return self._get_monthly_dates(start, end)
        return self._get_weekly_dates(start, end)

    def _get_weekly_dates(self, start, end):
        # weeks are counted from the Monday of the start date's week
        anchor = self.date_start - timedelta(days=self.date_start.weekday())
        interval = max(self.interval_weeks, 1)
        weekdays = {index for index, day in enumerate(WEEKDAY_FIELDS) if self[day]}
        dates = []
        day = start
        while day <= end:
            if day.weekday() in weekdays and ((day - anchor).days // 7) % interval == 0:
                dates.append(day)
            day += timedelta(days=1)
        return dates

    def _get_monthly_dates(self, start, end):
        dates = []
        year, month = start.year, start.month
        while (year, month) <= (end.year, end.month):
            last_day = calendar.monthrange(year, month)[1]
            day = date(year, month, min(self.month_day, last_day))
            if start <= day <= end:
                dates.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return dates

    # ------------------------------------------------------------------
    # Generation
    # ------------------------------------------------------------------
    @api.model
    def _new_generation_result(self):
        """Empty result of a generation run.

        ``created``/``rebuilt``: sale.order records; ``deleted``: names of the
        rebuilt drafts; ``kept``: dicts ``order``, ``reason`` (orders regenerate
        left alone); ``skipped``: dicts ``template``, ``date``, ``reason``
        (occurrences without an order); ``failed``: dicts ``template``, ``reason``.
        """
        orders = self.env["sale.order"]
        return {
            "created": orders,
            "rebuilt": orders,
            "deleted": [],
            "kept": [],
            "skipped": [],
            "failed": [],
        }

    def generate_missing(self, date_from, date_to):
        """Create the orders of the occurrences between date_from and date_to
        (inclusive) that have no order yet; return the generation result."""
        result = self._new_generation_result()
        templates = self._lock_for_generation()
        plan = templates._plan_missing_orders(date_from, date_to, result)
        result["created"] = templates._create_planned_orders(plan, result)
        return result

    def regenerate_all(self, date_from, date_to):
        """Rebuild the orders between date_from and date_to (inclusive): delete the
        generated quotations (draft or sent) and generate them again from the
        template; confirmed, locked, cancelled or invoiced orders are kept and
        reported in ``kept``. Missing occurrences are generated as well."""
        result = self._new_generation_result()
        templates = self._lock_for_generation()
        orders = templates._get_generated_orders(date_from, date_to)
        drafts = orders.filtered(lambda o: o.state in REBUILDABLE_STATES and not o.invoice_ids)
        for order in orders - drafts:
            result["kept"].append({"order": order, "reason": self._get_keep_reason(order)})
        rebuilt_keys = {(o.route_regular_order_id.id, o.route_regular_date) for o in drafts}
        result["deleted"] = drafts.mapped("name")
        drafts.filtered(lambda o: o.state == "sent")._action_cancel()
        drafts.unlink()
        plan = templates._plan_missing_orders(date_from, date_to, result)
        orders = templates._create_planned_orders(plan, result)
        result["rebuilt"] = orders.filtered(
            lambda o: (o.route_regular_order_id.id, o.route_regular_date) in rebuilt_keys
        )
        result["created"] = orders - result["rebuilt"]
        return result

    @api.model
    def _get_keep_reason(self, order):
        """Why "regenerate all" leaves this generated order alone."""
        if order.invoice_ids:
            return _("it is invoiced")
        if order.state == "cancel":
            return _("it is cancelled")
        if order.locked:
            return _("it is confirmed and locked")
        return _("it is confirmed")

    def _lock_for_generation(self):
        """Lock the templates until the end of the transaction and return them with
        superuser rights (generation writes orders of any salesperson).

        Rows are locked in id order, so two runs never deadlock. The lock also
        updates the rows: under PostgreSQL's repeatable read, a concurrent run that
        waited for the lock then fails with a serialization error (and is retried
        with fresh data) instead of reading a stale list of generated orders. The
        unique constraint on (template, date) of sale.order is the last guard.
        """
        self.check_access("write")
        if not self:
            return self.sudo()
        self.env.cr.execute(
            """
            UPDATE route_regular_order SET last_generation_date = NOW() AT TIME ZONE 'UTC'
             WHERE id IN (SELECT id FROM route_regular_order
                           WHERE id IN %s ORDER BY id FOR UPDATE)
            """,
            [tuple(self.ids)],
        )
        self.invalidate_recordset(["last_generation_date"])
        return self.sudo()

    def _get_generated_orders(self, date_from, date_to):
        return (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("route_regular_order_id", "in", self.ids),
                    ("route_regular_date", ">=", date_from),
                    ("route_regular_date", "<=", date_to),
                ],
                order="route_regular_date, id",
            )
        )

    def _plan_missing_orders(self, date_from, date_to, result):
        """Return the (template, date) pairs to generate; report skipped dates."""
        existing = {
            (order.route_regular_order_id.id, order.route_regular_date)
            for order in self._get_generated_orders(date_from, date_to)
        }
        plan = []
        for template in self:
            skip_reason = template._get_generation_refusal()
            if skip_reason:
                result["skipped"].append(
                    {"template": template, "date": False, "reason": skip_reason}
                )
                continue
            for day in template._get_occurrence_dates(date_from, date_to):
                if (template.id, day) in existing:
                    continue
                if template.route_transport == "shared" and not template.route_id._runs_on(day):
                    result["skipped"].append(
                        {
                            "template": template,
                            "date": day,
                            "reason": _(
                                "route %(route)s does not run on that day",
                                route=template.route_id.display_name,
                            ),
                        }
                    )
                    continue
                plan.append((template, day))
        return plan

    def _get_generation_refusal(self):
        """Return why this template generates nothing at all, or an empty string."""
        self.ensure_one()
        if not self.active:
            return _("the regular order is archived")
        if self.state == "paused":
            return _("the regular order is paused")
        return self._get_stops_problem() or ""

    def _create_planned_orders(self, plan, result):
        """Create the orders of ``plan`` in one batch; if it fails, again template
        by template so that one faulty template does not stop the others."""
        orders = self.env["sale.order"].sudo()
        if not plan:
            return orders
        try:
            with self.env.cr.savepoint():
                return self._create_orders(plan)
        except (UserError, ValidationError):
            _logger.info("Regular orders: batch generation failed, retrying one by one")
        by_template = defaultdict(list)
        for template, day in plan:
            by_template[template].append((template, day))
        for template, template_plan in by_template.items():
            orders |= self._create_orders_or_report(template, template_plan, result)
        return orders

    def _create_orders_or_report(self, template, plan, result):
        try:
            with self.env.cr.savepoint():
                return self._create_orders(plan)
        except (UserError, ValidationError) as error:
            _logger.info("Regular order %s generated no order: %s", template.id, error)
            result["failed"].append({"template": template, "reason": str(error)})
            return self.env["sale.order"].sudo()

    def _create_orders(self, plan):
        """Create the orders of ``plan`` (list of (template, date)), one batch per
        company, with their stops and goods; link the goods to their delivery
        stops and make the customers follow the orders."""
        orders = self.env["sale.order"].sudo()
        by_company = defaultdict(list)
        for template, day in plan:
            by_company[template.company_id].append(template._prepare_order_vals(day))
        for company, vals_list in by_company.items():
            orders |= (
                self.env["sale.order"]
                .sudo()
                .with_company(company)
                .with_context(mail_create_nosubscribe=True)
                .create(vals_list)
            )
        self._link_generated_goods(orders)
        self._subscribe_customers(orders)
        return orders

    def _prepare_order_vals(self, day):
        self.ensure_one()
        shared = self.route_transport == "shared"
        vals = {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "client_order_ref": self._get_order_reference(day),
            "route_order_type": self.route_order_type,
            "route_transport": self.route_transport,
            "route_id": self.route_id.id if shared else False,
            "route_date": day if shared else False,
            "route_regular_order_id": self.id,
            "route_regular_date": day,
            "route_stop_ids": [
                fields.Command.create(stop._prepare_route_stop_vals(day)) for stop in self.stop_ids
            ],
        }
        if self.user_id:
            vals["user_id"] = self.user_id.id
        return vals

    def _get_order_reference(self, day):
        self.ensure_one()
        return f"{self.client_order_ref or self.name} {fields.Date.to_string(day)}"

    @api.model
    def _link_generated_goods(self, orders):
        """Point the goods of generated orders to the delivery stops that match the
        template's (stops and goods are created in the template's order)."""
        goods_by_delivery = defaultdict(list)
        for order in orders:
            template = order.route_regular_order_id
            if not template.stop_ids.goods_ids.delivery_stop_id:
                continue
            stop_map = dict(zip(template.stop_ids, order.route_stop_ids.sorted("id"), strict=True))
            for template_stop, stop in stop_map.items():
                pairs = zip(template_stop.goods_ids, stop.goods_ids.sorted("id"), strict=True)
                for template_goods, goods in pairs:
                    if template_goods.delivery_stop_id:
                        delivery = stop_map[template_goods.delivery_stop_id]
                        goods_by_delivery[delivery].append(goods.id)
        for delivery, goods_ids in goods_by_delivery.items():
            self.env["route.goods"].sudo().browse(goods_ids).write(
                {"delivery_stop_id": delivery.id}
            )

    @api.model
    def _subscribe_customers(self, orders):
        """Customers follow their orders, so that the portal shows them."""
        by_partners = defaultdict(lambda: self.env["sale.order"].sudo())
        for order in orders:
            partners = order.partner_id | order.partner_id.commercial_partner_id
            by_partners[partners] |= order
        for partners, partner_orders in by_partners.items():
            partner_orders.message_subscribe(partner_ids=partners.ids)

    # ------------------------------------------------------------------
    # Scheduled action
    # ------------------------------------------------------------------
    @api.model
    def _cron_generate_missing(self, batch_size=100):
        """Generate the missing orders from today up to each company's horizon,
        ``batch_size`` regular orders at a time (the cron runs again at once
        while some are left)."""
        today = fields.Date.context_today(self)
        templates = self.search([("state", "=", "active")], order="id")
        due = templates.filtered(
            lambda t: (
                not t.generated_until
                or t.generated_until
                < today + timedelta(days=t.company_id.route_regular_horizon_days)
            )
        )
        batch = due[:batch_size]
        for company, company_templates in batch.grouped("company_id").items():
            horizon_end = today + timedelta(days=company.route_regular_horizon_days)
            result = company_templates.generate_missing(today, horizon_end)
            company_templates.write({"generated_until": horizon_end})
            _logger.info(
                "Regular orders of %s: %s order(s) generated up to %s, %s date(s) skipped, "
                "%s regular order(s) failed",
                company.name,
                len(result["created"]),
                horizon_end,
                len(result["skipped"]),
                len(result["failed"]),
            )
        self.env["ir.cron"]._notify_progress(done=len(batch), remaining=len(due) - len(batch))
        return True

    # ------------------------------------------------------------------
    # Result summary
    # ------------------------------------------------------------------
    @api.model
    def _format_generation_result(self, result):
        """Return the result of a run as a list of translated lines."""
        lines = [
            _("%(count)s order(s) created.", count=len(result["created"])),
        ]
        if result["rebuilt"] or result["deleted"]:
            lines.append(
                _(
                    "%(count)s draft order(s) rebuilt (deleted: %(names)s).",
                    count=len(result["rebuilt"]),
                    names=", ".join(result["deleted"]) or "-",
                )
            )
        for kept in result["kept"]:
            order = kept["order"]
            lines.append(
                _(
                    "Kept %(order)s of %(date)s: %(reason)s.",
                    order=order.name,
                    date=order.route_regular_date,
                    reason=kept["reason"],
                )
            )
        for skipped in result["skipped"]:
            date = f" ({skipped['date']})" if skipped["date"] else ""
            lines.append(
                _(
                    "Skipped %(template)s%(date)s: %(reason)s.",
                    template=skipped["template"].name,
                    date=date,
                    reason=skipped["reason"],
                )
            )
        for failed in result["failed"]:
            lines.append(
                _(
                    "No order generated for %(template)s: %(reason)s",
                    template=failed["template"].name,
                    reason=failed["reason"],
                )
            )
        return lines

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def action_pause(self):
        self.filtered(lambda t: t.state == "active").write({"state": "paused"})
        return True

    def action_resume(self):
        self.filtered(lambda t: t.state == "paused").write({"state": "active"})
        return True

    def action_open_generate_wizard(self):
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "route_orders.route_regular_order_generate_action"
        )
        action["context"] = {"active_model": self._name, "active_ids": self.ids}
        return action

    def _action_view_orders(self, domain, name):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": name,
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("route_regular_order_id", "=", self.id), *domain],
            "context": {"create": False},
        }

    def action_view_upcoming_orders(self):
        today = fields.Date.context_today(self)
        return self._action_view_orders([("route_regular_date", ">=", today)], _("Upcoming Orders"))

    def action_view_past_orders(self):
        today = fields.Date.context_today(self)
        return self._action_view_orders([("route_regular_date", "<", today)], _("Past Orders"))
