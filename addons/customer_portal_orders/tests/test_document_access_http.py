from odoo.exceptions import AccessError
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestDocumentAccessMatrix(HttpCase):
    """Quotes and orders over HTTP and through the ORM for every kind of visitor.

    The owner placed the documents; a colleague (member) and the company's
    manager see them because visibility is company-wide; a user of another
    company gets exactly what a missing document gives; anonymous visitors are
    sent to the login page.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Matrix Freight", "type": "service", "list_price": 10.0}
        )
        cls.company_a = cls._company("Matrix Alpha Oy")
        cls.owner = cls._user(cls.company_a, "mx_owner", "member")
        cls.colleague = cls._user(cls.company_a, "mx_colleague", "member")
        cls.manager = cls._user(cls.company_a, "mx_manager", "manager")
        cls.company_b = cls._company("Matrix Bravo ApS")
        cls.stranger = cls._user(cls.company_b, "mx_stranger", "manager")
        cls.quote_a = cls._order(cls.owner, "MXA-QUOTE", confirm=False)
        cls.order_a = cls._order(cls.owner, "MXA-ORDER", confirm=True)
        cls.quote_b = cls._order(cls.stranger, "MXB-QUOTE", confirm=False)
        cls.order_b = cls._order(cls.stranger, "MXB-ORDER", confirm=True)

    @classmethod
    def _company(cls, name):
        return cls.env["res.partner"].create({"name": name, "is_company": True})

    @classmethod
    def _user(cls, company, login, role):
        contact = cls.env["res.partner"].create(
            {
                "name": login.replace("_", " ").title(),
                "parent_id": company.id,
                "email": f"{login}@example.com",
                "extranet_role": role,
            }
        )
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=contact.id,
            password=f"{login}-pass",
        )

    @classmethod
    def _order(cls, user, reference, confirm):
        order = cls.env["sale.order"].create(
            {
                "partner_id": user.partner_id.id,
                "client_order_ref": reference,
                "order_line": [(0, 0, {"product_id": cls.product.id})],
            }
        )
        order.message_subscribe(partner_ids=user.partner_id.ids)
        if confirm:
            order.action_confirm()
        else:
            order.action_quotation_sent()
        return order

    def _get(self, url):
        return self.url_open(url, allow_redirects=True)

    def assertShows(self, user, url, *texts):
        self.authenticate(user.login, f"{user.login}-pass")
        response = self._get(url)
        self.assertEqual(response.status_code, 200, url)
        self.assertTrue(response.url.endswith(url), f"{url} redirected to {response.url}")
        for text in texts:
            self.assertIn(text, response.text, f"{text} missing on {url} for {user.login}")

    def assertLikeMissing(self, user, document):
        """Another company's document answers like an id that does not exist."""
        self.authenticate(user.login, f"{user.login}-pass")
        missing_id = self.env["sale.order"].search([], order="id desc", limit=1).id + 1000
        for record_id in (document.id, missing_id):
            response = self.url_open(f"/my/orders/{record_id}", allow_redirects=False)
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith("/my"))
        response = self._get(f"/my/orders/{document.id}")
        self.assertTrue(response.url.endswith("/my"))
        for text in (document.name, document.client_order_ref, document.partner_id.name):
            self.assertNotIn(text, response.text)

    def test_owner_colleague_and_manager_see_company_quotes(self):
        for user in (self.owner, self.colleague, self.manager):
            with self.subTest(user=user.login):
                self.assertShows(user, "/my/quotes", self.quote_a.name)
                self.assertShows(user, f"/my/orders/{self.quote_a.id}", "MXA-QUOTE")

    def test_owner_colleague_and_manager_see_company_orders(self):
        for user in (self.owner, self.colleague, self.manager):
            with self.subTest(user=user.login):
                self.assertShows(user, "/my/orders", self.order_a.name)
                self.assertShows(user, f"/my/orders/{self.order_a.id}", "MXA-ORDER")

    def test_lists_never_show_another_company(self):
        self.authenticate("mx_owner", "mx_owner-pass")
        for url in ("/my/quotes", "/my/orders", "/my"):
            response = self._get(url)
            for text in (self.quote_b.name, self.order_b.name, "Matrix Bravo"):
                self.assertNotIn(text, response.text, url)

    def test_other_company_documents_answer_like_missing(self):
        for document in (self.quote_b, self.order_b):
            with self.subTest(document=document.client_order_ref):
                self.assertLikeMissing(self.owner, document)

    def test_other_company_pdf_answers_like_missing(self):
        self.authenticate("mx_owner", "mx_owner-pass")
        response = self.url_open(
            f"/my/orders/{self.order_b.id}?report_type=pdf&download=true", allow_redirects=False
        )
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))

    def test_anonymous_is_sent_to_login(self):
        for url in ("/my/quotes", "/my/orders", f"/my/orders/{self.order_a.id}"):
            response = self._get(url)
            self.assertIn("/web/login", response.url, url)
            self.assertNotIn("MXA-ORDER", response.text)

    def test_orm_rules_are_company_wide(self):
        orders = self.env["sale.order"].with_user(self.colleague).search([])
        self.assertIn(self.order_a, orders)
        self.assertIn(self.quote_a, orders)
        self.assertNotIn(self.order_b, orders)
        with self.assertRaises(AccessError):
            self.order_b.with_user(self.colleague).read(["name"])
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.colleague).write({"client_order_ref": "changed"})

    def test_requests_sent_from_the_portal_are_listed_but_not_signable(self):
        request_a = self._order(self.owner, "MXA-REQUEST", confirm=False)
        request_a.write({"state": "draft", "web_origin": "portal", "require_signature": True})
        staff_draft = self._order(self.owner, "MXA-STAFF-DRAFT", confirm=False)
        staff_draft.state = "draft"
        self.assertFalse(request_a._has_to_be_signed())
        self.assertFalse(request_a._has_to_be_paid())
        self.assertShows(self.colleague, "/my/quotes", request_a.name)
        self.assertNotIn(staff_draft.name, self._get("/my/quotes").text)
        self.authenticate("mx_stranger", "mx_stranger-pass")
        self.assertNotIn(request_a.name, self._get("/my/quotes").text)
        request_a.action_quotation_sent()
        self.assertTrue(request_a._has_to_be_signed(), "once staff sent it, it can be accepted")
