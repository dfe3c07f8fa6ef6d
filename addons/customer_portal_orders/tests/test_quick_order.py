from odoo.http import Request
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.portal_extranet.tests.common import create_customer_company


def _create_products(env):
    Product = env["product.product"]
    widget = Product.create(
        {"name": "Quick Widget", "default_code": "QO-WIDGET", "list_price": 12.0, "type": "consu"}
    )
    bolt = Product.create(
        {"name": "Quick Bolt", "default_code": "QO-BOLT", "list_price": 0.5, "type": "consu"}
    )
    internal = Product.create(
        {"name": "Quick Internal", "default_code": "QO-INTERNAL", "sale_ok": False}
    )
    return widget, bolt, internal


@tagged("post_install", "-at_install")
class TestQuickOrderModel(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.widget, cls.bolt, cls.internal = _create_products(cls.env)
        cls.company_a, cls.user_a = create_customer_company(cls.env, "Quickbuy Oy", "qo_model_a")
        cls.SaleOrder = cls.env["sale.order"]

    def test_check_reports_each_bad_row_and_keeps_good_ones(self):
        rows = [
            ("QO-WIDGET", "3"),
            ("NO-SUCH-CODE", "1"),
            ("QO-INTERNAL", "1"),
            ("QO-BOLT", "0"),
            ("QO-BOLT", "-2"),
            ("QO-BOLT", "many"),
            ("", "4"),
            ("", ""),
            ("QO-BOLT", "2,5"),
        ]
        lines, errors = self.SaleOrder._portal_quick_order_check(rows)
        self.assertEqual(lines, [(self.widget, 3.0), (self.bolt, 2.5)])
        self.assertEqual(sorted(errors), [1, 2, 3, 4, 5, 6])
        self.assertIn("NO-SUCH-CODE", errors[1])
        self.assertIn("not for sale", errors[2])
        self.assertIn("greater than zero", errors[3])
        self.assertIn("greater than zero", errors[5])
        self.assertIn("code", errors[6])

    def test_check_needs_one_row_and_refuses_ambiguous_codes(self):
        _lines, errors = self.SaleOrder._portal_quick_order_check([("", ""), ("", "")])
        self.assertEqual(list(errors), [0])
        self.env["product.product"].create(
            {"name": "Quick Widget Twin", "default_code": "QO-WIDGET"}
        )
        lines, errors = self.SaleOrder._portal_quick_order_check([("QO-WIDGET", "1")])
        self.assertFalse(lines)
        self.assertIn("Several products", errors[0])

    def test_create_plain_draft_order_the_customer_follows(self):
        partner = self.user_a.partner_id
        order = self.SaleOrder.sudo()._portal_create_quick_order(
            partner, [(self.widget, 3.0), (self.bolt, 10.0)]
        )
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.route_order_type, "plain")
        self.assertEqual(order.web_origin, "portal")
        self.assertEqual(order.partner_id, partner)
        self.assertEqual(order.partner_id.commercial_partner_id, self.company_a)
        self.assertFalse(order.require_signature or order.require_payment)
        self.assertEqual(order.order_line.product_id, self.widget | self.bolt)
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [3.0, 10.0])
        self.assertLessEqual(partner | self.company_a, order.message_partner_ids)
        # Odoo's portal rule (followers) lets the customer read it
        self.assertEqual(order.with_user(self.user_a).name, order.name)

    def test_reorder_copies_products_and_skips_those_no_longer_sold(self):
        partner = self.user_a.partner_id
        order = self.SaleOrder.sudo()._portal_create_quick_order(
            partner, [(self.widget, 3.0), (self.bolt, 10.0)]
        )
        self.env["sale.order.line"].create(
            {"order_id": order.id, "display_type": "line_note", "name": "Deliver to gate 2"}
        )
        self.bolt.sale_ok = False
        new_order, skipped = order._portal_reorder(partner)
        self.assertNotEqual(new_order, order)
        self.assertEqual(skipped, self.bolt)
        self.assertEqual(new_order.order_line.product_id, self.widget)
        self.assertEqual(new_order.order_line.product_uom_qty, 3.0)
        self.assertEqual(new_order.state, "draft")
        self.assertEqual(new_order.web_origin, "portal")
        self.assertIn(self.company_a, new_order.message_partner_ids)
        self.widget.active = False
        nothing, skipped = order._portal_reorder(partner)
        self.assertFalse(nothing)
        self.assertEqual(skipped, self.widget | self.bolt)


@tagged("post_install", "-at_install")
class TestQuickOrderHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.widget, cls.bolt, cls.internal = _create_products(cls.env)
        cls.company_a, cls.member_a = create_customer_company(cls.env, "Quickbuy Oy", "qo_member")
        manager_partner = cls.env["res.partner"].create(
            {"name": "Quickbuy Manager", "parent_id": cls.company_a.id, "extranet_role": "manager"}
        )
        cls.manager_a = new_test_user(
            cls.env,
            login="qo_manager",
            groups="base.group_portal",
            partner_id=manager_partner.id,
            password="qo_manager-pass",
        )
        cls.company_b, cls.user_b = create_customer_company(cls.env, "Otherbuy AB", "qo_b")
        cls.order_b = (
            cls.env["sale.order"]
            .sudo()
            ._portal_create_quick_order(cls.user_b.partner_id, [(cls.bolt, 77.0)])
        )

    def _orders_of(self, company):
        return self.env["sale.order"].search([("partner_id", "child_of", company.id)])

    def _post(self, url, data, csrf=True, **kwargs):
        data = dict(data)
        if csrf:
            data["csrf_token"] = Request.csrf_token(self)
        return self.url_open(url, data=data, **kwargs)

    def test_form_for_member_and_manager(self):
        for login in ("qo_member", "qo_manager"):
            with self.subTest(login=login):
                self.authenticate(login, f"{login}-pass")
                response = self.url_open("/my/orders/quick")
                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.text.count("o_quick_order_row"), 5)
                self.assertIn('href="/my/orders/quick"', self.url_open("/my/orders").text)

    def test_anonymous_goes_to_login(self):
        response = self.url_open("/my/orders/quick", allow_redirects=False)
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])

    @mute_logger("odoo.http")
    def test_post_without_csrf_is_refused(self):
        self.authenticate("qo_member", "qo_member-pass")
        response = self._post(
            "/my/orders/quick", {"row_count": 1, "code_0": "QO-WIDGET", "qty_0": "1"}, csrf=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._orders_of(self.company_a))

    def test_errors_keep_the_input_and_create_nothing(self):
        self.authenticate("qo_member", "qo_member-pass")
        response = self._post(
            "/my/orders/quick",
            {
                "row_count": 2,
                "code_0": "QO-WIDGET",
                "qty_0": "2",
                "code_1": "BAD-CODE",
                "qty_1": "1",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn('value="BAD-CODE"', response.text)
        self.assertIn('value="QO-WIDGET"', response.text)
        self.assertEqual(response.text.count("o_quick_order_row_error"), 1)
        self.assertFalse(self._orders_of(self.company_a))

    def test_add_rows_keeps_the_input(self):
        self.authenticate("qo_member", "qo_member-pass")
        response = self._post(
            "/my/orders/quick",
            {"row_count": 5, "code_0": "QO-WIDGET", "qty_0": "2", "add_rows": "1"},
        )
        self.assertEqual(response.text.count('o_quick_order_row"'), 10)
        self.assertIn('value="QO-WIDGET"', response.text)
        self.assertFalse(self._orders_of(self.company_a))

    def test_order_is_created_and_shown(self):
        self.authenticate("qo_manager", "qo_manager-pass")
        response = self._post(
            "/my/orders/quick",
            {
                "row_count": 2,
                "code_0": "QO-WIDGET",
                "qty_0": "4",
                "code_1": "QO-BOLT",
                "qty_1": "100",
            },
        )
        order = self._orders_of(self.company_a)
        self.assertEqual(len(order), 1)
        self.assertEqual(order.web_origin, "portal")
        self.assertEqual(order.partner_id, self.manager_a.partner_id)
        self.assertEqual(response.status_code, 200)
        self.assertIn(f"/my/orders/{order.id}", response.url)
        self.assertIn(order.name, response.text)
        self.assertIn("Quick Widget", response.text)
        self.assertIn("o_portal_reorder", response.text)
        # the colleague sees it too
        self.authenticate("qo_member", "qo_member-pass")
        self.assertEqual(self.url_open(order.get_portal_url()).status_code, 200)

    def test_reorder_creates_a_new_draft(self):
        order = (
            self.env["sale.order"]
            .sudo()
            ._portal_create_quick_order(
                self.member_a.partner_id, [(self.widget, 6.0), (self.bolt, 1.0)]
            )
        )
        self.bolt.sale_ok = False
        self.authenticate("qo_member", "qo_member-pass")
        response = self._post(f"/my/orders/{order.id}/reorder", {})
        new_order = self._orders_of(self.company_a) - order
        self.assertEqual(len(new_order), 1)
        self.assertEqual(new_order.order_line.product_id, self.widget)
        self.assertIn(f"/my/orders/{new_order.id}", response.url)
        self.assertIn("o_portal_reorder_skipped", response.text)
        self.assertIn("Quick Bolt", response.text)
        # told once only
        self.assertNotIn("o_portal_reorder_skipped", self.url_open(response.url).text)

    @mute_logger("odoo.http")
    def test_reorder_without_csrf_is_refused(self):
        order = (
            self.env["sale.order"]
            .sudo()
            ._portal_create_quick_order(self.member_a.partner_id, [(self.widget, 6.0)])
        )
        self.authenticate("qo_member", "qo_member-pass")
        response = self._post(
            f"/my/orders/{order.id}/reorder",
            {"access_token": order._portal_ensure_token()},
            csrf=False,
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self._orders_of(self.company_a), order)

    def test_reorder_of_other_company_order_answers_like_missing(self):
        self.authenticate("qo_member", "qo_member-pass")
        missing = self._post("/my/orders/999999999/reorder", {}, allow_redirects=False)
        response = self._post(f"/my/orders/{self.order_b.id}/reorder", {}, allow_redirects=False)
        self.assertEqual(response.status_code, missing.status_code)
        self.assertEqual(response.headers["Location"], missing.headers["Location"])
        self.assertTrue(response.headers["Location"].endswith("/my"))
        # even with the other company's access token
        response = self._post(
            f"/my/orders/{self.order_b.id}/reorder",
            {"access_token": self.order_b._portal_ensure_token()},
            allow_redirects=False,
        )
        self.assertTrue(response.headers["Location"].endswith("/my"))
        self.assertFalse(self._orders_of(self.company_a))
        self.assertEqual(self._orders_of(self.company_b), self.order_b)
        self.assertNotIn("Otherbuy", self.url_open("/my").text)

    @mute_logger("odoo.http")
    def test_staff_get_a_missing_page(self):
        self.authenticate("admin", "admin")
        self.assertEqual(self.url_open("/my/orders/quick").status_code, 404)

    def test_order_lines_copy_uom(self):
        dozen = self.env.ref("uom.product_uom_dozen")
        order = (
            self.env["sale.order"]
            .sudo()
            ._portal_create_quick_order(self.member_a.partner_id, [(self.widget, 1.0)])
        )
        order.order_line.product_uom = dozen
        new_order, _skipped = order._portal_reorder(self.member_a.partner_id)
        self.assertEqual(new_order.order_line.product_uom, dozen)
        self.assertEqual(new_order.order_line.product_uom_qty, 1.0)
