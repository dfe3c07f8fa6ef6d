from odoo.tests import Form, TransactionCase


class TestViews(TransactionCase):
    def test_backend_views_load(self):
        for model, view_type in [
            ("route.stop", "list"),
            ("route.stop", "form"),
            ("route.stop", "calendar"),
            ("route.stop", "search"),
            ("route.route", "list"),
            ("route.route", "form"),
            ("route.packaging.type", "list"),
            ("sale.order", "form"),
        ]:
            with self.subTest(model=model, view_type=view_type):
                views = self.env[model].get_views([(False, view_type)])
                self.assertIn(view_type, views["views"])

    def test_planning_action_offers_list_and_calendar(self):
        action = self.env.ref("route_orders.route_stop_action")
        self.assertEqual(action.view_mode, "list,calendar,form")
        self.assertIn("group_by_route", action.context)

    def test_order_form_edits_transport(self):
        customer = self.env["res.partner"].create({"name": "Form Customer"})
        with Form(self.env["sale.order"]) as form:
            form.partner_id = customer
            form.route_order_type = "one_to_one"
            form.route_transport = "shared"
            form.route_id = self.env["route.route"].create({"name": "Form Route"})
            form.route_date = "2030-01-01"
        self.assertEqual(form.record.route_transport, "shared")

    def test_order_pdf_shows_stops_and_goods(self):
        customer = self.env["res.partner"].create({"name": "Pdf Customer", "is_company": True})
        site = self.env["res.partner"].create(
            {"name": "Pdf Site", "parent_id": customer.id, "city": "Turku"}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": customer.id,
                "route_order_type": "one_to_one",
                "route_stop_ids": [
                    (0, 0, {"kind": "collection", "partner_id": site.id, "instructions": "Gate B"}),
                    (0, 0, {"kind": "delivery", "partner_id": customer.id}),
                ],
            }
        )
        self.env["route.goods"].create(
            {
                "stop_id": order.route_stop_ids[0].id,
                "description": "Frozen fish",
                "quantity": 3,
                "weight": 90,
            }
        )
        html, _format = self.env["ir.actions.report"]._render_qweb_html(
            "sale.action_report_saleorder", order.ids
        )
        html = html.decode()
        for text in ("route_stops_table", "Pdf Site", "Frozen fish", "Gate B", "Collection"):
            self.assertIn(text, html)
