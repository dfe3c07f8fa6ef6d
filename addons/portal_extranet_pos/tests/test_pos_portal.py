from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.portal_extranet.tests.common import create_customer_company

# Queries of one /my/pos page, measured with 2 receipts (must not grow with the number of receipts)
POS_LIST_QUERIES = 21


@tagged("post_install", "-at_install")
class TestPosPortal(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.company_a, cls.user_a = create_customer_company(env, "Tillbuyer Oy", "pos_a")
        cls.colleague_a = env["res.partner"].create(
            {"name": "Tillbuyer Colleague", "parent_id": cls.company_a.id}
        )
        cls.company_b, cls.user_b = create_customer_company(env, "Othertill AB", "pos_b")
        cls.cashier = new_test_user(
            env, login="pos_cashier", name="Cecilia Kassinen", groups="point_of_sale.group_pos_user"
        )
        bank_journal = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
        )
        cls.card = env["pos.payment.method"].create(
            {"name": "Tilltest Card", "journal_id": bank_journal.id}
        )
        cls.config = env["pos.config"].create(
            {"name": "Tilltest Register", "payment_method_ids": [Command.set(cls.card.ids)]}
        )
        cls.pos_session = env["pos.session"].create(
            {"config_id": cls.config.id, "user_id": cls.cashier.id}
        )
        cls.tax = env["account.tax"].create(
            {"name": "Tilltest VAT 25%", "amount": 25.0, "type_tax_use": "sale"}
        )
        Product = env["product.product"]
        cls.widget = Product.create(
            {"name": "Tilltest Widget", "list_price": 10.0, "taxes_id": [Command.set(cls.tax.ids)]}
        )
        cls.gadget = Product.create({"name": "Tilltest Gadget", "list_price": 8.0, "taxes_id": []})
        cls.secret = Product.create({"name": "Secret B Gizmo", "list_price": 77.0, "taxes_id": []})
        cls.order_own = cls._receipt(
            cls.user_a.partner_id, [(cls.widget, 2, 10.0, 0.0), (cls.gadget, 1, 8.0, 50.0)]
        )
        cls.order_colleague = cls._receipt(cls.colleague_a, [(cls.gadget, 3, 8.0, 0.0)])
        cls.order_b = cls._receipt(cls.user_b.partner_id, [(cls.secret, 1, 77.0, 0.0)])

    @classmethod
    def _receipt(cls, partner, lines, **kwargs):
        return cls.env["pos.order"]._extranet_create_paid_receipt(
            cls.pos_session, partner, lines, cls.card, cashier=cls.cashier, **kwargs
        )

    def _login_a(self):
        self.authenticate("pos_a", "pos_a-pass")

    # ------------------------------------------------------------------
    # Model
    # ------------------------------------------------------------------
    def test_receipt_amounts(self):
        order = self.order_own
        self.assertEqual(order.state, "paid")
        self.assertAlmostEqual(order.amount_tax, 5.0)
        self.assertAlmostEqual(order.amount_total, 29.0)  # 2 x 10 + 25 % VAT, 1 x 8 - 50 %
        self.assertAlmostEqual(order.amount_paid, 29.0)
        self.assertEqual(order._extranet_tax_lines(), [{"name": "Tilltest VAT 25%", "amount": 5.0}])

    def test_cashier_label_follows_company_setting(self):
        company = self.order_own.company_id
        self.assertEqual(company.extranet_pos_cashier_display, "name")
        self.assertEqual(self.order_own._extranet_cashier_label(), "Cecilia Kassinen")
        company.extranet_pos_cashier_display = "reference"
        self.assertEqual(self.order_own._extranet_cashier_label(), f"Cashier #{self.cashier.id}")

    def test_record_rules(self):
        Order = self.env["pos.order"].with_user(self.user_a)
        self.assertEqual(Order.search([]), self.order_own | self.order_colleague)
        self.assertEqual(
            self.order_colleague.with_user(self.user_a).name, self.order_colleague.name
        )
        for records, field in (
            (self.order_b, "name"),
            (self.order_b.lines, "price_unit"),
            (self.order_b.payment_ids, "amount"),
        ):
            with self.subTest(model=records._name), self.assertRaises(AccessError):
                records.with_user(self.user_a).read([field])
        with self.assertRaises(AccessError):
            self.order_own.with_user(self.user_a).write({"general_note": "changed"})
        self.assertEqual(
            self.env["pos.order.line"].with_user(self.user_a).search([]),
            self.order_own.lines | self.order_colleague.lines,
        )
        self.assertEqual(
            self.env["pos.payment"].with_user(self.user_a).search([]),
            self.order_own.payment_ids | self.order_colleague.payment_ids,
        )

    # ------------------------------------------------------------------
    # HTTP
    # ------------------------------------------------------------------
    def test_list_shows_company_receipts(self):
        self._login_a()
        response = self.url_open("/my/pos")
        self.assertEqual(response.status_code, 200)
        body = response.text
        self.assertEqual(body.count("o_extranet_pos_order_row"), 2)
        for order in (self.order_own, self.order_colleague):
            self.assertIn(f'href="/my/pos/{order.id}"', body)
            self.assertIn(order.name, body)
        self.assertIn("Tilltest Register", body)
        self.assertIn("29.00", body)
        self.assertNotIn(f"/my/pos/{self.order_b.id}", body)
        self.assertNotIn(self.order_b.name, body)

    def test_list_period_filter_and_sorting(self):
        old = self._receipt(
            self.company_a,
            [(self.gadget, 1, 8.0, 0.0)],
            date_order=fields.Datetime.now() - timedelta(days=90),
        )
        self._login_a()
        self.assertIn(f"/my/pos/{old.id}", self.url_open("/my/pos?filterby=year").text)
        body = self.url_open("/my/pos?filterby=month&sortby=name").text
        self.assertNotIn(f"/my/pos/{old.id}", body)
        self.assertEqual(body.count("o_extranet_pos_order_row"), 2)

    def test_detail_shows_lines_taxes_totals_and_payments(self):
        self._login_a()
        response = self.url_open(f"/my/pos/{self.order_own.id}")
        self.assertEqual(response.status_code, 200)
        body = response.text
        for text in (
            self.order_own.pos_reference,
            "Tilltest Register",
            "Cecilia Kassinen",
            "Tilltest Widget",
            "Tilltest Gadget",
            "10.00",  # unit price
            "25.00",  # widget subtotal incl. VAT
            "50.0</span> %",  # gadget discount
            "4.00",  # gadget subtotal
            "Tilltest VAT 25%",
            "5.00",
            "29.00",
            "Tilltest Card",
            "window.print()",
        ):
            self.assertIn(text, body)

    def test_cashier_reference_on_portal(self):
        self.env.company.extranet_pos_cashier_display = "reference"
        self._login_a()
        body = self.url_open(f"/my/pos/{self.order_own.id}").text
        self.assertIn(f"Cashier #{self.cashier.id}", body)
        self.assertNotIn("Cecilia Kassinen", body)

    def test_colleague_receipt_detail(self):
        self._login_a()
        response = self.url_open(f"/my/pos/{self.order_colleague.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order_colleague.name, response.text)
        self.assertIn("Tillbuyer Colleague", response.text)

    @mute_logger("odoo.http")
    def test_other_company_receipt_is_not_found(self):
        self._login_a()
        missing = self.url_open("/my/pos/999999999")
        response = self.url_open(f"/my/pos/{self.order_b.id}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.status_code, missing.status_code)
        for text in (self.order_b.name, self.order_b.pos_reference, "Secret B Gizmo", "77.00"):
            self.assertNotIn(text, response.text)
        # B's own user sees it
        self.authenticate("pos_b", "pos_b-pass")
        response = self.url_open(f"/my/pos/{self.order_b.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Secret B Gizmo", response.text)

    def test_anonymous_goes_to_login(self):
        for url in ("/my/pos", f"/my/pos/{self.order_own.id}"):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])

    def test_home_counter(self):
        self._login_a()
        values = self.make_jsonrpc_request("/my/counters", {"counters": ["pos_order_count"]})
        self.assertEqual(values.get("pos_order_count"), 2)
        self.assertIn('href="/my/pos"', self.url_open("/my").text)

    @mute_logger("odoo.http")
    def test_switched_off_section(self):
        self._login_a()
        self.env.company.extranet_section_pos = False
        for url in ("/my/pos", f"/my/pos/{self.order_own.id}", "/my/pos/page/2"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(self.order_own.name, response.text)
        values = self.make_jsonrpc_request("/my/counters", {"counters": ["pos_order_count"]})
        self.assertNotIn("pos_order_count", values)
        self.assertNotIn('href="/my/pos"', self.url_open("/my").text)
        self.env.company.extranet_section_pos = True
        self.assertEqual(self.url_open("/my/pos").status_code, 200)

    def test_demo_receipts_of_company_a(self):
        company_a = self.env.ref("portal_extranet.partner_company_a")
        receipts = self.env["pos.order"].search([("partner_id", "child_of", company_a.id)])
        self.assertEqual(len(receipts), 3)
        # the demo session is closed again, which posts its receipts
        self.assertEqual(set(receipts.mapped("state")), {"done"})
        self.assertTrue(all(receipt.lines and receipt.payment_ids for receipt in receipts))
        self.assertEqual(set(receipts.session_id.mapped("state")), {"closed"})

    def test_list_query_count_does_not_grow(self):
        company_c, _user_c = create_customer_company(self.env, "Querytill Oy", "pos_c")

        def add_receipts(count):
            for i in range(count):
                self._receipt(company_c, [(self.widget, i + 1, 10.0, 0.0)])

        add_receipts(2)
        self.authenticate("pos_c", "pos_c-pass")
        self.assertEqual(self.url_open("/my/pos").status_code, 200)  # warm the caches
        with self.assertQueryCount(POS_LIST_QUERIES):
            self.assertEqual(self.url_open("/my/pos").text.count("o_extranet_pos_order_row"), 2)
        add_receipts(10)
        self.assertEqual(self.url_open("/my/pos").status_code, 200)
        with self.assertQueryCount(POS_LIST_QUERIES):
            self.assertEqual(self.url_open("/my/pos").text.count("o_extranet_pos_order_row"), 12)
