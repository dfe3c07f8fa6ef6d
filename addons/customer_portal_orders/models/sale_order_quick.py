"""Plain product orders placed by customers on the portal: quick order and re-order.

Customer orders land as quotations (state ``draft``) for staff to confirm, like the orders of
the CSV/XML importer (``route.order.import``): prices, stock and delivery terms stay the
staff's decision. Signature and online payment are switched off on them, so the customer
cannot confirm an order of their own making from the portal.
"""

# Kept apart from sale_order.py on purpose: portal ordering is its own feature, developed
# and reviewed separately from the web-order fields.
# pylint: disable=consider-merging-classes-inherited

from odoo import Command, _, api, models

QUICK_ORDER_ORIGINS = ("portal", "upload")


def _parse_quantity(raw):
    text = (raw or "").strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    return float(text)


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------
    # Quick order: rows of product code and quantity
    # ------------------------------------------------------------------
    @api.model
    def _portal_quick_order_products(self, codes):
        """default_code -> product.product (False when several products share the code)."""
        Product = self.env["product.product"]
        domain = [("default_code", "in", list(codes))]
        domain += Product._check_company_domain(self.env.company)
        products = {}
        for product in Product.search(domain):
            products[product.default_code] = False if product.default_code in products else product
        return products

    @api.model
    def _portal_quick_order_check(self, rows):
        """Validate quick order rows.

        :param rows: list of ``(code, quantity)`` as typed by the customer
        :return: ``(lines, errors)``: ``lines`` a list of ``(product, quantity)`` for the
            filled rows, ``errors`` a dict row index -> message; rows without code and
            quantity are ignored
        """
        filled = [
            (index, (code or "").strip(), (quantity or "").strip())
            for index, (code, quantity) in enumerate(rows)
            if (code or "").strip() or (quantity or "").strip()
        ]
        products = self._portal_quick_order_products({code for _i, code, _q in filled if code})
        lines, errors = [], {}
        for index, code, raw_quantity in filled:
            try:
                quantity = _parse_quantity(raw_quantity)
            except ValueError:
                quantity = None
            product = products.get(code)
            if not code:
                errors[index] = _("Give the product code.")
            elif product is None:
                errors[index] = _("No product has the code %s.", code)
            elif product is False:
                errors[index] = _("Several products have the code %s: ask us.", code)
            elif not product.sale_ok:
                errors[index] = _("%s is not for sale.", product.display_name)
            elif quantity is None or quantity <= 0:
                errors[index] = _("Give a quantity greater than zero.")
            else:
                lines.append((product, quantity))
        if not filled:
            errors[0] = _("Give at least one product code and quantity.")
        return lines, errors

    @api.model
    def _portal_create_quick_order(self, partner, lines, origin="portal"):
        """Create a plain draft order for ``partner`` (the contact who orders).

        :param partner: ``res.partner`` of the portal user; the order is for its company
        :param lines: list of ``(product, quantity)``
        :param origin: ``web_origin`` of the order
        """
        order = self.create(
            {
                "partner_id": partner.id,
                "route_order_type": "plain",
                "web_origin": origin,
                "require_signature": False,
                "require_payment": False,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": quantity})
                    for product, quantity in lines
                ],
            }
        )
        order._portal_subscribe_customer(partner)
        return order

    def _portal_subscribe_customer(self, partner):
        """Customers see orders through followers (``sale.sale_order_rule_portal``)."""
        self.message_subscribe(partner_ids=(partner | partner.commercial_partner_id).ids)

    # ------------------------------------------------------------------
    # Re-order: the same products again
    # ------------------------------------------------------------------
    def _portal_reorder_lines(self):
        """Product lines to copy: ``(product, quantity, uom)``, and products no longer sold."""
        self.ensure_one()
        lines, skipped = [], self.env["product.product"]
        for line in self.order_line:
            if line.display_type or line.is_downpayment or not line.product_id:
                continue
            product = line.product_id
            if not (product.active and product.sale_ok):
                skipped |= product
                continue
            lines.append((product, line.product_uom_qty, line.product_uom))
        return lines, skipped

    def _portal_reorder(self, partner):
        """Create a new plain draft order with this order's products for ``partner``.

        :return: ``(new order or empty recordset, products left out)``
        """
        self.ensure_one()
        lines, skipped = self._portal_reorder_lines()
        if not lines:
            return self.browse(), skipped
        order = self.create(
            {
                "partner_id": partner.id,
                "route_order_type": "plain",
                "web_origin": "portal",
                "require_signature": False,
                "require_payment": False,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": qty, "product_uom": uom.id}
                    )
                    for product, qty, uom in lines
                ],
            }
        )
        order._portal_subscribe_customer(partner)
        return order, skipped
