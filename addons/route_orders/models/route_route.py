from datetime import timedelta

from odoo import api, fields, models

WEEKDAY_FIELDS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class RouteRoute(models.Model):
    """A shared collection/distribution route: runs on given weekdays and
    gathers the stops of many customers."""

    _name = "route.route"
    _description = "Shared Route"
    _inherit = ["mail.thread"]
    _order = "name"

    name = fields.Char(required=True, tracking=True)
    code = fields.Char(tracking=True)
    kind = fields.Selection(
        [
            ("collection", "Collection route"),
            ("distribution", "Distribution route"),
            ("mixed", "Collection and distribution"),
        ],
        required=True,
        default="mixed",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    active = fields.Boolean(default=True)
    mon = fields.Boolean("Monday", default=True)
    tue = fields.Boolean("Tuesday", default=True)
    wed = fields.Boolean("Wednesday", default=True)
    thu = fields.Boolean("Thursday", default=True)
    fri = fields.Boolean("Friday", default=True)
    sat = fields.Boolean("Saturday")
    sun = fields.Boolean("Sunday")
    stop_ids = fields.One2many("route.stop", "route_id", string="Stops")
    stop_count = fields.Integer(compute="_compute_stop_count")

    _sql_constraints = [
        ("code_company_unique", "unique(code, company_id)", "A route code is unique per company."),
    ]

    @api.depends("stop_ids")
    def _compute_stop_count(self):
        counts = dict(
            self.env["route.stop"]._read_group(
                [("route_id", "in", self.ids)], ["route_id"], ["__count"]
            )
        )
        for route in self:
            route.stop_count = counts.get(route, 0)

    def _runs_on(self, day):
        self.ensure_one()
        return bool(self[WEEKDAY_FIELDS[day.weekday()]])

    def get_run_dates(self, date_from, date_to):
        """Return the dates between date_from and date_to (inclusive) the route runs."""
        self.ensure_one()
        days = (date_to - date_from).days + 1
        return [
            date_from + timedelta(days=offset)
            for offset in range(max(days, 0))
            if self._runs_on(date_from + timedelta(days=offset))
        ]

    def action_view_stops(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("route_orders.route_stop_action")
        action["domain"] = [("route_id", "=", self.id)]
        action["context"] = {"default_route_id": self.id}
        return action
