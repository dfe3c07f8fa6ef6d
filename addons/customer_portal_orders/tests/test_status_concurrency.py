"""Two digest runs at the same time, with real committed transactions.

These tests commit: they create their data with a committed cursor and delete
everything they committed in a cleanup.
"""

import threading

import psycopg2.errors

from odoo import SUPERUSER_ID, Command, api
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

CUSTOMERS = 3
ORDERS_PER_CUSTOMER = 2


@tagged("post_install", "-at_install")
class TestStatusDigestConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:  # committed on exit
            env = api.Environment(cr, SUPERUSER_ID, {})
            rule = env["customer.portal.status.rule"].create(
                {"name": "Concurrent digest rule", "event": "order_state", "channel": "email"}
            )
            product = env["product.product"].create(
                {"name": "Concurrent digest service", "type": "service"}
            )
            partners = env["res.partner"].create(
                [
                    {
                        "name": f"Concurrent digest customer {n}",
                        "is_company": True,
                        "email": f"digest{n}@concurrent.example.com",
                    }
                    for n in range(CUSTOMERS)
                ]
            )
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "order_line": [Command.create({"product_id": product.id})],
                    }
                    for partner in partners
                    for _n in range(ORDERS_PER_CUSTOMER)
                ]
            )
            orders.action_confirm()
            self.data_ids = {
                "rule": rule.id,
                "product": product.id,
                "partners": partners.ids,
                "orders": orders.ids,
            }
        self.addCleanup(self._delete_committed_data)

    def _delete_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            changes = env["customer.portal.status.change"].search(
                [("order_id", "in", self.data_ids["orders"])]
            )
            digests = changes.digest_id
            env["mail.mail"].search(
                [("model", "=", digests._name), ("res_id", "in", digests.ids)]
            ).unlink()
            changes.unlink()
            digests.unlink()
            orders = env["sale.order"].browse(self.data_ids["orders"])
            orders._action_cancel()
            orders.unlink()
            env["customer.portal.status.rule"].browse(self.data_ids["rule"]).unlink()
            env["product.product"].browse(self.data_ids["product"]).unlink()
            env["res.partner"].browse(self.data_ids["partners"]).unlink()

    def _change_model(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {})["customer.portal.status.change"]

    def _committed_changes(self):
        """[(state, digest id)] of the test's changes, committed."""
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT state, digest_id FROM customer_portal_status_change "
                "WHERE order_id IN %s ORDER BY id",
                [tuple(self.data_ids["orders"])],
            )
            return cr.fetchall()

    def _committed_digest_mails(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT count(*) FROM mail_mail m JOIN mail_message msg "
                "ON msg.id = m.mail_message_id "
                "JOIN customer_portal_status_digest d ON d.id = msg.res_id "
                "WHERE msg.model = 'customer.portal.status.digest' AND d.partner_id IN %s",
                [tuple(self.data_ids["partners"])],
            )
            return cr.fetchone()[0]

    def _assert_sent_exactly_once(self):
        changes = self._committed_changes()
        self.assertEqual(len(changes), CUSTOMERS * ORDERS_PER_CUSTOMER)
        self.assertEqual({state for state, _digest in changes}, {"sent"})
        self.assertEqual(len({digest for _state, digest in changes}), CUSTOMERS)
        self.assertEqual(self._committed_digest_mails(), CUSTOMERS)

    def test_second_run_skips_the_changes_the_first_claimed(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            partners = self.data_ids["partners"]
            first = self._change_model(cr1)._portal_send_batch(partners)
            self.assertEqual(len(first), CUSTOMERS)
            cr1.flush()
            # run 2 does not wait for run 1's locked rows and sends nothing of them
            second = self._change_model(cr2)._portal_send_digests()
            self.assertFalse(second)
            cr2.commit()
            cr1.commit()
            # a later run finds nothing left to send
            self.assertFalse(self._change_model(cr2)._portal_send_digests())
            cr2.commit()
        self._assert_sent_exactly_once()

    def test_two_simultaneous_runs_send_each_change_once(self):
        barrier = threading.Barrier(2, timeout=30)
        outcomes = [None, None]
        cursors = [self.registry.cursor(), self.registry.cursor()]
        self.addCleanup(lambda: [cr.close() for cr in cursors])
        models = [self._change_model(cr) for cr in cursors]

        def run(index):
            cr = cursors[index]
            try:
                # both transactions take their snapshot before either sends
                cr.execute("SELECT count(*) FROM customer_portal_status_change")
                barrier.wait()
                outcomes[index] = len(models[index]._portal_send_digests())
                cr.commit()  # pylint: disable=invalid-commit
            except psycopg2.errors.SerializationFailure as error:
                cr.rollback()
                outcomes[index] = error

        with mute_logger("odoo.sql_db"):
            threads = [threading.Thread(target=run, args=(index,)) for index in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertFalse(any(thread.is_alive() for thread in threads))
        self.assertIn(CUSTOMERS, outcomes, outcomes)
        loser = outcomes[1 - outcomes.index(CUSTOMERS)]
        self.assertTrue(loser == 0 or isinstance(loser, psycopg2.errors.SerializationFailure))
        self._assert_sent_exactly_once()
        # the loser's retry (what Odoo does on serialization failures) sends nothing
        with self.registry.cursor() as cr:
            self.assertFalse(self._change_model(cr)._portal_send_digests())
        self._assert_sent_exactly_once()
