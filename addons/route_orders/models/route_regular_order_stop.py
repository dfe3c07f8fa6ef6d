from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

# Fields copied as they are from a template stop to the stop of a generated order.
STOP_COPIED_FIELDS = (
    "sequence",
    "kind",
    "partner_id",
    "street",
    "street2",
    "zip",
    "city",
    "country_id",
    "time_mode",
    "time_from",
    "time_to",
    "tz",
    "contact_name",
    "contact_phone",
    "contact_email",
    "instructions",
)


class RouteRegularOrderStop(models.Model):
    """A stop of a regular order template: like a route stop, but with a time
    window and no date (the date comes from each occurrence)."""

    _name = "route.regular.order.stop"
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
    sequence = fields.Integer(default=10)
    kind = fields.Selection(
        [("collection", "Collection"), ("delivery", "Delivery")],
        required=True,
        default="delivery",
    )
    name = fields.Char(compute="_compute_name")

    # Where
    partner_id = fields.Many2one(
        "res.partner",
        string="Site",
        help="An address of the customer. Leave empty and fill in the address below "
        "for a one-off address.",
    )
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country")

    # When: the day comes from the occurrence, the time window from here
    time_mode = fields.Selection(
        [("asap", "As soon as possible"), ("slot", "Preferred time")],
        required=True,
        default="asap",
    )
    time_from = fields.Float(string="From", help="Start of the time window (hours).")
    time_to = fields.Float(string="To", help="End of the time window (hours).")
    tz = fields.Selection(
        _tz_get,
        string="Timezone",
        default=lambda self: self.env.user.tz or "UTC",
        required=True,
    )

    # Who
    contact_name = fields.Char()
    contact_phone = fields.Char()
    contact_email = fields.Char()
    instructions = fields.Text()

    goods_ids = fields.One2many("route.regular.order.goods", "stop_id", copy=True)

    _sql_constraints = [
        (
            "time_window_valid",
            "CHECK(time_from >= 0 AND time_to <= 24 AND (time_to = 0 OR time_to >= time_from))",
            "A stop's time window must lie within the day and end after it starts.",
        ),
    ]

    @api.depends("kind", "partner_id", "city")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for stop in self:
            place = stop.partner_id.display_name or stop.city or _("no address")
            stop.name = f"{kinds.get(stop.kind, '')}: {place}"

    @api.constrains("partner_id", "street", "city")
    def _check_has_address(self):
        for stop in self:
            if not stop.partner_id and not (stop.street and stop.city):
                raise ValidationError(
                    _("Stop %(stop)s needs a site or a street and a city.", stop=stop.sequence)
                )

    @api.onchange("partner_id")
    def _onchange_partner_id(self):
        site = self.partner_id
        if not site:
            return
        if not site.is_company and site.type == "contact":
            self.contact_name = self.contact_name or site.name
        self.contact_phone = self.contact_phone or site.phone or site.mobile
        self.contact_email = self.contact_email or site.email

    @api.model_create_multi
    def create(self, vals_list):
        # same phone check and format as the stops the template generates
        route_stop = self.env["route.stop"]
        return super().create([route_stop._format_contact_phone(vals) for vals in vals_list])

    def write(self, vals):
        if not vals.get("contact_phone"):
            return super().write(vals)
        route_stop = self.env["route.stop"]
        for stop in self:
            site_vals = {"partner_id": stop.partner_id.id, "country_id": stop.country_id.id}
            formatted = route_stop._format_contact_phone({**site_vals, **vals})
            super(RouteRegularOrderStop, stop).write(
                {**vals, "contact_phone": formatted["contact_phone"]}
            )
        return True

    def _prepare_route_stop_vals(self, day):
        """Values of the route.stop created for this template stop on ``day``.

        Every stop gets the occurrence day, so that the planning shows it; slot
        stops need it for their time window.
        """
        self.ensure_one()
        vals = {}
        for name in STOP_COPIED_FIELDS:
            value = self[name]
            vals[name] = value.id if isinstance(value, models.BaseModel) else value
        vals["date"] = day
        vals["goods_ids"] = [
            fields.Command.create(goods._prepare_route_goods_vals()) for goods in self.goods_ids
        ]
        return vals
