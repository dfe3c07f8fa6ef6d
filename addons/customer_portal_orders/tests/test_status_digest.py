from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

from ..models.customer_portal_status_digest import MAIL_RETRIES
from ..models.customer_portal_status_rule import STATUS_EVENTS


class StatusDigestCase(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.email = "orders@seller.example.com"
        cls.Change = cls.env["customer.portal.status.change"]
        cls.rules = cls.env["customer.portal.status.rule"].create(
            [{"name": label, "event": event, "channel": "both"} for event, label in STATUS_EVENTS]
        )
        cls.warehouse = cls.env["stock.warehouse"].search(
            [("company_id", "=", cls.company.id)], limit=1
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Digest Pallet Wrap", "type": "consu", "is_storable": True}
        )
        cls._set_stock(cls.product, 100)
        cls.customer_a, cls.buyer_a = cls._customer("Heron Foods Oy", "heron")
        cls.customer_b, cls.buyer_b = cls._customer("Otter Retail ApS", "otter")

    @classmethod
    def _customer(cls, name, key):
        company = cls.env["res.partner"].create(
            {"name": name, "is_company": True, "email": f"office@{key}.example.com"}
        )
        buyer = cls.env["res.partner"].create(
            {
                "name": f"{name} Buyer",
                "parent_id": company.id,
                "email": f"buyer@{key}.example.com",
                "mobile": "+358401234567",
            }
        )
        return company, buyer

    @classmethod
    def _set_stock(cls, product, quantity):
        cls.env["stock.quant"].with_context(inventory_mode=True).create(
            {
                "product_id": product.id,
                "location_id": cls.warehouse.lot_stock_id.id,
                "inventory_quantity": quantity,
            }
        )._apply_inventory()

    def _order(self, buyer=None, product=None, qty=5.0, confirm=True):
        order = self.env["sale.order"].create(
            {
                "partner_id": (buyer or self.buyer_a).id,
                "order_line": [
                    Command.create(
                        {"product_id": (product or self.product).id, "product_uom_qty": qty}
                    )
                ],
            }
        )
        if confirm:
            order.action_confirm()
        return order

    def _changes(self, event, order=None):
        domain = [("event", "=", event)]
        if order:
            domain.append(("order_id", "=", order.id))
        return self.Change.search(domain)

    def _digest_mails(self, partner=None):
        mails = self.env["mail.mail"].search([("model", "=", "customer.portal.status.digest")])
        if partner:
            mails = mails.filtered(lambda m: partner in m.recipient_ids)
        return mails


@tagged("post_install", "-at_install")
class TestStatusChangeRecording(StatusDigestCase):
    def test_confirmation_records_state_change(self):
        order = self._order()
        change = self._changes("order_state", order)
        self.assertEqual(len(change), 1)
        self.assertEqual((change.old_value, change.new_value), ("draft", "sale"))
        self.assertEqual(change.partner_id, self.customer_a)
        self.assertEqual(change.state, "pending")
        # confirming sets the order date: that is not an expected date change
        self.assertFalse(self._changes("expected_date", order))

    def test_quotation_sent_is_not_news(self):
        order = self._order(confirm=False)
        order.action_quotation_sent()
        self.assertFalse(self._changes("order_state", order))

    def test_posted_invoice_records_change(self):
        order = self._order()
        order.picking_ids.move_ids.quantity = 5
        order.picking_ids.button_validate()
        invoice = order._create_invoices()
        self.assertFalse(self._changes("order_state", order).filtered("detail"))
        invoice.action_post()
        change = self._changes("order_state", order).filtered(lambda c: c.field_name == "invoice")
        self.assertEqual(change.new_value, invoice.name)
        self.assertEqual(order.invoice_status, "invoiced")

    def test_slip_printed_by_staff_is_recorded_once(self):
        picking = self._order().picking_ids
        report = self.env["ir.actions.report"]
        report._render_qweb_pdf("stock.action_report_delivery", picking.ids)
        self.assertTrue(picking.portal_slip_printed)
        self.assertEqual(len(self._changes("slip_printed")), 1)
        self.assertEqual(self._changes("slip_printed").picking_id, picking)
        report._render_qweb_pdf("stock.action_report_delivery", picking.ids)
        self.assertEqual(len(self._changes("slip_printed")), 1)

    def test_slip_downloaded_by_portal_user_is_not_recorded(self):
        picking = self._order().picking_ids
        portal_user = new_test_user(
            self.env, login="digest_portal", groups="base.group_portal", partner_id=self.buyer_a.id
        )
        # as the portal's /my/picking/pdf route renders it: sudo, for the portal user
        report = self.env["ir.actions.report"].with_user(portal_user).sudo()
        report._render_qweb_pdf("stock.action_report_delivery", picking.ids)
        self.assertFalse(picking.portal_slip_printed)
        self.assertFalse(self._changes("slip_printed"))

    def test_other_reports_do_not_flag_the_slip(self):
        picking = self._order().picking_ids
        self.env["ir.actions.report"]._render_qweb_pdf("stock.action_report_picking", picking.ids)
        self.assertFalse(picking.portal_slip_printed)

    def test_picked_is_recorded(self):
        order = self._order()
        order.picking_ids.move_ids.picked = True
        change = self._changes("picked", order)
        self.assertEqual(len(change), 1)
        self.assertEqual(change.product_id, self.product)
        self.assertEqual(change.picking_id, order.picking_ids)
        order.picking_ids.move_ids.picked = True  # no change, no news
        self.assertEqual(len(self._changes("picked", order)), 1)

    def test_tracking_reference_is_recorded(self):
        picking = self._order().picking_ids
        picking.carrier_tracking_ref = "JJD0099"
        picking.carrier_tracking_ref = "JJD0099"
        change = self._changes("tracking_ref")
        self.assertEqual(len(change), 1)
        self.assertEqual((change.old_value, change.new_value), (False, "JJD0099"))

    def test_delivered_quantity_is_recorded(self):
        order = self._order()
        picking = order.picking_ids
        picking.move_ids.quantity = 5
        picking.move_ids.picked = True
        picking.button_validate()
        change = self._changes("delivered_qty", order)
        self.assertEqual(len(change), 1)
        self.assertEqual((change.old_value, change.new_value), ("0", "5"))
        self.assertEqual(change.line_id, order.order_line)

    def test_manual_delivered_quantity_is_recorded(self):
        service = self.env["product.product"].create({"name": "Digest Handling", "type": "service"})
        order = self._order(product=service, qty=2)
        order.order_line.qty_delivered = 1
        change = self._changes("delivered_qty", order)
        self.assertEqual((change.old_value, change.new_value), ("0", "1"))

    def test_expected_date_change_is_recorded(self):
        order = self._order()
        picking = order.picking_ids
        old_date = picking.move_ids.date
        picking.scheduled_date = datetime(2031, 5, 14, 9, 0)
        change = self._changes("expected_date", order)
        self.assertEqual(len(change), 1)
        self.assertEqual(change.old_value, str(old_date))
        self.assertEqual(change.new_value, "2031-05-14 09:00:00")
        self.assertEqual(change.product_id, self.product)

    def test_commitment_date_counts_when_no_delivery_is_planned(self):
        service = self.env["product.product"].create({"name": "Digest Setup", "type": "service"})
        order = self._order(product=service, qty=1)
        order.commitment_date = datetime(2031, 6, 1, 12, 0)
        change = self._changes("expected_date", order)
        self.assertEqual(change.new_value, "2031-06-01 12:00:00")

    def test_goods_received_tells_customers_with_open_lines(self):
        product = self.env["product.product"].create(
            {"name": "Digest Backorder Item", "type": "consu", "is_storable": True}
        )
        order_a = self._order(product=product, qty=3)
        order_b = self._order(buyer=self.buyer_b, product=product, qty=1)
        self.assertFalse(self._changes("goods_received"))
        self._set_stock(product, 10)
        changes = self._changes("goods_received")
        self.assertEqual(changes.order_id, order_a | order_b)
        self.assertEqual(changes.partner_id, self.customer_a | self.customer_b)
        self._set_stock(product, 20)  # from positive to more is not news
        self.assertEqual(len(self._changes("goods_received")), 2)

    def test_no_rule_no_change(self):
        self.rules.filtered(lambda r: r.event == "tracking_ref").active = False
        picking = self._order().picking_ids
        picking.carrier_tracking_ref = "JJD0100"
        self.assertFalse(self._changes("tracking_ref"))
        other_company = self.env["res.company"].create({"name": "Digest Other Co"})
        self.rules.filtered(lambda r: r.event == "order_state").company_id = other_company
        self.assertFalse(self._changes("order_state", self._order()))


@tagged("post_install", "-at_install")
class TestStatusDigestSending(StatusDigestCase):
    def _run(self):
        return self.Change._portal_send_digests()

    def test_one_digest_per_customer(self):
        order_a1, order_a2 = self._order(), self._order()
        order_b = self._order(buyer=self.buyer_b)
        order_a1.picking_ids.carrier_tracking_ref = "TRACK-A1"
        order_a2.picking_ids.move_ids.picked = True
        order_b.picking_ids.carrier_tracking_ref = "TRACK-B"
        pending = self.Change.search([("state", "=", "pending")])
        self.assertGreaterEqual(len(pending), 5)
        digests = self._run()
        self.assertEqual(digests.partner_id, self.customer_a | self.customer_b)
        mails = self._digest_mails()
        self.assertEqual(len(mails), 2)
        mail_a = self._digest_mails(self.buyer_a)
        self.assertEqual(mail_a.recipient_ids, self.customer_a | self.buyer_a)
        self.assertEqual(mail_a.state, "outgoing")  # queued, not sent inline
        for text in (order_a1.name, order_a2.name, "TRACK-A1", "Picked"):
            self.assertIn(text, mail_a.body_html)
        self.assertNotIn("TRACK-B", mail_a.body_html)
        self.assertNotIn(order_b.name, mail_a.body_html)
        self.assertIn("TRACK-B", self._digest_mails(self.buyer_b).body_html)
        self.assertEqual(set(pending.mapped("state")), {"sent"})
        self.assertEqual(pending.digest_id, digests)

    def test_sms_records(self):
        self.rules.filtered(lambda r: r.event != "tracking_ref").active = False
        order = self._order()
        order.picking_ids.carrier_tracking_ref = "SMS-TRACK"
        self._run()
        sms = self.env["sms.sms"].search([("partner_id", "=", self.buyer_a.id)])
        self.assertEqual(len(sms), 1)
        self.assertEqual(sms.state, "outgoing")
        self.assertIn(order.name, sms.body)
        self.assertIn("SMS-TRACK", sms.body)
        self.assertIn("/my/orders", sms.body)
        self.assertTrue(sms.number)

    def test_email_only_rule_sends_no_sms(self):
        self.rules.channel = "email"
        self._order().picking_ids.carrier_tracking_ref = "MAIL-ONLY"
        self._run()
        self.assertFalse(self.env["sms.sms"].search([("partner_id", "=", self.buyer_a.id)]))
        self.assertEqual(len(self._digest_mails(self.buyer_a)), 1)

    def test_preferences_are_respected(self):
        topics = self.env["portal.communication.topic"].search([])
        email_topic = topics.filtered(lambda t: t.code == "order_status_email")
        sms_topic = topics.filtered(lambda t: t.code == "order_status_sms")
        self.buyer_a._extranet_set_preferences(topics - email_topic)
        self.customer_a._extranet_set_preferences(topics - email_topic)
        self.buyer_b._extranet_set_preferences(topics - sms_topic)
        self._order().picking_ids.carrier_tracking_ref = "PREF-A"
        self._order(buyer=self.buyer_b).picking_ids.carrier_tracking_ref = "PREF-B"
        self._run()
        self.assertFalse(self._digest_mails(self.buyer_a))
        self.assertFalse(self._digest_mails(self.customer_a))
        self.assertTrue(self.env["sms.sms"].search([("partner_id", "=", self.buyer_a.id)]))
        self.assertEqual(
            self._digest_mails(self.buyer_b).recipient_ids, self.customer_b | self.buyer_b
        )
        self.assertFalse(self.env["sms.sms"].search([("partner_id", "=", self.buyer_b.id)]))

    def test_nobody_to_tell_marks_changes_skipped(self):
        topics = self.env["portal.communication.topic"].search([])
        for partner in (self.buyer_a, self.customer_a):
            partner._extranet_set_preferences(self.env["portal.communication.topic"])
        order = self._order()
        self._run()
        self.assertFalse(self._digest_mails(self.buyer_a))
        self.assertEqual(set(self._changes("order_state", order).mapped("state")), {"skipped"})
        self.assertTrue(topics)

    def test_secure_rule_sends_a_notice_only(self):
        self.rules.secure = True
        order = self._order()
        order.picking_ids.carrier_tracking_ref = "SECRET-REF"
        self._run()
        body = self._digest_mails(self.buyer_a).body_html
        self.assertNotIn("SECRET-REF", body)
        self.assertNotIn(self.product.name, body)
        self.assertIn(f"/my/orders/{order.id}", body)
        self.assertIn("Log in to the portal", body)
        sms = self.env["sms.sms"].search([("partner_id", "=", self.buyer_a.id)])
        self.assertNotIn("SECRET-REF", sms.body)

    def test_second_run_sends_nothing(self):
        self._order().picking_ids.carrier_tracking_ref = "ONCE"
        self.assertTrue(self._run())
        mails, sms = self._digest_mails(), self.env["sms.sms"].search([])
        self.assertFalse(self._run())
        self.assertEqual(self._digest_mails(), mails)
        self.assertEqual(self.env["sms.sms"].search([]), sms)

    def test_failed_mail_is_retried_a_few_times(self):
        self._order()
        digest = self._run()
        mail = digest.mail_id
        for attempt in range(1, MAIL_RETRIES + 1):
            mail.write({"state": "exception", "failure_reason": "SMTP down"})
            self._run()
            self.assertEqual(mail.state, "outgoing")
            self.assertEqual(digest.mail_retry_count, attempt)
        mail.write({"state": "exception", "failure_reason": "SMTP down"})
        self._run()
        self.assertEqual(mail.state, "exception")
        self.assertEqual(len(self._digest_mails()), 1)

    def test_rule_template_is_used(self):
        template = self.env.ref("customer_portal_orders.mail_template_status_digest").copy(
            {"subject": "Custom digest for {{ object.partner_id.name }}"}
        )
        self.rules.mail_template_id = template
        self._order()
        self._run()
        self.assertEqual(
            self._digest_mails(self.buyer_a).subject, f"Custom digest for {self.customer_a.name}"
        )

    def test_run_now_button_is_for_sales_managers(self):
        self._order()
        salesman = new_test_user(
            self.env, login="digest_salesman", groups="sales_team.group_sale_salesman"
        )
        manager = new_test_user(
            self.env, login="digest_manager", groups="sales_team.group_sale_manager"
        )
        with self.assertRaises(AccessError):
            self.Change.with_user(salesman).action_send_digests_now()
        self.assertFalse(self._digest_mails())
        action = self.Change.with_user(manager).action_send_digests_now()
        self.assertEqual(action["params"]["type"], "success")
        self.assertEqual(len(self._digest_mails()), 1)

    def test_cron_sends_digests(self):
        self._order()
        self.env.ref("customer_portal_orders.ir_cron_status_digest").method_direct_trigger()
        self.assertEqual(len(self._digest_mails()), 1)

    def test_portal_users_cannot_read_the_log(self):
        self._order()
        digest = self._run()
        portal_user = new_test_user(
            self.env, login="digest_portal_reader", groups="base.group_portal"
        )
        with self.assertRaises(AccessError):
            self.Change.with_user(portal_user).search([])
        with self.assertRaises(AccessError):
            digest.with_user(portal_user).read(["body_html"])
        with self.assertRaises(AccessError):
            self.rules.with_user(portal_user).read(["name"])
