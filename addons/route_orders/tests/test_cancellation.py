from datetime import date, datetime

from freezegun import freeze_time

from odoo.exceptions import UserError

from .common import RouteOrdersCase


@freeze_time("2030-03-01 12:00:00")
class TestCancellation(RouteOrdersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.route_cancel_cutoff_hours = 24

    def _slot(self, order, day, hour=10.0):
        order.route_stop_ids.write(
            {"time_mode": "slot", "date": day, "time_from": hour, "time_to": hour + 2, "tz": "UTC"}
        )

    def test_cancel_own_order_cancels_everything_and_invoices_nothing(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        self._slot(order, date(2030, 3, 5))
        order.action_confirm()
        policy = order.get_cancel_policy(partner=self.contact)
        self.assertTrue(policy["allowed"])
        self.assertFalse(policy["invoiced"])
        order.action_cancel_by_customer(self.contact, reason="Plans changed")
        self.assertEqual(order.state, "cancel")
        self.assertEqual(set(order.route_stop_ids.mapped("state")), {"cancelled"})
        self.assertEqual(order.invoice_status, "no")
        self.assertIn("Plans changed", order.message_ids[0].body)

    def test_cancel_stops_on_shared_route_are_still_invoiced(self):
        order = self._order(
            "one_to_one",
            ["collection", "delivery"],
            route_transport="shared",
            route_id=self.route.id,
            route_date="2030-03-06",
        )
        order.action_confirm()
        policy = order.get_cancel_policy(partner=self.contact)
        self.assertTrue(policy["allowed"])
        self.assertTrue(policy["invoiced"])
        order.action_cancel_by_customer(self.contact, reason="No goods this week")
        self.assertEqual(order.state, "sale")
        self.assertEqual(set(order.route_stop_ids.mapped("state")), {"cancelled"})
        lines = order.order_line.filtered("route_stop_id")
        self.assertEqual(len(lines), 2)
        self.assertTrue(all(lines.mapped("route_stop_cancelled")))
        self.assertEqual(lines.mapped("product_uom_qty"), [1.0, 1.0])
        self.assertTrue(all("(cancelled stop)" in name for name in lines.mapped("name")))
        self.assertEqual(order.invoice_status, "to invoice")
        invoice = order._create_invoices()
        self.assertEqual(len(invoice.invoice_line_ids), 2)

    def test_cutoff_refuses_late_cancellation(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        self._slot(order, date(2030, 3, 2), hour=10.0)  # 22 hours from now
        order.action_confirm()
        stop = order.route_stop_ids[0]
        policy = stop.get_cancel_policy(partner=self.contact)
        self.assertFalse(policy["allowed"])
        self.assertIn("24 hours before", policy["message"])
        self.assertEqual(policy["deadline"], datetime(2030, 3, 1, 10, 0))
        with self.assertRaisesRegex(UserError, "24 hours before"):
            order.action_cancel_by_customer(self.contact)
        self.assertEqual(order.state, "sale")
        # staff are not bound by the cut-off
        self.assertTrue(stop.get_cancel_policy()["allowed"])
        stop.action_cancel()
        self.assertEqual(stop.state, "cancelled")

    def test_other_customer_cannot_cancel(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        stranger = self.env["res.partner"].create({"name": "Stranger Oy", "is_company": True})
        policy = order.get_cancel_policy(partner=stranger)
        self.assertFalse(policy["allowed"])
        self.assertIn("another customer", policy["message"])
        self.assertFalse(order.route_stop_ids[0].get_cancel_policy(partner=stranger)["allowed"])

    def test_staff_cancel_and_restore_a_stop_with_chatter(self):
        order = self._order("one_to_many", ["collection", "delivery", "delivery"])
        order.action_confirm()
        stop = order.route_stop_ids[1]
        line = order.order_line.filtered(lambda line: line.route_stop_id == stop)
        stop.with_context(route_cancel_reason="Shop closed").action_cancel()
        self.assertEqual(stop.state, "cancelled")
        self.assertEqual(stop.cancel_reason, "Shop closed")
        self.assertEqual(stop.cancelled_by_id, self.env.user)
        self.assertTrue(stop.cancel_date)
        self.assertEqual(line.product_uom_qty, 0.0, "own order: a cancelled stop is not invoiced")
        self.assertIn("Stops cancelled", order.message_ids[0].body)
        self.assertIn("Shop closed", order.message_ids[0].body)

        stop.action_restore()
        self.assertEqual(stop.state, "planned")
        self.assertFalse(stop.cancel_reason or stop.cancelled_by_id or stop.cancel_date)
        self.assertEqual(line.product_uom_qty, 1.0)
        self.assertFalse(line.route_stop_cancelled)
        self.assertIn("Stops restored", order.message_ids[0].body)

    def test_cancelled_or_done_stops_cannot_be_cancelled_again(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        collection, delivery = order.route_stop_ids
        collection.action_cancel()
        delivery.action_mark_done()
        self.assertIn("already cancelled", collection.get_cancel_policy()["message"])
        self.assertIn("done", delivery.get_cancel_policy()["message"])
        with self.assertRaises(UserError):
            delivery.action_cancel()

    def test_invoiced_order_is_not_cancelled_by_customer(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        order.action_confirm()
        order._create_invoices().action_post()
        policy = order.get_cancel_policy(partner=self.contact)
        self.assertFalse(policy["allowed"])
        self.assertIn("already invoiced", policy["message"])
