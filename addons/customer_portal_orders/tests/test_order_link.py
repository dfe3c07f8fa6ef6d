from psycopg2 import IntegrityError

from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .test_order_wizard_http import OrderWizardHttpCommon


@tagged("post_install", "-at_install")
class TestOrderLink(OrderWizardHttpCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customers()
        cls.link = cls.env["customer.portal.order.link"].create(
            {
                "name": "Book a pallet pick-up",
                "intro": "Welcome, pallet people",
                "allow_one_to_one": True,
                "allow_one_to_many": False,
                "allow_many_to_one": False,
                "default_goods_description": "EUR pallets",
                "default_packaging_type_id": cls.pallet.id,
            }
        )
        cls.url = f"/order-link/{cls.link.token}"

    def test_token_url_and_snippet(self):
        self.assertGreaterEqual(len(self.link.token), 43)
        other = self.link.copy()
        self.assertNotEqual(other.token, self.link.token)
        self.assertTrue(self.link.url.endswith(self.url))
        self.assertEqual(
            self.link.html_snippet, f'<a href="{self.link.url}">Book a pallet pick-up</a>'
        )
        self.assertEqual(self.link._allowed_order_types(), ["one_to_one"])
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            other.write({"allow_one_to_one": False})
            other.flush_recordset()

    def test_token_lookup(self):
        Link = self.env["customer.portal.order.link"]
        self.assertEqual(Link._get_by_token(self.link.token), self.link)
        for wrong in ("", self.link.token[:-1], self.link.token + "x", "x" * 500):
            self.assertFalse(Link._get_by_token(wrong))
        self.link.active = False
        self.assertFalse(Link._get_by_token(self.link.token))

    def test_unknown_revoked_and_regenerated_links_are_missing_pages(self):
        old_url = self.url
        self.link.action_regenerate_token()
        self.assertNotIn(old_url, self.link.url)
        for url in (old_url, "/order-link/nope"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 404)
            self.assertNotIn("Book a pallet", response.text)
        self.assertEqual(self.url_open(self.link.url).status_code, 200)
        self.link.active = False
        response = self.url_open(self.link.url)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Book a pallet", response.text)

    def test_anonymous_visitor_gets_login_and_account_request(self):
        response = self.url_open(self.url)
        self.assertEqual(response.status_code, 200)
        self.assertIn("Welcome, pallet people", response.text)
        self.assertIn('name="password"', response.text)
        self.assertIn(f'name="redirect" value="{self.url}"', response.text)
        self.assertIn("/portal/request-account", response.text)
        self.assertNotIn("o_order_link_start", response.text)
        self.link.show_login_form = False
        response = self.url_open(self.url)
        self.assertNotIn('name="password"', response.text)
        self.assertIn("/web/login?redirect=%2Forder-link%2F", response.text)
        # never an anonymous order
        self.authenticate(None, None)
        response = self._post(f"{self.url}/start")
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/login", response.headers["Location"])
        self.assertFalse(self.env["customer.portal.order.draft"].search([]))

    def test_customer_starts_a_draft_restricted_to_the_link(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        response = self.url_open(self.url)
        self.assertIn("o_order_link_start", response.text)
        self.assertFalse(self.env["customer.portal.order.draft"].search([]), "GET changes nothing")
        response = self._post(f"{self.url}/start")
        draft = self.env["customer.portal.order.draft"].search([("user_id", "=", self.user_a.id)])
        self.assertEqual(draft.link_id, self.link)
        self.link.invalidate_recordset()
        self.assertEqual(self.link.use_count, 1)
        self.assertTrue(response.headers["Location"].endswith(f"/my/orders/new/{draft.id}/type"))
        page = self.url_open(response.headers["Location"])
        self.assertIn('value="one_to_one"', page.text)
        self.assertNotIn('value="one_to_many"', page.text)
        self.assertIn("route_order_type", draft.with_user(self.user_a)._save_type("one_to_many"))
        # the same link again resumes the draft without counting it twice
        self._post(f"{self.url}/start")
        self.link.invalidate_recordset()
        self.assertEqual(self.link.use_count, 1)
        self.assertEqual(len(self.env["customer.portal.order.draft"].search([])), 1)

    def test_link_order_has_link_origin_and_default_goods(self):
        draft = (
            self.env["customer.portal.order.draft"].with_user(self.user_a)._start(link=self.link)
        )
        self.assertEqual(draft._default_goods_input()["description"], "EUR pallets")
        self.assertEqual(draft._default_goods_input()["packaging_type_id"], str(self.pallet.id))
        draft = self._fill(self.user_a)
        order, _problem = draft._submit()
        self.assertEqual(order.web_origin, "link")

    def test_start_without_csrf_is_refused(self):
        self.authenticate("wiz_a", "wiz_a-pass")
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"{self.url}/start", data={"start": "1"}, allow_redirects=False
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.env["customer.portal.order.draft"].search([]))
        self.assertEqual(self.link.use_count, 0)

    def test_link_of_another_company_is_missing(self):
        other_company = self.env["res.company"].create({"name": "Other Haulage"})
        link = self.env["customer.portal.order.link"].create(
            {"name": "Other link", "company_id": other_company.id}
        )
        self.authenticate("wiz_a", "wiz_a-pass")
        response = self.url_open(f"/order-link/{link.token}")
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("Other link", response.text)
        response = self._post(f"/order-link/{link.token}/start")
        self.assertEqual(response.status_code, 404)
        link.invalidate_recordset()
        self.assertEqual(link.use_count, 0)

    def test_links_are_staff_only(self):
        with self.assertRaises(AccessError):
            self.link.with_user(self.user_a).read(["token"])
        salesman = new_test_user(
            self.env, login="wiz_salesman", groups="sales_team.group_sale_salesman"
        )
        self.assertTrue(self.link.with_user(salesman).url)
        with self.assertRaises(AccessError):
            self.link.with_user(salesman).write({"name": "Changed"})
        other_company = self.env["res.company"].create({"name": "Elsewhere Oy"})
        hidden = self.env["customer.portal.order.link"].create(
            {"name": "Elsewhere", "company_id": other_company.id}
        )
        self.assertNotIn(
            hidden, self.env["customer.portal.order.link"].with_user(salesman).search([])
        )
