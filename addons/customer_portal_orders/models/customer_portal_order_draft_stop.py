from odoo import fields, models


def hours_to_text(hours):
    """8.5 -> '08:30' (for time inputs)."""
    minutes = round((hours or 0.0) * 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def text_to_hours(text):
    """'08:30' -> 8.5; None when the text is no time of day."""
    try:
        hours, minutes = (int(part) for part in text.strip().split(":")[:2])
    except (AttributeError, ValueError):
        return None
    if not (0 <= hours <= 24 and 0 <= minutes < 60) or (hours == 24 and minutes):
        return None
    return hours + minutes / 60


class CustomerPortalOrderDraftStop(models.Model):
    """A collection or delivery of an order a customer is entering in the portal
    wizard: the same fields as an order's stop, kept until the order is sent."""

    _name = "customer.portal.order.draft.stop"
    _inherit = ["route.stop.mixin"]
    _description = "Stop of a Portal Order Draft"
    _order = "draft_id, sequence, id"

    draft_id = fields.Many2one(
        "customer.portal.order.draft", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="draft_id.company_id", store=True, index=True)
    date = fields.Date(help="Preferred day of the stop, in the stop's timezone.")
    site_name = fields.Char(help="Name of the new site, when the address is saved as a site.")
    save_as_site = fields.Boolean(help="Add this new address to the customer's sites.")
    goods_ids = fields.One2many("customer.portal.order.draft.goods", "stop_id")

    def _get_customer_country(self, vals):
        draft = self.env["customer.portal.order.draft"].browse(vals.get("draft_id"))
        return (draft or self.draft_id).partner_id.commercial_partner_id.country_id

    def _prepare_route_stop_vals(self):
        """Values of the route.stop of the order created from this stop."""
        vals = self._get_shared_stop_values()
        vals["date"] = self.date if self.time_mode == "slot" else False
        return vals

    def _as_input(self):
        """This stop as the wizard's form input (to re-check or re-display it)."""
        self.ensure_one()
        return {
            "id": str(self.id),
            "site": str(self.partner_id.id) if self.partner_id else "new",
            "site_name": self.site_name or "",
            "save_as_site": "1" if self.save_as_site else "",
            "street": self.street or "",
            "street2": self.street2 or "",
            "zip": self.zip or "",
            "city": self.city or "",
            "country_id": str(self.country_id.id or ""),
            "time_mode": self.time_mode,
            "date": fields.Date.to_string(self.date) if self.date else "",
            "time_from": hours_to_text(self.time_from) if self.time_mode == "slot" else "",
            "time_to": hours_to_text(self.time_to) if self.time_mode == "slot" else "",
            "contact_name": self.contact_name or "",
            "contact_phone": self.contact_phone or "",
            "contact_email": self.contact_email or "",
            "instructions": self.instructions or "",
        }

    def _label(self):
        self.ensure_one()
        site_sudo = self.sudo().partner_id  # may be a site of another account the user orders for
        return site_sudo.name or ", ".join(filter(None, [self.street, self.city]))
