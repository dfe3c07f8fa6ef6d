from datetime import timedelta

import odoo
from odoo import fields
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_cancel_link_common import CancelLinkSetupMixin


@tagged("post_install", "-at_install")
class TestCancelLinkHttp(CancelLinkSetupMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customers()
        cls.day = fields.Date.today() + timedelta(days=6)
        cls.own_order = cls._route_order(cls.company_a, cls.day, goods="Link crates")
        cls.shared_order = cls._route_order(cls.company_a, cls.day, shared=True)
        cls.other_order = cls._route_order(cls.company_b, cls.day, goods="Lynx secret cargo")
        cls.link = cls.env["customer.portal.cancel.link"].create({"partner_id": cls.company_a.id})
        cls.base = f"/order-cancel/{cls.link.token}"

    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # public visitor: the token is the credential

    def _post(self, url, **data):
        data.setdefault("csrf_token", odoo.http.Request.csrf_token(self))
        return self.url_open(url, data=data, allow_redirects=False)

    def _states(self):
        orders = self.own_order | self.shared_order | self.other_order
        return orders.mapped("state"), orders.route_stop_ids.mapped("state")

    def test_list_and_confirmation_pages_change_nothing(self):
        before = self._states()
        response = self.url_open(self.base)
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.own_order.name, response.text)
        self.assertIn(self.shared_order.name, response.text)
        self.assertNotIn(self.other_order.name, response.text)
        self.assertEqual(response.headers.get("Referrer-Policy"), "no-referrer")
        self.assertIn("still invoiced", response.text)
        stop = self.shared_order.route_stop_ids[0]
        for url in (f"{self.base}/order/{self.own_order.id}", f"{self.base}/stop/{stop.id}"):
            page = self.url_open(url)
            self.assertEqual(page.status_code, 200, url)
            self.assertIn("Confirm cancellation", page.text)
            self.assertIn('name="csrf_token"', page.text)
        self.assertIn(
            "cancelled and not invoiced",
            self.url_open(f"{self.base}/order/{self.own_order.id}").text,
        )
        self.assertEqual(self._states(), before)

    def test_unknown_or_revoked_token_is_a_missing_page(self):
        for url in ("/order-cancel/not-a-token", f"/order-cancel/{self.link.token[:-2]}"):
            self.assertEqual(self.url_open(url).status_code, 404, url)
        token = self.link.token
        self.link.action_revoke()
        response = self.url_open(f"/order-cancel/{token}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(self.company_a.name, response.text)
        response = self._post(f"/order-cancel/{token}/order/{self.own_order.id}/cancel")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.own_order.state, "sale")

    def test_other_company_ids_answer_like_missing(self):
        other_stop = self.other_order.route_stop_ids[0]
        missing = self.url_open(f"{self.base}/order/999999999")
        for url in (
            f"{self.base}/order/{self.other_order.id}",
            f"{self.base}/stop/{other_stop.id}",
        ):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404, url)
            self.assertEqual(response.text, missing.text, "same answer as a missing id")
            self.assertNotIn("Lynx", response.text)
        for url in (
            f"{self.base}/order/{self.other_order.id}/cancel",
            f"{self.base}/stop/{other_stop.id}/cancel",
        ):
            self.assertEqual(self._post(url).status_code, 404, url)
        self.assertEqual(self.other_order.state, "sale")
        self.assertEqual(other_stop.state, "planned")

    @mute_logger("odoo.http")
    def test_post_without_csrf_is_refused(self):
        response = self.url_open(
            f"{self.base}/order/{self.own_order.id}/cancel", data={"reason": "x"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.own_order.state, "sale")

    def test_cancel_order_then_again_is_friendly(self):
        response = self._post(f"{self.base}/order/{self.own_order.id}/cancel", reason="Holiday")
        self.assertEqual(response.status_code, 303)
        self.assertIn("result=cancelled", response.headers["Location"])
        self.assertEqual(self.own_order.state, "cancel")
        self.assertIn("Cancelled. A confirmation", self.url_open(response.headers["Location"]).text)
        again = self._post(f"{self.base}/order/{self.own_order.id}/cancel")
        self.assertIn("result=already_cancelled", again.headers["Location"])
        page = self.url_open(again.headers["Location"])
        self.assertEqual(page.status_code, 200)
        self.assertIn("already cancelled", page.text)
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", self.own_order.id),
                ("subject", "ilike", "cancellation"),
            ]
        )
        self.assertEqual(len(mails), 1)

    def test_cancel_shared_stop(self):
        stop = self.shared_order.route_stop_ids[1]
        response = self._post(f"{self.base}/stop/{stop.id}/cancel")
        self.assertIn("result=cancelled", response.headers["Location"])
        self.assertEqual(stop.state, "cancelled")
        self.assertEqual(self.shared_order.state, "sale")
        self.assertEqual(self.shared_order.route_stop_ids[0].state, "planned")

    def test_tour_cancel_a_stop_with_the_link(self):
        self.start_tour(self.base, "customer_portal_orders_cancel_link")
        self.assertEqual(self.shared_order.route_stop_ids[1].state, "cancelled")
        self.assertEqual(self.shared_order.route_stop_ids[0].state, "planned")
