from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

ROUTE_ORDER_TYPES = [
    ("plain", "Plain order"),
    ("one_to_one", "One collection, one delivery"),
    ("one_to_many", "One collection, many deliveries"),
    ("many_to_one", "Many collections, one delivery"),
]
ROUTE_TRANSPORTS = [("own", "Own transport"), ("shared", "Shared route")]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    client_order_ref = fields.Char(index=True)  # import de-duplication key
    route_order_type = fields.Selection(
        ROUTE_ORDER_TYPES,
        string="Order Type",
        default="plain",
        required=True,
        tracking=True,
        help="Plain orders have no stops; the other types are transport orders "
        "whose stops must match the type when the order is confirmed.",
    )
    route_transport = fields.Selection(
        ROUTE_TRANSPORTS,
        string="Transport",
        default="own",
        required=True,
        tracking=True,
        help="Own transport: the customer's own order; cancelling it cancels everything "
        "and nothing is invoiced. Shared route: the stops ride on a route shared with "
        "other customers; cancelled stops are still invoiced.",
    )
    route_id = fields.Many2one(
        "route.route",
        tracking=True,
        index="btree_not_null",
        check_company=True,
    )
    route_date = fields.Date(string="Run Date", tracking=True)
    route_stop_ids = fields.One2many("route.stop", "order_id", string="Stops", copy=True)
    # --- Regular orders: the template and occurrence date this order was generated for
    route_regular_order_id = fields.Many2one(
        "route.regular.order",
        string="Regular Order",
        readonly=True,
        copy=False,
        ondelete="set null",
    )  # indexed by the unique constraint below, which starts with this column
    route_regular_date = fields.Date(string="Occurrence Date", readonly=True, copy=False)
    _sql_constraints = [
        (
            "route_regular_date_unique",
            "unique(route_regular_order_id, route_regular_date)",
            "A regular order generates one order per date.",
        ),
    ]
    # --- end of regular orders
    route_stop_count = fields.Integer(compute="_compute_route_totals")
    route_total_quantity = fields.Float(string="Total Quantity", compute="_compute_route_totals")
    route_total_weight = fields.Float(string="Total Weight (kg)", compute="_compute_route_totals")
    route_total_volume = fields.Float(
        string="Total Volume (m³)", compute="_compute_route_totals", digits=(16, 3)
    )

    @api.depends(
        "route_stop_ids.state",
        "route_stop_ids.kind",
        "route_stop_ids.total_quantity",
        "route_stop_ids.total_weight",
        "route_stop_ids.total_volume",
    )
    def _compute_route_totals(self):
        for order in self:
            active = order.route_stop_ids.filtered(lambda s: s.state != "cancelled")
            collections = active.filtered(lambda s: s.kind == "collection")
            order.route_stop_count = len(order.route_stop_ids)
            order.route_total_quantity = sum(collections.mapped("total_quantity"))
            order.route_total_weight = sum(collections.mapped("total_weight"))
            order.route_total_volume = sum(collections.mapped("total_volume"))

    @api.constrains("route_transport", "route_id", "route_date", "route_order_type")
    def _check_route_transport(self):
        for order in self:
            if order.route_transport == "shared" and order.route_order_type == "plain":
                raise ValidationError(_("A plain order cannot ride on a shared route."))
            if order.route_transport == "shared" and not (order.route_id and order.route_date):
                raise ValidationError(
                    _(
                        "Order %(order)s is on a shared route: choose the route and its run date.",
                        order=order.name,
                    )
                )

    # ------------------------------------------------------------------
    # Confirmation: order type rules
    # ------------------------------------------------------------------
    def action_confirm(self):
        self._check_route_order_type_rules()
        return super().action_confirm()

    def _check_route_order_type_rules(self):
        """Raise a ValidationError listing every order whose stops break its type."""
        problems = []
        for order in self:
            problem = order._get_route_order_type_problem()
            if problem:
                problems.append(f"{order.name}: {problem}")
        if problems:
            raise ValidationError("\n".join(problems))

    def _get_route_order_type_problem(self):
        """Return why the active stops do not fit the order type, or False."""
        self.ensure_one()
        stops = self.route_stop_ids.filtered(lambda s: s.state != "cancelled")
        collections = len(stops.filtered(lambda s: s.kind == "collection"))
        deliveries = len(stops) - collections
        counts = {"collections": collections, "deliveries": deliveries}
        order_type = self.route_order_type
        if order_type == "plain":
            if stops:
                return _("A plain order has no stops; choose a transport order type.")
            return False
        if order_type == "one_to_one" and (collections, deliveries) != (1, 1):
            return _(
                "A one collection, one delivery order needs exactly one collection "
                "and one delivery (it has %(collections)s and %(deliveries)s).",
                **counts,
            )
        if order_type == "one_to_many" and (collections != 1 or deliveries < 1):
            return _(
                "A one collection, many deliveries order needs exactly one collection "
                "and at least one delivery (it has %(collections)s and %(deliveries)s).",
                **counts,
            )
        if order_type == "many_to_one" and (collections < 1 or deliveries != 1):
            return _(
                "A many collections, one delivery order needs at least one collection "
                "and exactly one delivery (it has %(collections)s and %(deliveries)s).",
                **counts,
            )
        if order_type != "one_to_many" and stops.goods_ids.delivery_stop_id:
            return _("Only one collection, many deliveries orders send goods to chosen stops.")
        return False

    # ------------------------------------------------------------------
    # Stops become priced order lines
    # ------------------------------------------------------------------
    def _get_route_stop_product(self, kind):
        self.ensure_one()
        company = self.company_id
        product = (
            company.route_collection_product_id
            if kind == "collection"
            else company.route_delivery_product_id
        )
        if not product:
            raise UserError(
                _(
                    "Set the service products for collection and delivery stops in "
                    "Sales settings (company %(company)s).",
                    company=company.name,
                )
            )
        return product

    def _sync_route_stop_lines(self):
        """Keep one priced order line per stop: create, update or zero the lines.

        Cancelled stops keep their line on shared routes (still invoiced, marked as
        cancelled); on own orders the line drops to quantity 0 (not invoiced).
        """
        line_vals_to_create = []
        distributions = {} if self._route_line_distribution_is_standard() else None
        for order in self:
            if order.state == "cancel" or order.route_order_type == "plain":
                continue
            lines_by_stop = {
                line.route_stop_id: line for line in order.order_line if line.route_stop_id
            }
            for stop in order.route_stop_ids:
                cancelled = stop.state == "cancelled"
                invoiced = not cancelled or stop._is_invoiced_when_cancelled()
                vals = {
                    "product_id": order._get_route_stop_product(stop.kind).id,
                    "name": stop._get_sale_line_description(),
                    "product_uom_qty": 1.0 if invoiced else 0.0,
                    "route_stop_cancelled": cancelled,
                    "sequence": 1000 + stop.sequence,
                }
                line = lines_by_stop.get(stop)
                if not line:
                    new_vals = dict(vals, order_id=order.id, route_stop_id=stop.id)
                    if distributions is not None:
                        new_vals["analytic_distribution"] = order._get_route_line_distribution(
                            order._get_route_stop_product(stop.kind), distributions
                        )
                    line_vals_to_create.append(new_vals)
                    continue
                changed = {
                    key: value
                    for key, value in vals.items()
                    if (line[key].id if key == "product_id" else line[key]) != value
                }
                if changed:
                    line.write(changed)
        if line_vals_to_create:
            self.env["sale.order.line"].create(line_vals_to_create)

    @api.model
    def _route_line_distribution_is_standard(self):
        """Tell whether order lines get their analytic distribution from sale's own compute.

        Only then can :meth:`_get_route_line_distribution` give the same value up front
        (an override, e.g. sale_project's project accounts, may compute something else).
        """
        line_class = type(self.env["sale.order.line"])
        field = line_class._fields["analytic_distribution"]
        owner = next(
            (cls for cls in line_class.__mro__ if "_compute_analytic_distribution" in vars(cls)),
            None,
        )
        return (
            field.compute == "_compute_analytic_distribution"
            and getattr(owner, "_module", None) == "sale"
        )

    def _get_route_line_distribution(self, product, cache):
        """The analytic distribution sale would compute for a new line of ``product``.

        Same lookup as ``sale.order.line._compute_analytic_distribution`` (distribution
        models of the product, its category, the order's customer and its tags, the
        company), done once per (product, customer, company) and kept in ``cache``:
        passing it to ``create`` spares the two lookups per line of the compute.
        """
        self.ensure_one()
        partner = self.partner_id
        key = (product.id, partner.id, self.company_id.id)
        if key not in cache:
            cache[key] = self.env["account.analytic.distribution.model"]._get_distribution(
                {
                    "product_id": product.id,
                    "product_categ_id": product.categ_id.id,
                    "partner_id": partner.id,
                    "partner_category_id": partner.category_id.ids,
                    "company_id": self.company_id.id,
                }
            )
        return dict(cache[key]) or False

    # ------------------------------------------------------------------
    # Cancellation by the customer
    # ------------------------------------------------------------------
    def get_cancel_policy(self, partner=None, now=None):
        """Tell whether ``partner`` (None for staff) may cancel this order now.

        Own orders are cancelled whole and nothing is invoiced. On a shared route
        the customer's stops are cancelled and stay invoiced.

        :return: dict ``allowed``, ``message``, ``invoiced``, ``stops`` (what
            would be cancelled)
        """
        self.ensure_one()
        planned = self.route_stop_ids.filtered(lambda s: s.state == "planned")
        invoiced = self.route_transport == "shared"
        policy = {"allowed": True, "message": "", "invoiced": invoiced, "stops": planned}
        refusal = self._get_cancel_refusal(partner)
        for stop in planned if not refusal else ():
            stop_policy = stop.get_cancel_policy(partner=partner, now=now)
            if not stop_policy["allowed"]:
                refusal = stop_policy["message"]
                break
        if refusal:
            policy.update(allowed=False, message=refusal)
        return policy

    def _get_cancel_refusal(self, partner):
        if self.state == "cancel":
            return _("This order is already cancelled.")
        if partner is not None and partner.commercial_partner_id != (
            self.partner_id.commercial_partner_id
        ):
            return _("This order belongs to another customer.")
        if self.invoice_ids.filtered(lambda move: move.state == "posted"):
            return _("This order is already invoiced; contact us to cancel it.")
        if self.route_transport == "shared" and not self.route_stop_ids.filtered(
            lambda s: s.state == "planned"
        ):
            return _("This order has no planned stops left to cancel.")
        return ""

    def action_cancel_by_customer(self, partner, reason=False):
        """Cancel as ``partner`` asks, within the rules; return what was done."""
        self.ensure_one()
        policy = self.get_cancel_policy(partner=partner)
        if not policy["allowed"]:
            raise UserError(policy["message"])
        if self.route_transport == "shared":
            policy["stops"]._cancel(reason=reason, partner=partner)
        else:
            self.route_stop_ids.filtered(lambda s: s.state == "planned").with_context(
                route_skip_line_sync=True
            ).write(
                {
                    "state": "cancelled",
                    "cancel_reason": reason or False,
                    "cancel_date": fields.Datetime.now(),
                    "cancelled_by_id": self.env.user.id,
                }
            )
            self._action_cancel()
            self.message_post(
                body=_("Order cancelled by %(partner)s.", partner=partner.display_name)
                + (Markup("<br/>") + reason if reason else "")
            )
        return policy

    def _message_route_stops(self, stops, title, reason=False):
        items = Markup("").join(
            Markup("<li>%s</li>") % stop._get_sale_line_description() for stop in stops
        )
        body = Markup("<p>%s</p><ul>%s</ul>") % (title, items)
        if reason:
            body += Markup("<p>%s</p>") % _("Reason: %(reason)s", reason=reason)
        self.message_post(body=body)
