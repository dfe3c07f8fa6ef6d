from odoo.exceptions import ValidationError

from .common import RouteOrdersCase


class TestOrderTypeRules(RouteOrdersCase):
    def test_valid_orders_confirm(self):
        for order_type, kinds in [
            ("plain", []),
            ("one_to_one", ["collection", "delivery"]),
            ("one_to_many", ["collection", "delivery", "delivery", "delivery"]),
            ("many_to_one", ["collection", "collection", "delivery"]),
        ]:
            with self.subTest(order_type=order_type):
                order = self._order(
                    order_type, kinds, order_line=[(0, 0, {"product_id": self.product.id})]
                )
                order.action_confirm()
                self.assertEqual(order.state, "sale")
                self.assertEqual(order.route_stop_count, len(kinds))

    def test_invalid_orders_are_refused(self):
        for order_type, kinds, message in [
            ("plain", ["delivery"], "A plain order has no stops"),
            ("one_to_one", ["collection", "delivery", "delivery"], "it has 1 and 2"),
            ("one_to_many", ["collection", "collection", "delivery"], "exactly one collection"),
            ("one_to_many", ["collection"], "at least one delivery"),
            ("many_to_one", ["collection", "delivery", "delivery"], "exactly one delivery"),
            ("many_to_one", ["delivery"], "at least one collection"),
        ]:
            with self.subTest(order_type=order_type, kinds=kinds):
                order = self._order(order_type, kinds)
                with self.assertRaisesRegex(ValidationError, f"{order.name}: .*{message}"):
                    order.action_confirm()
                self.assertEqual(order.state, "draft")

    def test_cancelled_stops_do_not_count(self):
        order = self._order("one_to_one", ["collection", "delivery", "delivery"])
        order.route_stop_ids[-1].action_cancel()
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_goods_sent_to_stops_only_on_one_to_many(self):
        order = self._order("many_to_one", ["collection", "collection", "delivery"])
        collection, delivery = order.route_stop_ids[0], order.route_stop_ids[-1]
        self.env["route.goods"].create(
            {"stop_id": collection.id, "description": "Box", "delivery_stop_id": delivery.id}
        )
        with self.assertRaisesRegex(ValidationError, "Only one collection, many deliveries"):
            order.action_confirm()

    def test_shared_route_needs_route_and_date(self):
        with self.assertRaisesRegex(ValidationError, "choose the route and its run date"):
            self._order("one_to_one", ["collection", "delivery"], route_transport="shared")

    def test_stop_name_shows_kind_and_site(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        self.assertEqual(
            order.route_stop_ids.mapped("name"),
            [f"Collection: {self.site_a.display_name}", f"Delivery: {self.site_a.display_name}"],
        )

    def test_rule_messages_are_translated(self):
        self.env["res.lang"]._activate_lang("fi_FI")
        self.env["ir.module.module"]._load_module_terms(["route_orders"], ["fi_FI"], overwrite=True)
        order = self._order("plain", ["delivery"])
        with self.assertRaisesRegex(ValidationError, "Tavallisella tilauksella ei ole pysähdyksiä"):
            order.with_context(lang="fi_FI").action_confirm()
