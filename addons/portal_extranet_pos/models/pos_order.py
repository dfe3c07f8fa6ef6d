from datetime import timedelta

from odoo import Command, _, api, fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"

    # ------------------------------------------------------------------
    # What a receipt shows on the portal
    # ------------------------------------------------------------------
    def _extranet_cashier(self):
        """The person who served the customer: the employee (with pos_hr) or else the user."""
        self.ensure_one()
        employee = self["employee_id"] if "employee_id" in self._fields else False
        return employee or self.user_id

    def _extranet_cashier_label(self):
        """The cashier as the order's company wants customers to see it."""
        self.ensure_one()
        cashier = self._extranet_cashier()
        if not cashier:
            return ""
        if self.company_id.extranet_pos_cashier_display == "reference":
            return _("Cashier #%s", cashier.id)
        return cashier.name

    def _extranet_tax_lines(self):
        """Tax name -> amount of the whole receipt, computed like the POS receipt does."""
        self.ensure_one()
        amounts = {}
        for line in self.lines:
            taxes = line.tax_ids_after_fiscal_position
            if not taxes:
                continue
            price = line.price_unit * (1 - (line.discount or 0.0) / 100.0)
            computed = taxes.compute_all(
                price, self.currency_id, line.qty, product=line.product_id, partner=self.partner_id
            )
            for tax in computed["taxes"]:
                amounts[tax["name"]] = amounts.get(tax["name"], 0.0) + tax["amount"]
        return [{"name": name, "amount": amount} for name, amount in amounts.items()]

    # ------------------------------------------------------------------
    # Paid receipts made outside the POS interface (demo data, tests)
    # ------------------------------------------------------------------
    @api.model
    def _extranet_create_paid_receipt(
        self, session, partner, lines, payment_method, date_order=None, cashier=None
    ):
        """Create a paid receipt in ``session`` for ``partner``.

        ``lines`` is a list of ``(product, qty, price_unit, discount)``; the product's
        sales taxes apply, the order is paid in full with ``payment_method``.
        """
        company = session.config_id.company_id
        order = self.create(
            {
                "session_id": session.id,
                "partner_id": partner.id,
                "user_id": (cashier or self.env.user).id,
                "date_order": date_order or fields.Datetime.now(),
                "amount_tax": 0.0,
                "amount_total": 0.0,
                "amount_paid": 0.0,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "full_product_name": product.display_name,
                            "qty": qty,
                            "price_unit": price_unit,
                            "discount": discount,
                            "tax_ids": [
                                Command.set(product.taxes_id._filter_taxes_by_company(company).ids)
                            ],
                            "price_subtotal": 0.0,
                            "price_subtotal_incl": 0.0,
                        }
                    )
                    for product, qty, price_unit, discount in lines
                ],
            }
        )
        for line in order.lines:
            line.write(line._compute_amount_line_all())
        order._compute_prices()
        self.env["pos.payment"].create(
            {
                "pos_order_id": order.id,
                "payment_method_id": payment_method.id,
                "amount": order.amount_total,
                "payment_date": order.date_order,
            }
        )
        order._compute_prices()
        order.action_pos_order_paid()  # names the order
        order.pos_reference = _("Order %s", order.name)
        return order

    @api.model
    def _extranet_create_demo_receipts(self):
        """Demo: paid receipts of the furniture shop for Aurora Wholesale Oy."""
        config = self.env.ref("point_of_sale.pos_config_main", raise_if_not_found=False)
        cash = self.env.ref("point_of_sale.cash_payment_method_furniture", raise_if_not_found=False)
        customer = self.env.ref("portal_extranet.partner_company_a", raise_if_not_found=False)
        buyer = self.env.ref("portal_extranet.partner_company_a_member", raise_if_not_found=False)
        cashier = self.env.ref("base.user_demo", raise_if_not_found=False) or self.env.user
        products = [
            self.env.ref(xmlid, raise_if_not_found=False)
            for xmlid in (
                "point_of_sale.wall_shelf",
                "point_of_sale.small_shelf",
                "point_of_sale.letter_tray",
                "product.desk_organizer",
            )
        ]
        if not (config and cash and customer and buyer and all(products)):
            return self.browse()
        wall_shelf, small_shelf, letter_tray, desk_organizer = products
        now = fields.Datetime.now()
        session = (
            self.env["pos.session"]
            .with_context(onboarding_creation=True)
            .create(
                {
                    "config_id": config.id,
                    "user_id": cashier.id,
                    "start_at": now - timedelta(days=21),
                }
            )
        )
        receipts = self.browse()
        for partner, lines, days_ago in (
            (customer, [(wall_shelf, 2, 1.98, 0.0), (letter_tray, 1, 4.80, 0.0)], 20),
            (buyer, [(small_shelf, 3, 2.83, 10.0)], 12),
            (customer, [(desk_organizer, 4, 5.10, 0.0), (letter_tray, 2, 4.80, 5.0)], 3),
        ):
            receipts |= self._extranet_create_paid_receipt(
                session,
                partner,
                lines,
                cash,
                date_order=now - timedelta(days=days_ago),
                cashier=cashier,
            )
        session.post_closing_cash_details(session.cash_register_balance_end)
        session.update_closing_control_state_session("")
        session.action_pos_session_closing_control()
        return receipts
