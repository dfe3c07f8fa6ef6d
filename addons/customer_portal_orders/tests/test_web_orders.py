from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestWebOrdersPanel(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.salesman = new_test_user(
            cls.env,
            login="wo_sales",
            groups="sales_team.group_sale_salesman_all_leads",
            name="Sally Sales",
        )
        cls.customer = cls.env["res.partner"].create(
            {"name": "Web Order Customer Oy", "is_company": True, "email": "wo@example.com"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Web order service", "type": "service", "list_price": 10.0}
        )
        cls.action = cls.env.ref("customer_portal_orders.sale_order_action_web_orders")

    def _order(self, origin="portal", **vals):
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "web_origin": origin,
                "order_line": [(0, 0, {"product_id": self.product.id})],
                **vals,
            }
        )

    def _panel(self):
        """What the panel shows with its default filter 'To Acknowledge'."""
        domain = [("web_origin", "!=", False), ("web_acknowledged_date", "=", False)]
        return self.env["sale.order"].search(domain)

    def test_panel_lists_web_orders_and_quote_requests_not_acknowledged(self):
        portal, upload = self._order("portal"), self._order("upload")
        request = self._order("link", web_quote_request=True)
        staff = self.env["sale.order"].create({"partner_id": self.customer.id})
        self.assertIn("web_origin", self.action.domain)
        self.assertIn("search_default_filter_web_to_acknowledge", self.action.context)
        panel = self._panel()
        self.assertEqual(panel & (portal | upload | request | staff), portal | upload | request)

    def test_acknowledge_one_records_who_and_when(self):
        order = self._order()
        before = fields.Datetime.now()
        order.with_user(self.salesman).action_web_acknowledge()
        self.assertEqual(order.web_acknowledged_by_id, self.salesman)
        self.assertGreaterEqual(order.web_acknowledged_date, before.replace(microsecond=0))
        self.assertNotIn(order, self._panel())
        note = order.message_ids[0]
        self.assertIn("acknowledged by Sally Sales", str(note.body))
        self.assertEqual(note.subtype_id, self.env.ref("mail.mt_note"))

    def test_acknowledge_several_from_the_action_menu(self):
        orders = self._order() | self._order("upload") | self._order("import")
        done = orders[0]
        done.action_web_acknowledge()
        first_date = done.web_acknowledged_date
        server_action = self.env.ref(
            "customer_portal_orders.sale_order_action_server_web_acknowledge"
        ).with_user(self.salesman)
        server_action.with_context(active_model="sale.order", active_ids=orders.ids).run()
        self.assertEqual(orders.mapped("web_acknowledged_by_id"), self.env.user | self.salesman)
        self.assertEqual(done.web_acknowledged_date, first_date, "acknowledged once")
        self.assertEqual(done.web_acknowledged_by_id, self.env.user)
        self.assertFalse(self._panel() & orders)

    def test_staff_orders_are_not_acknowledged(self):
        staff = self.env["sale.order"].create({"partner_id": self.customer.id})
        staff.action_web_acknowledge()
        self.assertFalse(staff.web_acknowledged_date)

    def test_send_confirmation_queues_mail_with_pdf_including_stops_and_goods(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "web_origin": "portal",
                "route_order_type": "one_to_one",
                "route_stop_ids": [
                    (0, 0, {"kind": "collection", "partner_id": self.customer.id, "sequence": 1}),
                    (0, 0, {"kind": "delivery", "partner_id": self.customer.id, "sequence": 2}),
                ],
            }
        )
        self.env["route.goods"].create(
            {"stop_id": order.route_stop_ids[0].id, "description": "Blue crates", "quantity": 4}
        )
        order.action_confirm()
        quote = self._order("upload")
        mails_before = self.env["mail.mail"].search([])
        server_action = self.env.ref(
            "customer_portal_orders.sale_order_action_server_web_send_confirmation"
        ).with_user(self.salesman)
        server_action.with_context(active_model="sale.order", active_ids=(order | quote).ids).run()
        new_mails = self.env["mail.mail"].search([]) - mails_before
        self.assertEqual(len(new_mails), 2, "one mail per order")
        self.assertEqual(set(new_mails.mapped("state")), {"outgoing"}, "queued")
        self.assertEqual(quote.state, "sent")
        for record in (order, quote):
            mail = new_mails.filtered(lambda m, record=record: m.res_id == record.id)
            self.assertEqual(mail.model, "sale.order")
            self.assertIn(self.customer, mail.recipient_ids)
            attachment = mail.attachment_ids
            self.assertEqual(len(attachment), 1)
            # tests render reports as HTML (no wkhtmltopdf): the extension follows the format
            self.assertRegex(attachment.name, r"\.(pdf|html)$")
            self.assertIn(record.name, attachment.name)
        order_attachment = new_mails.filtered(lambda m: m.res_id == order.id).attachment_ids
        content = order_attachment.raw.decode(errors="ignore")
        self.assertIn("Blue crates", content, "goods on the PDF")
        self.assertIn('name="route_stops"', content, "stops on the PDF")

    def test_send_confirmation_refuses_cancelled_orders(self):
        order = self._order()
        order._action_cancel()
        with self.assertRaises(UserError):
            order.action_web_send_confirmation()

    def test_menu_shows_how_many_web_orders_wait(self):
        Menu = self.env["ir.ui.menu"].with_user(self.salesman)
        menu = self.env.ref("customer_portal_orders.sale_order_menu_web_orders")
        waiting = len(self._panel())
        first, second = self._order(), self._order(origin="link", web_quote_request=True)
        self.assertEqual(Menu.load_menus(False)[menu.id]["name"], f"Web Orders ({waiting + 2})")
        (first | second).with_user(self.salesman).action_web_acknowledge()
        expected = f"Web Orders ({waiting})" if waiting else "Web Orders"
        self.assertEqual(Menu.load_menus(False)[menu.id]["name"], expected)
        employee = new_test_user(self.env, login="wo_employee", groups="base.group_user")
        self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(employee).load_menus(False))
