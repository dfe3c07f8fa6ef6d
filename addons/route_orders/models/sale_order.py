from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

ROUTE_ORDER_TYPES = [
    ("plain", "Plain order"),
    ("one_to_one", "One collection, one delivery"),
    ("one_to_many", "One collection, many deliveries"),
    ("many_to_one", "Many collections, one delivery"),
]


class SaleOrder(models.Model):
    _inherit = "sale.order"

    route_order_type = fields.Selection(
        ROUTE_ORDER_TYPES,
        string="Order Type",
        default="plain",
        required=True,
        help="Plain orders have no stops; the other types are transport orders "
        "whose stops must match the type when the order is confirmed.",
    )
    route_stop_ids = fields.One2many("route.stop", "order_id", string="Stops", copy=True)
    route_stop_count = fields.Integer(compute="_compute_route_stop_count")

    @api.depends("route_stop_ids")
    def _compute_route_stop_count(self):
        for order in self:
            order.route_stop_count = len(order.route_stop_ids)

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
        order_type = self.route_order_type
        if order_type == "plain":
            if stops:
                return _("A plain order has no stops; choose a transport order type.")
            return False
        if order_type == "one_to_one" and (collections, deliveries) != (1, 1):
            return _(
                "A one collection, one delivery order needs exactly one collection "
                "and one delivery (it has %(collections)s and %(deliveries)s).",
                collections=collections,
                deliveries=deliveries,
            )
        if order_type == "one_to_many" and (collections != 1 or deliveries < 1):
            return _(
                "A one collection, many deliveries order needs exactly one collection "
                "and at least one delivery (it has %(collections)s and %(deliveries)s).",
                collections=collections,
                deliveries=deliveries,
            )
        if order_type == "many_to_one" and (collections < 1 or deliveries != 1):
            return _(
                "A many collections, one delivery order needs at least one collection "
                "and exactly one delivery (it has %(collections)s and %(deliveries)s).",
                collections=collections,
                deliveries=deliveries,
            )
        return False
