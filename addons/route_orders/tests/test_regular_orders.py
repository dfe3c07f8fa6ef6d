from datetime import date, datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, new_test_user, tagged

from .common import RouteOrdersCase

EVERYDAY = dict.fromkeys(("mon", "tue", "wed", "thu", "fri", "sat", "sun"), True)


class RegularOrdersCase(RouteOrdersCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Regular = cls.env["route.regular.order"]

    @classmethod
    def _stop(cls, kind, sequence, **vals):
        return (0, 0, {"kind": kind, "sequence": sequence, "partner_id": cls.site_a.id, **vals})

    @classmethod
    def _template(cls, **vals):
        values = {
            "name": "Weekly pallets",
            "partner_id": cls.contact.id,
            "route_order_type": "one_to_one",
            "date_start": date(2025, 3, 3),
            "mon": True,
            "stop_ids": [cls._stop("collection", 1), cls._stop("delivery", 2)],
        }
        values.update(vals)
        return cls.Regular.create(values)

    def _dates(self, orders):
        return sorted(orders.mapped("route_regular_date"))


@tagged("post_install", "-at_install")
class TestRegularOrderOccurrences(RegularOrdersCase):
    def test_weekdays_every_two_weeks_from_the_start_week(self):
        # starts on Wednesday 5 March 2025: the Monday of that week is skipped
        template = self._template(date_start=date(2025, 3, 5), mon=True, thu=True, interval_weeks=2)
        self.assertEqual(
            template._get_occurrence_dates(date(2025, 3, 1), date(2025, 3, 31)),
            [date(2025, 3, 6), date(2025, 3, 17), date(2025, 3, 20), date(2025, 3, 31)],
        )

    def test_every_week(self):
        template = self._template(mon=False, fri=True, sun=True)
        self.assertEqual(
            template._get_occurrence_dates(date(2025, 3, 7), date(2025, 3, 16)),
            [date(2025, 3, 7), date(2025, 3, 9), date(2025, 3, 14), date(2025, 3, 16)],
        )

    def test_day_31_falls_on_the_last_day_of_shorter_months(self):
        template = self._template(
            recurrence_type="monthly",
            month_day=31,
            date_start=date(2024, 1, 15),
            date_end=date(2024, 4, 29),
        )
        self.assertEqual(
            template._get_occurrence_dates(date(2023, 1, 1), date(2024, 12, 31)),
            # leap year February, then April 30 is after the end date
            [date(2024, 1, 31), date(2024, 2, 29), date(2024, 3, 31)],
        )
        template.date_end = False
        self.assertEqual(
            template._get_occurrence_dates(date(2025, 2, 1), date(2025, 4, 30)),
            [date(2025, 2, 28), date(2025, 3, 31), date(2025, 4, 30)],
        )

    def test_start_and_end_dates_bound_the_interval(self):
        template = self._template(date_start=date(2025, 3, 10), date_end=date(2025, 3, 24))
        self.assertEqual(
            template._get_occurrence_dates(date(2025, 3, 1), date(2025, 4, 30)),
            [date(2025, 3, 10), date(2025, 3, 17), date(2025, 3, 24)],
        )
        self.assertEqual(template._get_occurrence_dates(date(2025, 4, 1), date(2025, 4, 30)), [])

    def test_paused_or_archived_templates_have_no_occurrences(self):
        template = self._template()
        interval = (date(2025, 3, 1), date(2025, 3, 31))
        self.assertEqual(len(template._get_occurrence_dates(*interval)), 5)
        template.action_pause()
        self.assertEqual(template.state, "paused")
        self.assertEqual(template._get_occurrence_dates(*interval), [])
        template.action_resume()
        template.active = False
        self.assertEqual(template._get_occurrence_dates(*interval), [])

    def test_invalid_recurrences_and_stops_are_refused(self):
        for vals, message in [
            ({"mon": False}, "Choose the weekdays"),
            ({"interval_weeks": 0}, "every 1 week or more"),
            ({"recurrence_type": "monthly", "month_day": 32}, "between 1 and 31"),
            ({"date_end": date(2025, 3, 1)}, "ends before it starts"),
            ({"route_transport": "shared"}, "choose the route"),
            ({"route_order_type": "one_to_many", "stop_ids": []}, "cannot have 0"),
        ]:
            with self.subTest(vals=vals), self.assertRaisesRegex(ValidationError, message):
                self._template(**vals)


@tagged("post_install", "-at_install")
class TestRegularOrderGeneration(RegularOrdersCase):
    def test_generate_missing_creates_only_missing_dates(self):
        template = self._template()
        march = (date(2025, 3, 1), date(2025, 3, 31))
        result = template.generate_missing(*march)
        self.assertEqual(
            self._dates(result["created"]),
            [
                date(2025, 3, 3),
                date(2025, 3, 10),
                date(2025, 3, 17),
                date(2025, 3, 24),
                date(2025, 3, 31),
            ],
        )
        self.assertEqual(template.order_ids, result["created"])
        again = template.generate_missing(*march)
        self.assertFalse(again["created"])
        # a deleted occurrence comes back, alone
        template.order_ids.filtered(lambda o: o.route_regular_date == date(2025, 3, 17)).unlink()
        third = template.generate_missing(*march)
        self.assertEqual(self._dates(third["created"]), [date(2025, 3, 17)])
        self.assertEqual(len(template.order_ids), 5)

    def test_generated_orders_copy_stops_goods_and_lines(self):
        template = self._template(
            route_order_type="one_to_many",
            client_order_ref="PO-77",
            stop_ids=[
                self._stop(
                    "collection",
                    1,
                    time_mode="slot",
                    time_from=8.0,
                    time_to=10.0,
                    tz="Europe/Helsinki",
                    contact_name="Dock",
                    instructions="Gate 3",
                ),
                self._stop("delivery", 2, partner_id=False, street="Main St 1", city="Espoo"),
                self._stop("delivery", 3, partner_id=self.site_b.id),
            ],
        )
        collection, first, second = template.stop_ids
        Goods = self.env["route.regular.order.goods"]
        Goods.create(
            [
                {
                    "stop_id": collection.id,
                    "description": "Pallets",
                    "quantity": 2,
                    "weight": 500,
                    "packaging_type_id": self.pallet.id,
                    "delivery_stop_id": first.id,
                },
                {
                    "stop_id": collection.id,
                    "description": "Parcels",
                    "quantity": 4,
                    "weight": 20,
                    "delivery_stop_id": second.id,
                },
            ]
        )
        day = date(2025, 3, 10)
        order = template.generate_missing(day, day)["created"]
        self.assertEqual(len(order), 1)
        self.assertEqual(order.partner_id, self.contact)
        self.assertEqual(order.client_order_ref, "PO-77 2025-03-10")
        self.assertEqual((order.route_regular_order_id, order.route_regular_date), (template, day))
        self.assertEqual(order.state, "draft")
        stops = order.route_stop_ids
        self.assertEqual(stops.mapped("kind"), ["collection", "delivery", "delivery"])
        self.assertEqual(set(stops.mapped("date")), {day})
        self.assertEqual(stops[0].scheduled_start, datetime(2025, 3, 10, 6, 0))
        self.assertEqual((stops[0].contact_name, stops[0].instructions), ("Dock", "Gate 3"))
        self.assertEqual(stops[1].address, "Main St 1, Espoo")
        goods = stops[0].goods_ids
        self.assertEqual(goods.mapped("description"), ["Pallets", "Parcels"])
        self.assertEqual(goods[0].packaging_type_id, self.pallet)
        self.assertEqual(goods.mapped("delivery_stop_id"), stops[1] | stops[2])
        self.assertEqual(stops[1].total_weight, 500)
        self.assertEqual(
            order.order_line.mapped("product_id"),
            self.collection_product | self.delivery_product,
        )
        self.assertEqual(len(order.order_line), 3)
        # the customer company follows the order: its portal users see it
        self.assertIn(self.customer, order.message_partner_ids)
        self.assertIn(self.contact, order.message_partner_ids)
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_portal_user_of_the_customer_sees_generated_orders(self):
        portal = new_test_user(
            self.env,
            login="regular_portal",
            groups="base.group_portal",
            partner_id=self.env["res.partner"]
            .create(
                {
                    "name": "Portal colleague",
                    "parent_id": self.customer.id,
                    "email": "colleague@example.com",
                }
            )
            .id,
        )
        order = self._template().generate_missing(date(2025, 3, 3), date(2025, 3, 3))["created"]
        order.with_user(portal).check_access("read")
        stranger = self.env["res.partner"].create({"name": "Another customer"})
        other = self._template(partner_id=stranger.id).generate_missing(
            date(2025, 3, 3), date(2025, 3, 3)
        )["created"]
        with self.assertRaises(AccessError):
            other.with_user(portal).check_access("read")

    def test_shared_route_dates_follow_the_route(self):
        self.route.write({"mon": True, "sat": False})
        template = self._template(
            route_transport="shared",
            route_id=self.route.id,
            date_start=date(2025, 3, 1),
            mon=True,
            sat=True,
        )
        result = template.generate_missing(date(2025, 3, 1), date(2025, 3, 10))
        self.assertEqual(self._dates(result["created"]), [date(2025, 3, 3), date(2025, 3, 10)])
        self.assertEqual(result["created"].mapped("route_id"), self.route)
        self.assertEqual(
            sorted(result["created"].mapped("route_date")), [date(2025, 3, 3), date(2025, 3, 10)]
        )
        self.assertEqual(
            [(s["date"], s["reason"]) for s in result["skipped"]],
            [
                (date(2025, 3, 1), "route Test shared route does not run on that day"),
                (date(2025, 3, 8), "route Test shared route does not run on that day"),
            ],
        )
        lines = self.Regular._format_generation_result(result)
        self.assertIn("Skipped Weekly pallets (2025-03-08): route Test shared route", lines[-1])

    def test_regenerate_all_rebuilds_drafts_and_keeps_confirmed_orders(self):
        template = self._template()
        march = (date(2025, 3, 1), date(2025, 3, 31))
        first = template.generate_missing(*march)["created"].sorted("route_regular_date")
        confirmed, sent, cancelled = first[0], first[1], first[2]
        confirmed.action_confirm()
        sent.action_quotation_sent()
        cancelled._action_cancel()
        drafts = first[1] | first[3] | first[4]
        draft_names = sorted(drafts.mapped("name"))
        template.stop_ids[0].contact_name = "New contact"

        result = template.regenerate_all(*march)

        self.assertTrue(confirmed.exists())
        self.assertTrue(cancelled.exists())
        self.assertFalse(drafts.exists())
        self.assertEqual(
            self._dates(result["rebuilt"]),
            [date(2025, 3, 10), date(2025, 3, 24), date(2025, 3, 31)],
        )
        self.assertFalse(result["created"])
        self.assertEqual(sorted(result["deleted"]), draft_names)
        self.assertEqual(
            set(
                result["rebuilt"]
                .route_stop_ids.filtered(lambda s: s.kind == "collection")
                .mapped("contact_name")
            ),
            {"New contact"},
        )
        self.assertNotEqual(confirmed.route_stop_ids[0].contact_name, "New contact")
        kept = {k["order"]: k["reason"] for k in result["kept"]}
        self.assertEqual(kept, {confirmed: "it is confirmed", cancelled: "it is cancelled"})
        lines = self.Regular._format_generation_result(result)
        self.assertIn(f"Kept {confirmed.name} of 2025-03-03: it is confirmed.", lines)
        self.assertEqual(len(template.order_ids), 5)

    def test_regenerate_all_adds_missing_dates_and_respects_the_interval(self):
        template = self._template()
        early = template.generate_missing(date(2025, 3, 1), date(2025, 3, 10))["created"]
        march_3 = early.filtered(lambda o: o.route_regular_date == date(2025, 3, 3))
        result = template.regenerate_all(date(2025, 3, 5), date(2025, 3, 20))
        self.assertEqual(self._dates(result["rebuilt"]), [date(2025, 3, 10)])
        self.assertEqual(self._dates(result["created"]), [date(2025, 3, 17)])
        self.assertTrue(march_3.exists())

    def test_a_failing_template_does_not_stop_the_others(self):
        other_company = self.env["res.company"].create({"name": "Regular Test Co"})
        self.env.user.company_ids |= other_company
        good = self._template()
        bad = self._template(
            name="No products", company_id=other_company.id, partner_id=self.customer.id
        )
        self.assertFalse(other_company.route_collection_product_id)
        result = (good | bad).generate_missing(date(2025, 3, 1), date(2025, 3, 10))
        self.assertEqual(self._dates(result["created"]), [date(2025, 3, 3), date(2025, 3, 10)])
        self.assertEqual(result["created"].route_regular_order_id, good)
        self.assertEqual([f["template"] for f in result["failed"]], [bad])
        self.assertIn("service products", result["failed"][0]["reason"])
        self.assertFalse(bad.order_ids)

    def test_generation_needs_write_access_to_the_template(self):
        template = self._template()
        reader = new_test_user(self.env, login="regular_reader", groups="base.group_user")
        with self.assertRaises(AccessError):
            template.with_user(reader).generate_missing(date(2025, 3, 1), date(2025, 3, 10))
        salesman = new_test_user(
            self.env, login="regular_salesman", groups="sales_team.group_sale_salesman"
        )
        result = template.with_user(salesman).regenerate_all(date(2025, 3, 1), date(2025, 3, 10))
        self.assertEqual(len(result["created"]), 2)

    def test_order_counts_and_smart_buttons(self):
        today = fields.Date.context_today(self.Regular)
        template = self._template(
            date_start=today - timedelta(days=14),
            **EVERYDAY,
        )
        template.generate_missing(today - timedelta(days=3), today + timedelta(days=4))
        self.assertEqual((template.past_order_count, template.upcoming_order_count), (3, 5))
        self.assertEqual(template.next_date, today)
        upcoming = self.env["sale.order"].search(template.action_view_upcoming_orders()["domain"])
        past = self.env["sale.order"].search(template.action_view_past_orders()["domain"])
        self.assertEqual((len(past), len(upcoming)), (3, 5))
        self.assertEqual(past | upcoming, template.order_ids)

    def test_batch_generation_query_count(self):
        templates = self._template() | self._template(name="Second", thu=True)
        # warm-up run: caches of products, pricelists, sequences...
        templates.generate_missing(date(2025, 1, 1), date(2025, 1, 31))
        self.env.invalidate_all()
        queries_before = self.cr.sql_log_count
        created = templates.generate_missing(date(2025, 3, 1), date(2025, 4, 30))["created"]
        self.env.flush_all()
        queries = self.cr.sql_log_count - queries_before
        self.assertEqual(len(created), 26)
        self.assertLessEqual(queries / len(created), 10, f"{queries} queries")


@tagged("post_install", "-at_install")
class TestRegularOrderCronAndWizard(RegularOrdersCase):
    def test_cron_generates_up_to_the_company_horizon(self):
        today = fields.Date.context_today(self.Regular)
        self.env.company.route_regular_horizon_days = 7
        template = self._template(date_start=today - timedelta(days=30), **EVERYDAY)
        paused = self._template(name="Paused", date_start=today, **EVERYDAY)
        paused.action_pause()
        self.Regular._cron_generate_missing()
        self.assertEqual(
            self._dates(template.order_ids), [today + timedelta(days=n) for n in range(8)]
        )
        self.assertEqual(template.generated_until, today + timedelta(days=7))
        self.assertFalse(paused.order_ids)
        self.Regular._cron_generate_missing()
        self.assertEqual(len(template.order_ids), 8)
        self.env.company.route_regular_horizon_days = 10
        self.Regular._cron_generate_missing()
        self.assertEqual(len(template.order_ids), 11)
        # resuming makes the cron look at the paused template again
        paused.action_resume()
        self.assertFalse(paused.generated_until)
        self.Regular._cron_generate_missing()
        self.assertEqual(len(paused.order_ids), 11)

    def test_cron_works_in_batches(self):
        today = fields.Date.context_today(self.Regular)
        self.env.company.route_regular_horizon_days = 1
        templates = self.Regular
        for index in range(3):
            templates |= self._template(
                name=f"T{index}",
                date_start=today,
                **EVERYDAY,
            )
        self.Regular._cron_generate_missing(batch_size=2)
        self.assertEqual(len(templates.filtered("generated_until")), 2)
        self.Regular._cron_generate_missing(batch_size=2)
        self.assertEqual(len(templates.filtered("generated_until")), 3)
        self.assertEqual(len(templates.order_ids), 6)

    def test_cron_record_calls_the_generation(self):
        cron = self.env.ref("route_orders.route_regular_order_cron_generate")
        template = self._template(
            date_start=fields.Date.context_today(self.Regular),
            **EVERYDAY,
        )
        cron.method_direct_trigger()
        self.assertEqual(len(template.order_ids), self.env.company.route_regular_horizon_days + 1)

    def test_wizard_generates_and_reports(self):
        template = self._template()
        action = template.action_open_generate_wizard()
        wizard_form = Form(
            self.env["route.regular.order.generate"].with_context(**action["context"])
        )
        self.assertEqual(wizard_form.mode, "missing")
        wizard_form.date_from = date(2025, 3, 1)
        wizard_form.date_to = date(2025, 3, 12)
        wizard = wizard_form.save()
        self.assertEqual(wizard.regular_order_ids, template)
        wizard.action_generate()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.order_ids, template.order_ids)
        self.assertIn("2 order(s) created.", wizard.result_summary)
        self.assertEqual(
            self.env["sale.order"].search(wizard.action_view_orders()["domain"]),
            template.order_ids,
        )
        template.order_ids[0].action_confirm()
        again = (
            self.env["route.regular.order.generate"]
            .with_context(**action["context"])
            .create({"date_from": date(2025, 3, 1), "date_to": date(2025, 3, 12), "mode": "all"})
        )
        again.action_generate()
        self.assertIn("1 draft order(s) rebuilt", again.result_summary)
        self.assertIn("it is confirmed", again.result_summary)

    def test_sale_order_form_shows_the_regular_order(self):
        order = self._template().generate_missing(date(2025, 3, 3), date(2025, 3, 3))["created"]
        form = Form(order)
        self.assertEqual(form.route_regular_order_id, order.route_regular_order_id)
