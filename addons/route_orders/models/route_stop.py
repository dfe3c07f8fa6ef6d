from odoo import api, fields, models


class RouteStop(models.Model):
    """A stop ("routepoint") of a route order: a collection or a delivery."""

    _name = "route.stop"
    _description = "Route Stop"
    _order = "order_id, sequence, id"

    order_id = fields.Many2one("sale.order", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="order_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(
        related="order_id.partner_id", string="Customer", store=True, index=True
    )
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("collection", "Collection"), ("delivery", "Delivery")],
        required=True,
        default="delivery",
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Site",
        help="The address of the stop: an address of the customer or a one-off address.",
    )
    contact_name = fields.Char()
    state = fields.Selection(
        [("planned", "Planned"), ("done", "Done"), ("cancelled", "Cancelled")],
        default="planned",
        required=True,
        copy=False,
    )
    name = fields.Char(compute="_compute_name")

    @api.depends("kind", "partner_id", "sequence")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for stop in self:
            place = stop.partner_id.display_name or self.env._("no address")
            stop.name = f"{kinds.get(stop.kind, '')}: {place}"
