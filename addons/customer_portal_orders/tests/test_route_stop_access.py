from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user


class TestRouteStopAccess(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        product = cls.env["product.product"].create({"name": "Stop service", "type": "service"})
        cls.users, cls.orders = {}, {}
        for key in ("a", "b"):
            company = cls.env["res.partner"].create({"name": f"Stop Co {key}", "is_company": True})
            contact = cls.env["res.partner"].create(
                {"name": f"Stop Co {key} User", "parent_id": company.id}
            )
            cls.users[key] = new_test_user(
                cls.env, login=f"stop_{key}", groups="base.group_portal", partner_id=contact.id
            )
            order = cls.env["sale.order"].create(
                {
                    "partner_id": company.id,
                    "route_order_type": "one_to_one",
                    "order_line": [(0, 0, {"product_id": product.id})],
                    "route_stop_ids": [
                        (0, 0, {"kind": "collection", "partner_id": company.id}),
                        (0, 0, {"kind": "delivery", "partner_id": contact.id}),
                    ],
                }
            )
            cls.env["route.goods"].create(
                {"stop_id": order.route_stop_ids[0].id, "description": f"Goods of {key}"}
            )
            order.action_confirm()
            cls.orders[key] = order

    def test_portal_user_reads_own_company_stops(self):
        stops = self.orders["a"].route_stop_ids.with_user(self.users["a"])
        self.assertEqual(stops.mapped("kind"), ["collection", "delivery"])

    def test_portal_user_cannot_read_other_company_stops(self):
        with self.assertRaises(AccessError):
            self.orders["b"].route_stop_ids.with_user(self.users["a"]).read(["kind"])
        visible = self.env["route.stop"].with_user(self.users["a"]).search([])
        self.assertFalse(visible & self.orders["b"].route_stop_ids)
        self.assertEqual(visible & self.orders["a"].route_stop_ids, self.orders["a"].route_stop_ids)

    def test_portal_user_cannot_change_stops(self):
        with self.assertRaises(AccessError):
            self.orders["a"].route_stop_ids[0].with_user(self.users["a"]).write(
                {"state": "cancelled"}
            )

    def test_portal_user_reads_only_own_company_goods(self):
        goods = self.env["route.goods"].with_user(self.users["a"]).search([])
        self.assertEqual(goods.mapped("description"), ["Goods of a"])
        with self.assertRaises(AccessError):
            self.orders["b"].route_stop_ids.goods_ids.with_user(self.users["a"]).read(
                ["description"]
            )
