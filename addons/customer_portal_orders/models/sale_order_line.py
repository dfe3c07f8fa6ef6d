from odoo import models
from odoo.tools import float_compare


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    def write(self, vals):
        # qty_delivered is written directly on lines delivered by hand
        delivered = self.browse()
        if "qty_delivered" in vals:
            delivered = self.order_id._portal_watched("delivered_qty").order_line & self
        old_delivered = {line: line.qty_delivered for line in delivered}
        dated = self.browse()
        if "customer_lead" in vals:
            dated = self.order_id._portal_watched("expected_date").order_line & self
        old_dates = dated._portal_expected_dates()
        res = super().write(vals)
        if delivered:
            delivered._portal_record_delivered(old_delivered)
        if dated:
            dated._portal_record_expected_dates(old_dates)
        return res

    # --- Delivered quantity

    def _portal_record_delivered(self, old_delivered):
        entries = [
            {
                "order": line.order_id,
                "line": line,
                "product": line.product_id,
                "field_name": "qty",
                "old": old,
                "new": line.qty_delivered,
            }
            for line, old in old_delivered.items()
            if float_compare(
                line.qty_delivered, old, precision_rounding=line.product_uom.rounding or 0.01
            )
        ]
        self.env["customer.portal.status.change"]._portal_record("delivered_qty", entries)

    # --- Expected delivery date

    def _portal_expected_dates(self):
        """{line: expected delivery datetime}: the product's date (the scheduled
        date of its open delivery moves) first, then the order's (its commitment
        date, else Odoo's expected date), then the linked purchase order's."""
        result = {}
        for line in self:
            moves = line.move_ids.filtered(
                lambda m: (
                    m.state not in ("done", "cancel") and m.location_dest_id.usage == "customer"
                )
            )
            order = line.order_id
            result[line] = (
                min(moves.mapped("date"), default=False)
                or order.commitment_date
                or order.expected_date
                or line._portal_purchase_date()
            )
        return result

    def _portal_purchase_date(self):
        """The planned receipt date of the purchase made for this line."""
        if "purchase_line_id" not in self.env["stock.move"]._fields:
            return False  # purchase_stock is not installed
        purchase_lines = self.move_ids.move_orig_ids.purchase_line_id.filtered(
            lambda p: p.state not in ("cancel",)
        )
        return max(purchase_lines.mapped("date_planned"), default=False)

    def _portal_record_expected_dates(self, old_dates):
        new_dates = self._portal_expected_dates()
        entries = [
            {
                "order": line.order_id,
                "line": line,
                "product": line.product_id,
                "field_name": "expected_date",
                "old": old_dates.get(line),
                "new": new_date,
            }
            for line, new_date in new_dates.items()
            if new_date != old_dates.get(line) and not line.display_type
        ]
        self.env["customer.portal.status.change"]._portal_record("expected_date", entries)
