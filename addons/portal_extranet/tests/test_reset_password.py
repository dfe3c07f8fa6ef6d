from odoo.tests import HttpCase, tagged

from .common import create_customer_company


@tagged("post_install", "-at_install")
class TestResetPassword(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].set_param("auth_signup.reset_password", "True")
        cls.company, cls.user = create_customer_company(cls.env, "Reset Oy", "reset_a")

    def _request_reset(self, login):
        page = self.url_open("/web/reset_password")
        self.assertEqual(page.status_code, 200)
        csrf = page.text.split('name="csrf_token" value="')[1].split('"')[0]
        return self.url_open("/web/reset_password", data={"login": login, "csrf_token": csrf})

    def _reset_link_prepared(self):
        # Odoo sends the reset mail at once and deletes it (auto_delete): what stays
        # is the partner's signup type, set to "reset" when the link is made.
        return self.user.partner_id.signup_type == "reset"

    def test_same_answer_whether_or_not_the_account_exists(self):
        known = self._request_reset("reset_a")
        unknown = self._request_reset("nobody@example.com")
        self.assertEqual(known.status_code, unknown.status_code)
        for response in (known, unknown):
            self.assertIn("If an account exists for this login", response.text)
            self.assertNotIn("No account found", response.text)
        self.assertTrue(self._reset_link_prepared(), "the known account gets a reset link")

    def test_requests_are_rate_limited_per_client(self):
        for _attempt in range(5):
            response = self._request_reset("nobody@example.com")
            self.assertIn("If an account exists for this login", response.text)
        response = self._request_reset("reset_a")
        self.assertIn("Too many requests", response.text)
        self.assertFalse(self._reset_link_prepared(), "no link is sent while limited")
