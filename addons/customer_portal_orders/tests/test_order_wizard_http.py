import re

import odoo
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_order_wizard import PDF, OrderWizardCommon


class OrderWizardHttpCommon(OrderWizardCommon):
    def _post(self, url, data=None, files=None, allow_redirects=False):
        data = dict(data or {}, csrf_token=odoo.http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, allow_redirects=allow_redirects)

    @staticmethod
    def _prefixed(prefix, blocks):
        return {
            f"{prefix}-{index}-{key}": value
            for index, block in enumerate(blocks)
            for key, value in block.items()
        }

    def _order_through_http(self, user, kind="order", files=None):
        """Post every step of the wizard as ``user``; return the final response."""
        response = self._post("/my/orders/new", {"route_order_type": "one_to_one"})
        self.assertEqual(response.status_code, 303, response.text[:2000])
        match = re.search(r"/my/orders/new/(\d+)/collection$", response.headers["Location"])
        self.assertTrue(match, response.headers["Location"])
        draft = self.env["customer.portal.order.draft"].browse(int(match.group(1)))
        base = f"/my/orders/new/{draft.id}"
        site = draft.with_user(user)._get_sites()[-1]
        response = self._post(
            f"{base}/collection",
            dict(self._prefixed("stop", [self._stop_input(site)]), wizard_action="next"),
        )
        self.assertTrue(
            response.headers.get("Location", "").endswith(f"{base}/delivery"),
            f"{response.status_code} {response.text[:1500]}",
        )
        response = self._post(
            f"{base}/delivery",
            dict(self._prefixed("stop", [self._new_address()]), wizard_action="next"),
        )
        self.assertTrue(response.headers.get("Location", "").endswith(f"{base}/goods"))
        goods = [{"description": "Machine parts", "quantity": "3", "weight": "150"}]
        response = self._post(
            f"{base}/goods", dict(self._prefixed("goods", goods), wizard_action="next")
        )
        self.assertTrue(response.headers.get("Location", "").endswith(f"{base}/final"))
        final = {
            "request_kind": kind,
            "client_order_ref": f"HTTP-{user.login}",
            "note": "Call before",
            "wizard_action": "submit",
        }
        return draft, self._post(f"{base}/final", final, files=files)


@tagged("post_install", "-at_install")
class TestOrderWizardHttp(OrderWizardHttpCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customers()
        cls.member_a = new_test_user(
            cls.env,
            login="wiz_member",
            groups="base.group_portal",
            password="wiz_member-pass",
            name="Tern Member",
            email="member@example.com",
            partner_id=cls.env["res.partner"]
            .create(
                {
                    "name": "Tern Member",
                    "parent_id": cls.company_a.id,
                    "extranet_role": "member",
                    "email": "member@example.com",
                }
            )
            .id,
        )

    def test_anonymous_is_sent_to_login(self):
        for url in ("/my/orders/new", "/my/orders/new/1/collection"):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303))
            self.assertIn("/web/login", response.headers["Location"])
        self.assertFalse(self.env["customer.portal.order.draft"].search([]))

    def test_manager_and_member_order_end_to_end(self):
        for user, password in ((self.user_a, "wiz_a-pass"), (self.member_a, "wiz_member-pass")):
            self.authenticate(user.login, password)
            response = self.url_open("/my/orders/new")
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_order_wizard_progress", response.text)
            self.assertIn("/my/orders/quick", response.text)
            draft, response = self._order_through_http(user, files={"documents": ("cmr.pdf", PDF)})
            self.assertEqual(response.status_code, 303, response.text[:3000])
            self.assertTrue(
                response.headers["Location"].endswith(f"/my/orders/new/{draft.id}/done")
            )
            order = self.env["sale.order"].search([("client_order_ref", "=", f"HTTP-{user.login}")])
            self.assertEqual(len(order), 1)
            self.assertEqual(order.state, "sale")
            self.assertEqual(order.web_origin, "portal")
            self.assertEqual(order.message_ids.attachment_ids.mapped("name"), ["cmr.pdf"])
            page = self.url_open(response.headers["Location"])
            self.assertIn(order.name, page.text)
            self.assertEqual(self.url_open(f"/my/orders/{order.id}").status_code, 200)

    def test_wizard_follows_the_orders_section_switch(self):
        self.env.company.extranet_section_orders = False
        self.authenticate("wiz_a", "wiz_a-pass")
        self.assertEqual(self.url_open("/my/orders/new").status_code, 404)
        response = self._post("/my/orders/new", {"route_order_type": "one_to_one"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.env["customer.portal.order.draft"].search([]))

    def test_quote_request_through_http(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        _draft, response = self._order_through_http(self.user_a, kind="quote")
        page = self.url_open(response.headers["Location"])
        self.assertIn("quote request", page.text)
        order = self.env["sale.order"].search([("client_order_ref", "=", "HTTP-wiz_a")])
        self.assertTrue(order.web_quote_request)

    def test_step_errors_are_shown_next_to_fields_with_input_kept(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        draft = self.env["customer.portal.order.draft"].with_user(self.user_a)._start()
        draft._save_type("one_to_one")
        block = self._stop_input(self.site_a, contact_phone="12", contact_name="Kept Name")
        response = self._post(
            f"/my/orders/new/{draft.id}/collection",
            dict(self._prefixed("stop", [block]), wizard_action="next"),
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("is not a valid phone number", response.text)
        self.assertIn('value="Kept Name"', response.text)
        self.assertIn("is-invalid", response.text)
        self.assertFalse(draft.stop_ids)
        # adding a collection to a 1 -> 1 order is not offered, and a second one is refused
        self.assertNotIn("o_order_wizard_add_stop", response.text)

    def test_add_and_remove_blocks_keep_input(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        draft = self.env["customer.portal.order.draft"].with_user(self.user_a)._start()
        draft._save_type("one_to_many")
        draft._save_stops("collection", [self._stop_input(self.site_a)])
        url = f"/my/orders/new/{draft.id}/delivery"
        first = self._new_address(city="Vantaa")
        response = self._post(url, dict(self._prefixed("stop", [first]), wizard_action="add"))
        self.assertIn('value="Vantaa"', response.text)
        self.assertIn("stop-1-site", response.text)
        second = self._new_address(city="Lahti")
        response = self._post(
            url, dict(self._prefixed("stop", [first, second]), wizard_action="remove-0")
        )
        self.assertNotIn('value="Vantaa"', response.text)
        self.assertIn('value="Lahti"', response.text)
        self.assertFalse(draft._stops("delivery"), "add and remove store nothing")

    def test_later_steps_wait_for_earlier_ones(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        draft = self.env["customer.portal.order.draft"].with_user(self.user_a)._start()
        draft._save_type("one_to_one")
        response = self.url_open(f"/my/orders/new/{draft.id}/final", allow_redirects=False)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/orders/new/{draft.id}/collection")
        )
        response = self.url_open("/my/orders/new", allow_redirects=False)
        self.assertTrue(
            response.headers["Location"].endswith(f"/my/orders/new/{draft.id}/collection"),
            "the open draft is resumed",
        )
        response = self._post(f"/my/orders/new/{draft.id}/final", {"wizard_action": "submit"})
        self.assertEqual(response.status_code, 404)

    def test_foreign_draft_answers_like_a_missing_page(self):
        draft_b = self._fill(self.user_b)
        draft_b._add_documents([("secret.pdf", PDF)])
        self.authenticate("wiz_a", "wiz_a-pass")
        base = f"/my/orders/new/{draft_b.id}"
        responses = [
            self.url_open(f"{base}/collection"),
            self.url_open(f"{base}/final"),
            self.url_open(f"{base}/done"),
            self._post(f"{base}/final", {"wizard_action": "submit", "request_kind": "order"}),
            self._post(f"{base}/goods", {"wizard_action": "next", "goods-0-description": "x"}),
            self._post(f"{base}/discard"),
        ]
        for response in responses:
            self.assertEqual(response.status_code, 404)
            for secret in ("Gull", "PO-wiz_b", "secret.pdf", "Dock master"):
                self.assertNotIn(secret, response.text)
        draft_b.invalidate_recordset()
        self.assertEqual(draft_b.state, "open")
        self.assertEqual(len(draft_b.goods_ids), 1)
        attachment = draft_b.sudo().attachment_ids
        response = self.url_open(f"/web/content/{attachment.id}")
        self.assertIn(response.status_code, (403, 404))
        self.assertNotIn("%PDF", response.text)

    def test_post_without_csrf_is_refused(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/orders/new", data={"route_order_type": "one_to_one"}, allow_redirects=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["customer.portal.order.draft"].search([]))
        draft = self._fill(self.user_a)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/orders/new/{draft.id}/final",
                data={"wizard_action": "submit", "request_kind": "order"},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(draft.state, "open")

    def test_double_submit_creates_one_order(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        draft = self._fill(self.user_a)
        final = {"wizard_action": "submit", "request_kind": "order", "client_order_ref": "TWICE"}
        first = self._post(f"/my/orders/new/{draft.id}/final", final)
        second = self._post(f"/my/orders/new/{draft.id}/final", final)
        for response in (first, second):
            self.assertEqual(response.status_code, 303)
            self.assertTrue(
                response.headers["Location"].endswith(f"/my/orders/new/{draft.id}/done")
            )
        self.assertEqual(
            len(self.env["sale.order"].search([("client_order_ref", "=", "TWICE")])), 1
        )

    def _step_query_count(self, url):
        for _warmup in range(2):
            self.url_open(url)
        self.env.flush_all()
        count0 = self.cr.sql_log_count
        self.assertEqual(self.url_open(url).status_code, 200)
        return self.cr.sql_log_count - count0

    def test_collection_step_queries_do_not_grow_with_sites_and_orders(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        draft = self._fill(self.user_a)
        url = f"/my/orders/new/{draft.id}/collection"
        self.env["res.partner"].create(
            {"name": "Tern Yard", "parent_id": self.company_a.id, "type": "other"}
        )
        baseline = self._step_query_count(url)  # 2 sites and the company
        self.env["res.partner"].create(
            [
                {
                    "name": f"Tern Site {n}",
                    "parent_id": self.company_a.id,
                    "type": "delivery",
                    "city": "Turku",
                    "country_id": self.country.id,
                }
                for n in range(10)
            ]
        )
        for _n in range(3):
            self._fill(self.user_b)._submit()
        self.assertEqual(len(draft._get_sites()), 13)
        for _warmup in range(2):
            self.url_open(url)
        with self.assertQueryCount(baseline):
            response = self.url_open(url)
        self.assertIn("Tern Site 9", response.text)


@tagged("post_install", "-at_install")
class TestOrderWizardTours(HttpCase):
    """One tour per order type, through the portal pages, as the demo users."""

    def _order(self, ref):
        order = self.env["sale.order"].search([("client_order_ref", "=", ref)])
        self.assertEqual(len(order), 1)
        return order

    def test_tour_one_to_one_with_document(self):
        self.start_tour(
            "/my/orders/new", "customer_portal_orders_wizard_one_to_one", login="aurora_manager"
        )
        order = self._order("TOUR-1TO1")
        self.assertEqual(order.state, "sale")
        collection, delivery = order.route_stop_ids
        self.assertEqual(collection.partner_id.name, "Aurora Warehouse Vantaa")
        self.assertEqual(
            (collection.time_mode, collection.time_from, collection.time_to), ("slot", 8.0, 12.0)
        )
        self.assertEqual((delivery.street, delivery.city), ("Tehtaankatu 5", "Helsinki"))
        self.assertEqual(delivery.contact_name, "Reception")
        self.assertEqual(collection.goods_ids.description, "Office chairs")
        self.assertEqual(collection.goods_ids.quantity, 4)
        self.assertEqual(order.message_ids.attachment_ids.mapped("name"), ["delivery-note.pdf"])

    def test_tour_one_to_many_quote_request(self):
        self.start_tour(
            "/my/orders/new", "customer_portal_orders_wizard_one_to_many", login="aurora_member"
        )
        order = self._order("TOUR-1TON")
        self.assertTrue(order.web_quote_request)
        self.assertEqual(order.state, "draft")
        deliveries = order.route_stop_ids.filtered(lambda s: s.kind == "delivery")
        self.assertEqual(
            deliveries.mapped("partner_id.name"), ["Aurora Store Espoo", "Aurora Wholesale Oy"]
        )
        goods = order.route_stop_ids.goods_ids
        self.assertEqual(
            {g.description: g.delivery_stop_id.partner_id.name for g in goods},
            {"Shelves": "Aurora Store Espoo", "Signs": "Aurora Wholesale Oy"},
        )

    def test_tour_many_to_one(self):
        self.start_tour(
            "/my/orders/new", "customer_portal_orders_wizard_many_to_one", login="boreal_user"
        )
        order = self._order("TOUR-NTO1")
        collections = order.route_stop_ids.filtered(lambda s: s.kind == "collection")
        self.assertEqual(len(collections), 2)
        self.assertEqual(collections[1].city, "Odense")
        self.assertEqual(collections[0].goods_ids.description, "Returns")
        self.assertEqual(collections[1].goods_ids.description, "Samples")
