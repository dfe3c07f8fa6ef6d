"""Two generation runs at the same time, with real committed transactions.

These tests commit: they create their data with a committed cursor and delete
everything they committed in a cleanup.
"""

import threading
from datetime import date

import psycopg2.errors

from odoo import SUPERUSER_ID, api
from odoo.modules.registry import Registry
from odoo.tests.common import BaseCase, get_db_name, tagged
from odoo.tools import mute_logger

MARCH = (date(2025, 3, 1), date(2025, 3, 31))
MONDAYS = [
    date(2025, 3, 3),
    date(2025, 3, 10),
    date(2025, 3, 17),
    date(2025, 3, 24),
    date(2025, 3, 31),
]
CONCURRENCY_ERRORS = (psycopg2.errors.SerializationFailure, psycopg2.errors.UniqueViolation)


@tagged("post_install", "-at_install")
class TestRegularOrderConcurrency(BaseCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.registry = Registry(get_db_name())

    def setUp(self):
        super().setUp()
        with self.registry.cursor() as cr:  # committed on exit
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].create(
                {"name": "Concurrent Regular Customer", "is_company": True}
            )
            template = env["route.regular.order"].create(
                {
                    "name": "Concurrent regular order",
                    "partner_id": partner.id,
                    "route_order_type": "one_to_one",
                    "date_start": MARCH[0],
                    "mon": True,
                    "stop_ids": [
                        (
                            0,
                            0,
                            {"kind": kind, "sequence": i, "street": "Street 1", "city": "Helsinki"},
                        )
                        for i, kind in enumerate(["collection", "delivery"])
                    ],
                }
            )
            self.partner_id, self.template_id = partner.id, template.id
        self.addCleanup(self._delete_committed_data)

    def _delete_committed_data(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            orders = env["sale.order"].search([("route_regular_order_id", "=", self.template_id)])
            orders.filtered(lambda o: o.state != "draft")._action_cancel()
            orders.unlink()
            env["route.regular.order"].browse(self.template_id).unlink()
            env["res.partner"].browse(self.partner_id).unlink()

    def _generate(self, cr):
        env = api.Environment(cr, SUPERUSER_ID, {})
        return env["route.regular.order"].browse(self.template_id).generate_missing(*MARCH)

    def _committed_dates(self):
        with self.registry.cursor() as cr:
            cr.execute(
                "SELECT route_regular_date FROM sale_order WHERE route_regular_order_id = %s "
                "ORDER BY route_regular_date",
                [self.template_id],
            )
            return [row[0] for row in cr.fetchall()]

    def test_second_run_waits_for_the_first_and_creates_nothing(self):
        with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
            created = self._generate(cr1)["created"]
            self.assertEqual(sorted(created.mapped("route_regular_date")), MONDAYS)
            cr1.flush()
            # run 2 queues on the template lock held by run 1's open transaction
            cr2.execute("SET LOCAL lock_timeout = '300ms'")
            with (
                mute_logger("odoo.sql_db"),
                self.assertRaises(psycopg2.errors.LockNotAvailable),
            ):
                self._generate(cr2)
            cr2.rollback()
            cr1.commit()
            # once run 1 committed, run 2 (retried, as Odoo retries requests) finds the orders
            again = self._generate(cr2)
            self.assertFalse(again["created"])
            cr2.commit()
        self.assertEqual(self._committed_dates(), MONDAYS)

    def test_two_simultaneous_runs_create_each_order_once(self):
        barrier = threading.Barrier(2, timeout=30)
        outcomes = [None, None]
        # Environments are made here: the test runner holds the registry lock, so a
        # thread cannot look the registry up itself.
        cursors = [self.registry.cursor(), self.registry.cursor()]
        self.addCleanup(lambda: [cr.close() for cr in cursors])
        templates = [
            api.Environment(cr, SUPERUSER_ID, {})["route.regular.order"].browse(self.template_id)
            for cr in cursors
        ]

        def run(index):
            cr = cursors[index]
            try:
                # both transactions take their snapshot before either generates
                cr.execute("SELECT count(*) FROM sale_order")
                barrier.wait()
                outcomes[index] = len(templates[index].generate_missing(*MARCH)["created"])
                cr.commit()  # pylint: disable=invalid-commit
            except CONCURRENCY_ERRORS as error:
                cr.rollback()
                outcomes[index] = error

        with mute_logger("odoo.sql_db"):
            threads = [threading.Thread(target=run, args=(index,)) for index in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=60)
        self.assertFalse(any(thread.is_alive() for thread in threads))

        winners = [outcome for outcome in outcomes if outcome == len(MONDAYS)]
        losers = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
        self.assertEqual((len(winners), len(losers)), (1, 1), outcomes)
        self.assertIsInstance(losers[0], psycopg2.errors.SerializationFailure)
        self.assertEqual(self._committed_dates(), MONDAYS)
        # the loser's retry (what Odoo does on serialization failures) adds nothing
        with self.registry.cursor() as cr:
            self.assertFalse(self._generate(cr)["created"])
        self.assertEqual(self._committed_dates(), MONDAYS)
