from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestPortalOrders(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Portal Transport", "type": "service", "list_price": 42.0}
        )
        cls.company_a, cls.user_a, cls.order_a = cls._customer_with_order(
            "Kestrel Logistics Oy", "cpo_a", "Kestrel Depot"
        )
        cls.company_b, cls.user_b, cls.order_b = cls._customer_with_order(
            "Lynx Freight ApS", "cpo_b", "Lynx Terminal"
        )

    @classmethod
    def _customer_with_order(cls, name, login, site_name):
        company = cls.env["res.partner"].create({"name": name, "is_company": True})
        contact = cls.env["res.partner"].create({"name": f"{name} Buyer", "parent_id": company.id})
        site = cls.env["res.partner"].create(
            {"name": site_name, "parent_id": company.id, "type": "delivery"}
        )
        user = new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=contact.id,
            password=f"{login}-pass",
        )
        order = cls.env["sale.order"].create(
            {
                "partner_id": company.id,
                "route_order_type": "one_to_one",
                "order_line": [(0, 0, {"product_id": cls.product.id})],
                "route_stop_ids": [
                    (0, 0, {"kind": "collection", "partner_id": company.id, "sequence": 1}),
                    (0, 0, {"kind": "delivery", "partner_id": site.id, "sequence": 2}),
                ],
            }
        )
        cls.env["route.goods"].create(
            {
                "stop_id": order.route_stop_ids[0].id,
                "description": f"{name} crates",
                "quantity": 3,
                "weight": 120,
            }
        )
        order.action_confirm()
        return company, user, order

    def test_own_order_shows_its_stops(self):
        self.authenticate("cpo_a", "cpo_a-pass")
        response = self.url_open(f"/my/orders/{self.order_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order_a.name, response.text)
        self.assertIn('id="route_stops"', response.text)
        self.assertIn("Kestrel Depot", response.text)
        self.assertIn("Kestrel Logistics Oy crates", response.text, "goods under their stop")
        self.assertNotIn("Lynx Freight ApS crates", response.text)

    def test_other_company_order_answers_like_missing(self):
        self.authenticate("cpo_a", "cpo_a-pass")
        response = self.url_open(f"/my/orders/{self.order_b.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        response = self.url_open(f"/my/orders/{self.order_b.id}")
        self.assertTrue(response.url.endswith("/my"))
        for secret in ("Lynx", self.order_b.name):
            self.assertNotIn(secret, response.text)

    def test_orders_list_is_company_wide_and_isolated(self):
        self.authenticate("cpo_a", "cpo_a-pass")
        response = self.url_open("/my/orders")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order_a.name, response.text)
        self.assertNotIn(self.order_b.name, response.text)

    def test_tour_portal_user_opens_order_with_stops(self):
        self.start_tour(
            "/my",
            "customer_portal_orders_open_order",
            login="cpo_a",
        )
