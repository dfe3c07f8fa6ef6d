from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase


class TestOrderTypeRules(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Rules Test Customer"})
        cls.site_a = cls.env["res.partner"].create(
            {"name": "Warehouse", "parent_id": cls.customer.id, "type": "delivery"}
        )
        cls.site_b = cls.env["res.partner"].create(
            {"name": "Shop", "parent_id": cls.customer.id, "type": "delivery"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Transport", "type": "service", "list_price": 10.0}
        )

    def _order(self, order_type, kinds):
        return self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "route_order_type": order_type,
                "order_line": [(0, 0, {"product_id": self.product.id})],
                "route_stop_ids": [
                    (0, 0, {"kind": kind, "partner_id": self.site_a.id, "sequence": i})
                    for i, kind in enumerate(kinds)
                ],
            }
        )

    def test_valid_orders_confirm(self):
        for order_type, kinds in [
            ("plain", []),
            ("one_to_one", ["collection", "delivery"]),
            ("one_to_many", ["collection", "delivery", "delivery", "delivery"]),
            ("many_to_one", ["collection", "collection", "delivery"]),
        ]:
            with self.subTest(order_type=order_type):
                order = self._order(order_type, kinds)
                order.action_confirm()
                self.assertEqual(order.state, "sale")
                self.assertEqual(order.route_stop_count, len(kinds))

    def test_invalid_orders_are_refused(self):
        for order_type, kinds in [
            ("plain", ["delivery"]),
            ("one_to_one", ["collection", "delivery", "delivery"]),
            ("one_to_many", ["collection", "collection", "delivery"]),
            ("one_to_many", ["collection"]),
            ("many_to_one", ["collection", "delivery", "delivery"]),
            ("many_to_one", ["delivery"]),
        ]:
            with self.subTest(order_type=order_type, kinds=kinds):
                order = self._order(order_type, kinds)
                with self.assertRaisesRegex(ValidationError, order.name):
                    order.action_confirm()
                self.assertEqual(order.state, "draft")

    def test_cancelled_stops_do_not_count(self):
        order = self._order("one_to_one", ["collection", "delivery", "delivery"])
        order.route_stop_ids[-1].state = "cancelled"
        order.action_confirm()
        self.assertEqual(order.state, "sale")

    def test_stop_name_shows_kind_and_site(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        self.assertEqual(
            order.route_stop_ids.mapped("name"),
            [
                f"Collection: {self.site_a.display_name}",
                f"Delivery: {self.site_a.display_name}",
            ],
        )
