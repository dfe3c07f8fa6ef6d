from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.base.models.res_partner import _tz_get

# The fields every kind of stop shares, copied as they are from one kind to another
# (a regular-order template stop or a portal draft stop to the stop of a real order).
ROUTE_STOP_SHARED_FIELDS = (
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


class RouteStopMixin(models.AbstractModel):
    """What a stop is, wherever it lives: on an order (route.stop) or on a
    regular order template (route.regular.order.stop)."""

    _name = "route.stop.mixin"
    _description = "Route Stop (shared fields)"

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
        help="An address of the customer (the company or one of its delivery or other "
        "addresses). Leave empty and fill in the address below for a one-off address.",
    )
    street = fields.Char()
    street2 = fields.Char()
    zip = fields.Char()
    city = fields.Char()
    country_id = fields.Many2one("res.country")

    # When (the day, where there is one, belongs to the model using the mixin)
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

    @api.depends("kind", "partner_id", "city", "sequence")
    def _compute_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for stop in self:
            place = stop.partner_id.display_name or stop.city or _("no address")
            stop.name = f"{kinds.get(stop.kind, '')}: {place}"

    @api.constrains("time_from", "time_to")
    def _check_time_window(self):
        for stop in self:
            if not (0 <= stop.time_from <= 24 and 0 <= stop.time_to <= 24) or (
                stop.time_to and stop.time_to < stop.time_from
            ):
                raise ValidationError(
                    _("A stop's time window must lie within the day and end after it starts.")
                )

    @api.constrains("kind", "partner_id", "street", "city")
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

    # ------------------------------------------------------------------
    # Contact phone: validated and formatted with phonenumbers
    # ------------------------------------------------------------------
    def _get_customer_country(self, _vals):
        """The customer's country, for models that know their customer."""
        return self.env["res.country"]

    def _get_phone_country(self, vals):
        """The country to read a contact phone in: the stop's, its site's, its
        customer's, else the company's."""
        partner = self.env["res.partner"].browse(vals.get("partner_id")) or self.partner_id
        return (
            self.env["res.country"].browse(vals.get("country_id"))
            or self.country_id
            or partner.country_id
            or self._get_customer_country(vals)
            or self.env.company.country_id
        )

    def _format_contact_phone(self, vals):
        if not vals.get("contact_phone"):
            return vals
        formatted = self.env["res.partner"]._phone_format(
            number=vals["contact_phone"],
            country=self._get_phone_country(vals),
            force_format="INTERNATIONAL",
            raise_exception=False,
        )
        if not formatted:
            raise ValidationError(
                _("%(phone)s is not a valid phone number.", phone=vals["contact_phone"])
            )
        return dict(vals, contact_phone=formatted)

    @api.model_create_multi
    def create(self, vals_list):
        return super().create([self._format_contact_phone(vals) for vals in vals_list])

    def write(self, vals):
        if not vals.get("contact_phone"):
            return super().write(vals)
        for stop in self:
            super(RouteStopMixin, stop).write(stop._format_contact_phone(vals))
        return True

    def _get_shared_stop_values(self):
        """The shared fields of this stop, as values to create another kind of stop."""
        self.ensure_one()
        return _field_values(self, ROUTE_STOP_SHARED_FIELDS)


def _field_values(record, names):
    return {
        name: record[name].id if isinstance(record[name], models.BaseModel) else record[name]
        for name in names
    }
