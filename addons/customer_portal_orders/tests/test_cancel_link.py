from datetime import date

from freezegun import freeze_time

from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged

from .test_cancel_link_common import CancelLinkSetupMixin


@tagged("post_install", "-at_install")
@freeze_time("2030-03-01 12:00:00")
class TestCancelLink(CancelLinkSetupMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customers()
        cls.Link = cls.env["customer.portal.cancel.link"]
        cls.link_a = cls.Link.create({"partner_id": cls.user_a.partner_id.id})
        cls.template = cls.env.ref("customer_portal_orders.mail_template_order_cancelled")

    def _cancel_mails(self, order):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "sale.order"),
                ("res_id", "=", order.id),
                ("subject", "ilike", "cancellation"),
            ]
        )

    def test_link_belongs_to_the_company_and_token_is_long_and_random(self):
        self.assertEqual(
            self.link_a.partner_id, self.company_a, "a contact's link is the company's"
        )
        other = self.Link.create({"partner_id": self.company_b.id})
        self.assertGreaterEqual(len(self.link_a.token), 43)
        self.assertNotEqual(self.link_a.token, other.token)
        self.assertIn(f"/order-cancel/{self.link_a.token}", self.link_a.url)
        self.assertEqual(self.Link._get_by_token(self.link_a.token), self.link_a)
        self.assertFalse(self.Link._get_by_token(self.link_a.token[:-1] + "x"))
        self.assertFalse(self.Link._get_by_token(""))

    def test_partner_button_opens_the_one_link_of_the_company(self):
        action = self.Link._action_open_for_partner(self.user_a.partner_id)
        self.assertEqual(action["res_id"], self.link_a.id)
        action_b = self.Link._action_open_for_partner(self.company_b)
        self.assertEqual(self.Link.browse(action_b["res_id"]).partner_id, self.company_b)

    def test_revoked_and_regenerated_tokens(self):
        old_token = self.link_a.token
        self.link_a.action_revoke()
        self.assertFalse(self.Link._get_by_token(old_token))
        self.assertFalse(self.link_a.url)
        self.link_a.action_regenerate()
        self.assertTrue(self.link_a.active)
        self.assertNotEqual(self.link_a.token, old_token)
        self.assertFalse(self.Link._get_by_token(old_token))
        self.assertEqual(self.Link._get_by_token(self.link_a.token), self.link_a)

    def test_lists_future_orders_of_the_company_only(self):
        future = self._route_order(self.company_a, date(2030, 3, 5))
        past = self._route_order(self.company_a, date(2030, 2, 20))
        cancelled = self._route_order(self.company_a, date(2030, 3, 6))
        cancelled._action_cancel()
        other = self._route_order(self.company_b, date(2030, 3, 5))
        orders = [entry["order"] for entry in self.link_a._get_cancellable_orders()]
        self.assertIn(future, orders)
        for order in (past, cancelled, other):
            self.assertNotIn(order, orders)
        entry = next(e for e in self.link_a._get_cancellable_orders() if e["order"] == future)
        self.assertTrue(entry["options"]["order"]["allowed"])
        self.assertFalse(entry["options"]["stop_level"])

    def test_own_order_cancelled_not_invoiced_and_confirmed_by_mail(self):
        order = self._route_order(self.company_a, date(2030, 3, 5))
        result = self.link_a._cancel_order(order, "Plans changed")
        self.assertEqual(result, "cancelled")
        self.assertEqual(order.state, "cancel")
        self.assertEqual(set(order.route_stop_ids.mapped("state")), {"cancelled"})
        self.assertEqual(order.invoice_status, "no")
        self.assertIn("Plans changed", order.route_stop_ids[0].cancel_reason)
        self.assertIn("cancellation link", order.route_stop_ids[0].cancel_reason)
        mail = self._cancel_mails(order)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, not sent inline")
        self.assertIn(self.company_a, mail.recipient_ids)
        self.assertIn("Nothing will be invoiced", str(mail.body_html))
        self.assertTrue(
            order.message_ids.filtered(lambda m: "Order cancelled by" in str(m.body)),
            "staff see it in the chatter",
        )

    def test_shared_route_stop_cancelled_and_still_invoiced(self):
        order = self._route_order(self.company_a, date(2030, 3, 5), shared=True)
        stop = order.route_stop_ids[1]
        self.assertEqual(self.link_a._cancel_stop(stop, "Shop closed"), "cancelled")
        self.assertEqual(stop.state, "cancelled")
        self.assertEqual(order.route_stop_ids[0].state, "planned")
        self.assertEqual(order.state, "sale")
        line = order.order_line.filtered(lambda line: line.route_stop_id == stop)
        self.assertTrue(line.route_stop_cancelled)
        self.assertEqual(line.product_uom_qty, 1.0, "still invoiced")
        mail = self._cancel_mails(order)
        self.assertEqual(len(mail), 1)
        self.assertIn("stay on your invoice", str(mail.body_html))
        self.assertIn(stop.name, str(mail.body_html))
        self.assertTrue(order.message_ids.filtered(lambda m: "Stops cancelled" in str(m.body)))

    def test_refused_after_cutoff_changes_nothing(self):
        order = self._route_order(self.company_a, date(2030, 3, 2), hour=6.0)  # 18 hours ahead
        with self.assertRaisesRegex(UserError, "24 hours before"):
            self.link_a._cancel_order(order)
        shared = self._route_order(self.company_a, date(2030, 3, 2), hour=6.0, shared=True)
        with self.assertRaisesRegex(UserError, "24 hours before"):
            self.link_a._cancel_stop(shared.route_stop_ids[0])
        self.assertEqual(order.state, "sale")
        self.assertEqual(set((order | shared).route_stop_ids.mapped("state")), {"planned"})
        self.assertFalse(self._cancel_mails(order) | self._cancel_mails(shared))

    def test_second_cancel_does_nothing(self):
        order = self._route_order(self.company_a, date(2030, 3, 5))
        self.link_a._cancel_order(order)
        messages = order.message_ids
        self.assertEqual(self.link_a._cancel_order(order), "already_cancelled")
        shared = self._route_order(self.company_a, date(2030, 3, 5), shared=True)
        stop = shared.route_stop_ids[0]
        self.link_a._cancel_stop(stop)
        cancel_date = stop.cancel_date
        self.assertEqual(self.link_a._cancel_stop(stop), "already_cancelled")
        self.assertEqual(stop.cancel_date, cancel_date)
        self.assertEqual(order.message_ids, messages, "no second log")
        self.assertEqual(len(self._cancel_mails(order)), 1, "no second e-mail")
        self.assertEqual(len(self._cancel_mails(shared)), 1)

    def test_other_company_order_is_missing_for_the_link(self):
        other = self._route_order(self.company_b, date(2030, 3, 5))
        self.assertFalse(self.link_a._get_order(other.id))
        self.assertFalse(self.link_a._get_stop(other.route_stop_ids[0].id))
        self.assertFalse(self.link_a._get_order(999999999))
        with self.assertRaises(UserError):
            self.link_a._cancel_order(other)
        with self.assertRaises(UserError):
            self.link_a._cancel_stop(other.route_stop_ids[0])
        self.assertEqual(other.state, "sale")

    def test_own_order_stops_are_not_cancelled_one_by_one(self):
        order = self._route_order(self.company_a, date(2030, 3, 5))
        with self.assertRaises(UserError):
            self.link_a._cancel_stop(order.route_stop_ids[0])
        self.assertEqual(order.route_stop_ids[0].state, "planned")

    def test_plain_order_is_not_cancelled_online(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.company_a.id,
                "order_line": [
                    (0, 0, {"product_id": self.env.company.route_delivery_product_id.id})
                ],
            }
        )
        order.action_confirm()
        options = order._web_get_cancel_options(self.company_a)
        self.assertFalse(options["order"]["allowed"])
        self.assertIn("contact us", options["order"]["message"])
        with self.assertRaises(UserError):
            self.link_a._cancel_order(order)
        self.assertEqual(order.state, "sale")

    def test_contact_who_cancels_gets_the_mail_too(self):
        order = self._route_order(self.company_a, date(2030, 3, 5))
        order._web_cancel_by_customer(self.user_a.partner_id, "From the portal")
        mail = self._cancel_mails(order)
        self.assertEqual(mail.recipient_ids, self.company_a | self.user_a.partner_id)
