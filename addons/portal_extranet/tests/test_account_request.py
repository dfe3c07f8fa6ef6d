from urllib.parse import urlsplit

import odoo
from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestAccountRequest(HttpCase):
    def setUp(self):
        super().setUp()
        self.authenticate(None, None)  # a visitor's session, for its CSRF token
        self.earlier_requests = self.env["portal.account.request"].search([])  # demo data

    def _form(self, **overrides):
        data = {
            "company_name": "Request Oy",
            "vat": "FI11223344",
            "contact_name": "Riikka Request",
            "email": "riikka@request.example.com",
            "phone": "+358 40 123 4567",
            "message": "Please open an account.",
        }
        data.update(overrides)
        return data

    def _post(self, data):
        return self.url_open(
            "/portal/request-account",
            data={**data, "csrf_token": odoo.http.Request.csrf_token(self)},
        )

    def _requests(self):
        """The requests this test made."""
        return self.env["portal.account.request"].search(
            [("id", "not in", self.earlier_requests.ids)]
        )

    def test_request_is_received_and_phone_formatted(self):
        page = self.url_open("/portal/request-account")
        self.assertEqual(page.status_code, 200)
        response = self._post(self._form())
        self.assertIn("We received your request", response.text)
        request = self._requests()
        self.assertEqual(len(request), 1)
        self.assertEqual(request.company_name, "Request Oy")
        self.assertEqual(request.phone, "+358 40 1234567")
        self.assertEqual(request.state, "new")

    def test_errors_keep_the_input_and_create_nothing(self):
        response = self._post(self._form(email="not-an-email", company_name=""))
        self.assertIn("Enter a valid e-mail", response.text)
        self.assertIn("This field is required", response.text)
        self.assertIn('value="Riikka Request"', response.text)
        self.assertFalse(self._requests())

    def test_honeypot_gets_the_same_answer_and_creates_nothing(self):
        response = self._post(self._form(website_url="http://spam.example.com"))
        self.assertIn("We received your request", response.text)
        self.assertFalse(self._requests())

    def test_requests_are_rate_limited_per_client(self):
        for index in range(3):
            self._post(self._form(email=f"r{index}@request.example.com"))
        response = self._post(self._form(email="r9@request.example.com"))
        self.assertIn("Too many requests", response.text)
        self.assertEqual(len(self._requests()), 3)

    def test_existing_account_gets_the_same_answer(self):
        new_test_user(self.env, login="taken@request.example.com", groups="base.group_portal")
        taken = self._post(self._form(email="taken@request.example.com"))
        fresh = self._post(self._form(email="fresh@request.example.com"))
        self.assertEqual(taken.status_code, fresh.status_code)
        for response in (taken, fresh):
            self.assertIn("We received your request", response.text)
            self.assertNotIn("already", response.text.lower())

    def test_approval_creates_company_contact_and_invitation(self):
        self.env.ref("portal.mail_template_data_portal_welcome").auto_delete = False
        self._post(self._form())
        request = self._requests()
        request.action_approve()
        self.assertEqual(request.state, "approved")
        company, contact = request.partner_id, request.contact_id
        self.assertTrue(company.is_company)
        self.assertEqual(company.vat, "FI11223344")
        self.assertEqual(contact.parent_id, company)
        self.assertEqual(contact.extranet_role, "manager")
        self.assertTrue(contact.user_ids._is_portal())
        invitation = self.env["mail.mail"].search(
            [("email_to", "ilike", "riikka@request.example.com")]
        )
        self.assertEqual(len(invitation), 1)
        self.assertIn("token=", invitation.body_html, "a link to choose the password")

    def test_approval_links_an_existing_company_by_vat(self):
        existing = self.env["res.partner"].create(
            {"name": "Request Oy (old name)", "vat": "FI11223344", "is_company": True}
        )
        self._post(self._form())
        request = self._requests()
        request.action_approve()
        self.assertEqual(request.partner_id, existing)

    def test_rejection_sends_a_polite_email(self):
        self._post(self._form())
        request = self._requests()
        request.action_reject()
        self.assertEqual(request.state, "rejected")
        mail = self.env["mail.mail"].search([("email_to", "ilike", "riikka@request.example.com")])
        self.assertEqual(len(mail), 1)
        self.assertIn("Thank you for your interest", mail.body_html)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Request Oy")]))

    def test_tour_request_approval_and_first_login(self):
        self.start_tour("/web/login", "portal_extranet_request_account")
        request = self._requests()
        self.assertEqual(request.email, "terhi@tour-trading.example.com")
        request.action_approve()
        contact = request.contact_id
        signup_url = contact._get_signup_url_for_action()[contact.id]
        parts = urlsplit(signup_url)
        self.start_tour(f"{parts.path}?{parts.query}", "portal_extranet_first_login")
        self.assertTrue(contact.user_ids.login_date, "the new customer logged in")
