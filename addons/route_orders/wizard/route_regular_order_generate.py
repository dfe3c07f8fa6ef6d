from datetime import timedelta

from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import UserError


class RouteRegularOrderGenerate(models.TransientModel):
    """Generate the orders of regular orders over an interval."""

    _name = "route.regular.order.generate"
    _description = "Generate Orders of Regular Orders"

    regular_order_ids = fields.Many2many(
        "route.regular.order",
        string="Regular Orders",
        required=True,
        default=lambda self: self._default_regular_order_ids(),
    )
    date_from = fields.Date(string="From", required=True, default=fields.Date.context_today)
    date_to = fields.Date(string="To", required=True, default=lambda self: self._default_date_to())
    mode = fields.Selection(
        [("missing", "Generate missing orders"), ("all", "Regenerate all orders")],
        required=True,
        default="missing",
        help="Generate missing: only dates without an order get one. Regenerate all: "
        "quotations (draft or sent) of the interval are deleted and generated again from "
        "the regular order; confirmed, cancelled and invoiced orders are kept.",
    )
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    result_summary = fields.Html(string="Result", readonly=True, sanitize=True)
    order_ids = fields.Many2many("sale.order", string="Generated Orders", readonly=True)
    order_count = fields.Integer(compute="_compute_order_count")

    @api.model
    def _default_regular_order_ids(self):
        if self.env.context.get("active_model") != "route.regular.order":
            return False
        return [fields.Command.set(self.env.context.get("active_ids") or [])]

    @api.model
    def _default_date_to(self):
        days = self.env.company.route_regular_horizon_days
        return fields.Date.context_today(self) + timedelta(days=days)

    @api.depends("order_ids")
    def _compute_order_count(self):
        for wizard in self:
            wizard.order_count = len(wizard.order_ids)

    def action_generate(self):
        self.ensure_one()
        if self.date_to < self.date_from:
            raise UserError(_("The interval ends before it starts."))
        templates = self.regular_order_ids
        if self.mode == "all":
            result = templates.regenerate_all(self.date_from, self.date_to)
        else:
            result = templates.generate_missing(self.date_from, self.date_to)
        lines = templates._format_generation_result(result)
        items = Markup("").join(Markup("<li>%s</li>") % line for line in lines)
        self.write(
            {
                "state": "done",
                "result_summary": Markup("<ul>%s</ul>") % items,
                "order_ids": [fields.Command.set((result["created"] | result["rebuilt"]).ids)],
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Generated Orders"),
        }

    def action_view_orders(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Generated Orders"),
            "res_model": "sale.order",
            "view_mode": "list,form",
            "domain": [("id", "in", self.order_ids.ids)],
            "context": {"create": False},
        }
