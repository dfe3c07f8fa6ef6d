from datetime import timedelta

import odoo
from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_cancel_link_common import CancelLinkSetupMixin


@tagged("post_install", "-at_install")
class TestOrderPages(CancelLinkSetupMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customers()
        cls.day = fields.Date.today() + timedelta(days=6)
        cls.own_order = cls._route_order(cls.company_a, cls.day, goods="Page crates")
        cls.shared_order = cls._route_order(cls.company_a, cls.day, shared=True)
        cls.other_order = cls._route_order(cls.company_b, cls.day, goods="Secret cargo")

    def _csrf(self):
        return odoo.http.Request.csrf_token(self)

    def test_orders_list_shows_type_and_next_stop(self):
        self.authenticate("cl_a", "cl_a-pass")
        response = self.url_open("/my/orders")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.own_order.name, response.text)
        self.assertIn("One collection, one delivery", response.text)
        self.assertIn("o_route_next_stop", response.text)
        self.assertNotIn(self.other_order.name, response.text)

    def test_order_page_shows_type_dates_and_cancel_actions(self):
        self.own_order.commitment_date = fields.Datetime.now() + timedelta(days=6)
        self.authenticate("cl_a", "cl_a-pass")
        page = self.url_open(f"/my/orders/{self.own_order.id}").text
        self.assertIn("Order Type:", page)
        self.assertIn("Delivery Date:", page)
        self.assertIn("Page crates", page)
        self.assertIn(f'action="/my/orders/{self.own_order.id}/cancel"', page)
        self.assertIn('name="csrf_token"', page)
        self.assertNotIn("/stops/", page, "own orders are cancelled whole")
        page = self.url_open(f"/my/orders/{self.shared_order.id}").text
        for stop in self.shared_order.route_stop_ids:
            self.assertIn(f"/my/orders/{self.shared_order.id}/stops/{stop.id}/cancel", page)
        self.assertNotIn(f'action="/my/orders/{self.shared_order.id}/cancel"', page)
        self.assertEqual(self.own_order.state, "sale", "GET changes nothing")

    def test_colleague_cancels_own_order_from_the_page(self):
        self.authenticate("cl_a2", "cl_a2-pass")
        response = self.url_open(
            f"/my/orders/{self.own_order.id}/cancel",
            data={"csrf_token": self._csrf(), "reason": "Not needed"},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        self.assertIn("cancel=cancelled", response.headers["Location"])
        self.assertEqual(self.own_order.state, "cancel")
        again = self.url_open(
            f"/my/orders/{self.own_order.id}/cancel", data={"csrf_token": self._csrf()}
        )
        self.assertEqual(again.status_code, 200)
        self.assertIn("already cancelled", again.text)

    def test_cancel_one_shared_stop_from_the_page(self):
        stop = self.shared_order.route_stop_ids[1]
        self.authenticate("cl_a", "cl_a-pass")
        response = self.url_open(
            f"/my/orders/{self.shared_order.id}/stops/{stop.id}/cancel",
            data={"csrf_token": self._csrf()},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Your cancellation is done", response.text)
        self.assertEqual(stop.state, "cancelled")
        self.assertEqual(self.shared_order.route_stop_ids[0].state, "planned")

    @mute_logger("odoo.http")
    def test_cancel_without_csrf_is_refused(self):
        self.authenticate("cl_a", "cl_a-pass")
        response = self.url_open(f"/my/orders/{self.own_order.id}/cancel", data={"reason": "x"})
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.own_order.state, "sale")

    def test_other_company_ids_answer_like_missing(self):
        self.authenticate("cl_a", "cl_a-pass")
        other_stop = self.other_order.route_stop_ids[0]
        for url in (
            f"/my/orders/{self.other_order.id}/cancel",
            f"/my/orders/{self.other_order.id}/stops/{other_stop.id}/cancel",
            f"/my/orders/{self.shared_order.id}/stops/{other_stop.id}/cancel",
        ):
            response = self.url_open(url, data={"csrf_token": self._csrf()}, allow_redirects=False)
            self.assertEqual(response.status_code, 303, url)
            self.assertTrue(response.headers["Location"].endswith("/my"), url)
        self.assertEqual(self.other_order.state, "sale")
        self.assertEqual(other_stop.state, "planned")
        page = self.url_open(f"/my/orders/{self.other_order.id}")
        self.assertTrue(page.url.endswith("/my"))
        self.assertNotIn("Secret cargo", page.text)

    def test_orders_list_queries_do_not_grow_with_orders(self):
        small, _user = self._customer("Query Small Oy", "cl_q3")
        big, _user = self._customer("Query Big Oy", "cl_q15")
        for company, count in ((small, 3), (big, 15)):
            for _i in range(count):
                self._route_order(company, self.day, goods="Query goods")
        counts = {}
        for login in ("cl_q3", "cl_q15"):
            self.authenticate(login, f"{login}-pass")
            self.url_open("/my/orders")  # warm caches (views, session)
            self.env.flush_all()
            start = self.cr.sql_log_count
            response = self.url_open("/my/orders")
            counts[login] = self.cr.sql_log_count - start
            self.assertEqual(
                response.text.count("o_route_next_stop"), 3 if login == "cl_q3" else 15
            )
        self.authenticate("cl_q15", "cl_q15-pass")
        self.url_open("/my/orders")
        with self.assertQueryCount(counts["cl_q3"]):
            self.url_open("/my/orders")
        self.assertLessEqual(counts["cl_q15"], counts["cl_q3"], counts)


@tagged("post_install", "-at_install")
class TestCompanyPickings(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Boxed goods", "type": "consu", "list_price": 5.0}
        )
        cls.pickings, cls.users, cls.orders = {}, {}, {}
        for key in ("a", "b"):
            company = cls.env["res.partner"].create(
                {"name": f"Picking Co {key}", "is_company": True}
            )
            buyer, colleague = (
                cls.env["res.partner"].create(
                    {"name": f"Picking {key} {who}", "parent_id": company.id}
                )
                for who in ("Buyer", "Colleague")
            )
            cls.users[key] = new_test_user(
                cls.env,
                login=f"pick_{key}",
                groups="base.group_portal",
                partner_id=colleague.id,
                password=f"pick_{key}-pass",
            )
            order = cls.env["sale.order"].create(
                {
                    "partner_id": buyer.id,
                    "order_line": [(0, 0, {"product_id": cls.product.id, "product_uom_qty": 2})],
                }
            )
            order.action_confirm()
            picking = order.picking_ids
            picking.carrier_tracking_ref = f"TRACK-{key.upper()}-123"
            cls.pickings[key] = picking
            cls.orders[key] = order

    def test_colleague_reads_company_pickings_not_others(self):
        user_a = self.users["a"]
        self.assertTrue(self.pickings["a"])
        picking_a = self.pickings["a"].with_user(user_a)
        self.assertEqual(
            picking_a.read(["carrier_tracking_ref"])[0]["carrier_tracking_ref"], "TRACK-A-123"
        )
        visible = self.env["stock.picking"].with_user(user_a).search([])
        self.assertIn(self.pickings["a"], visible)
        self.assertNotIn(self.pickings["b"], visible)

    @mute_logger("odoo.http")  # sale_stock returns NotFound instead of raising it
    def test_order_page_and_slip_for_colleague(self):
        self.authenticate("pick_a", "pick_a-pass")
        page = self.url_open(f"/my/orders/{self.orders['a'].id}").text
        self.assertIn(self.pickings["a"].name, page)
        self.assertIn("TRACK-A-123", page)
        slip = self.url_open(f"/my/picking/pdf/{self.pickings['a'].id}")
        self.assertEqual(slip.status_code, 200)
        other = self.url_open(f"/my/picking/pdf/{self.pickings['b'].id}")
        self.assertEqual(other.status_code, 404)
        self.assertNotIn("TRACK-B", other.text)
