from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    portal_slip_printed = fields.Boolean(
        string="Delivery Slip Printed",
        copy=False,
        readonly=True,
        help="Set when a staff member first prints the delivery slip (the "
        "customer's own download in the portal does not count).",
    )

    def _portal_watched(self, event):
        orders = self.sale_id._portal_watched(event)
        return self.filtered(lambda p: p.sale_id in orders)

    def write(self, vals):
        tracked = self.browse()
        if "carrier_tracking_ref" in vals:
            tracked = self._portal_watched("tracking_ref")
        old_refs = {picking: picking.carrier_tracking_ref for picking in tracked}
        res = super().write(vals)
        entries = [
            {
                "order": picking.sale_id,
                "picking": picking,
                "field_name": "carrier_tracking_ref",
                "old": old,
                "new": picking.carrier_tracking_ref,
            }
            for picking, old in old_refs.items()
            if (picking.carrier_tracking_ref or False) != (old or False)
        ]
        if entries:
            self.env["customer.portal.status.change"]._portal_record("tracking_ref", entries)
        return res

    def _portal_mark_slip_printed(self):
        """Flag the delivery slips printed for the first time and record it."""
        first_time = self.filtered(lambda p: not p.portal_slip_printed)
        if not first_time:
            return
        first_time.sudo().portal_slip_printed = True
        entries = [
            {"order": picking.sale_id, "picking": picking}
            for picking in first_time._portal_watched("slip_printed")
        ]
        self.env["customer.portal.status.change"]._portal_record("slip_printed", entries)
