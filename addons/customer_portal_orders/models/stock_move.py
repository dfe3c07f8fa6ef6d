from odoo import models
from odoo.tools import float_compare


class StockMove(models.Model):
    _inherit = "stock.move"

    def _portal_watched(self, event):
        """The moves of confirmed sale orders whose company watches ``event``."""
        orders = self.sale_line_id.order_id._portal_watched(event)
        return self.filtered(lambda m: m.sale_line_id.order_id in orders)

    def write(self, vals):
        picked = self.browse()
        if vals.get("picked"):
            picked = self.filtered(lambda m: not m.picked)._portal_watched("picked")
        dated_lines = self.browse().sale_line_id
        if "date" in vals and vals.get("state") != "done":
            dated_lines = (
                self.filtered(lambda m: m.state not in ("done", "cancel"))
                ._portal_watched("expected_date")
                .sale_line_id
            )
        old_dates = dated_lines._portal_expected_dates()
        delivered_lines = self.browse().sale_line_id
        if "quantity" in vals:
            delivered_lines = (
                self.filtered(lambda m: m.state == "done")
                ._portal_watched("delivered_qty")
                .sale_line_id
            )
        old_delivered = {line: line.qty_delivered for line in delivered_lines}
        res = super().write(vals)
        if picked:
            picked.filtered("picked")._portal_record_picked()
        if dated_lines:
            dated_lines._portal_record_expected_dates(old_dates)
        if delivered_lines:
            delivered_lines._portal_record_delivered(old_delivered)
        return res

    def _portal_record_picked(self):
        entries = [
            {
                "order": move.sale_line_id.order_id,
                "picking": move.picking_id,
                "line": move.sale_line_id,
                "product": move.product_id,
                "field_name": "qty",
                "new": move.quantity,
            }
            for move in self
        ]
        self.env["customer.portal.status.change"]._portal_record("picked", entries)

    def _action_done(self, cancel_backorder=False):
        delivered_lines = self._portal_watched("delivered_qty").sale_line_id
        old_delivered = {line: line.qty_delivered for line in delivered_lines}
        stock_before = self._portal_stock_snapshot()
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        if delivered_lines:
            delivered_lines._portal_record_delivered(old_delivered)
        if stock_before:
            self._portal_record_goods_received(stock_before)
        return moves

    # --- Goods received: a product's available quantity goes from 0 to positive

    def _portal_incoming_products(self):
        """{company: products} this batch may bring into stock, for companies
        that watch goods received."""
        rules = self.env["customer.portal.status.rule"]
        incoming = self.filtered(
            lambda m: (
                m.product_id.is_storable
                and m.location_dest_id.usage == "internal"
                and m.location_id.usage != "internal"
            )
        )
        return {
            company: moves.product_id
            for company, moves in incoming.grouped("company_id").items()
            if rules._portal_watches(company, "goods_received")
        }

    def _portal_stock_snapshot(self):
        return {
            company: {
                product: product.qty_available
                for product in products.with_context(allowed_company_ids=company.ids)
            }
            for company, products in self._portal_incoming_products().items()
        }

    def _portal_record_goods_received(self, stock_before):
        entries = []
        for company, before in stock_before.items():
            products = self.env["product.product"].browse([p.id for p in before])
            products = products.with_context(allowed_company_ids=company.ids)
            products.invalidate_recordset(["qty_available"])
            back_in_stock = products.filtered(
                lambda p: before[p] <= 0 < p.qty_available  # noqa: B023
            )
            if not back_in_stock:
                continue
            lines = self.env["sale.order.line"].search(
                [
                    ("company_id", "=", company.id),
                    ("product_id", "in", back_in_stock.ids),
                    ("state", "=", "sale"),
                ]
            )
            entries += [
                {"order": line.order_id, "line": line, "product": line.product_id}
                for line in lines
                if float_compare(
                    line.qty_delivered,
                    line.product_uom_qty,
                    precision_rounding=line.product_uom.rounding or 0.01,
                )
                < 0
            ]
        self.env["customer.portal.status.change"]._portal_record("goods_received", entries)
