from odoo import fields, models


class RouteRegularOrderStop(models.Model):
    """A stop of a regular order template: like a route stop, but with a time
    window and no date (the date comes from each occurrence)."""

    _name = "route.regular.order.stop"
    _inherit = ["route.stop.mixin"]
    _description = "Stop of a Regular Order"
    _order = "regular_order_id, sequence, id"

    regular_order_id = fields.Many2one(
        "route.regular.order",
        required=True,
        ondelete="cascade",
        index=True,
    )
    company_id = fields.Many2one(related="regular_order_id.company_id", store=True, index=True)
    customer_id = fields.Many2one(
        "res.partner",
        string="Customer",
        related="regular_order_id.partner_id.commercial_partner_id",
    )
    goods_ids = fields.One2many("route.regular.order.goods", "stop_id", copy=True)

    def _get_customer_country(self, vals):
        template = (
            self.env["route.regular.order"].browse(vals.get("regular_order_id"))
            or self.regular_order_id
        )
        return template.partner_id.commercial_partner_id.country_id

    def _prepare_route_stop_vals(self, day):
        """Values of the route.stop created for this template stop on ``day``.

        Every stop gets the occurrence day, so that the planning shows it; slot
        stops need it for their time window.
        """
        vals = self._get_shared_stop_values()
        vals["date"] = day
        vals["goods_ids"] = [
            fields.Command.create(goods._prepare_route_goods_vals()) for goods in self.goods_ids
        ]
        return vals
