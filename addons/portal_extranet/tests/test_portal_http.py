from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import create_customer_company


@tagged("post_install", "-at_install")
class TestPortalHttp(AccountTestInvoicingHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a, cls.user_a = create_customer_company(cls.env, "Http Alpha Oy", "http_a")
        cls.company_b, cls.user_b = create_customer_company(cls.env, "Http Bravo ApS", "http_b")
        cls.invoice_a = cls.init_invoice(
            "out_invoice", partner=cls.company_a, products=cls.product_a, post=True
        )
        cls.invoice_b = cls.init_invoice(
            "out_invoice", partner=cls.company_b, products=cls.product_a, post=True
        )
        cls.env.company.write(
            {
                "extranet_support_name": "Helpdesk Heidi",
                "extranet_support_email": "helpdesk@example.com",
                "extranet_support_phone": "+358 9 555 0100",
            }
        )

    def test_own_invoice_is_shown(self):
        self.authenticate("http_a", "http_a-pass")
        response = self.url_open(f"/my/invoices/{self.invoice_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice_a.name, response.text)

    def test_other_company_invoice_is_not_shown(self):
        self.authenticate("http_a", "http_a-pass")
        response = self.url_open(f"/my/invoices/{self.invoice_b.id}", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertTrue(response.headers["Location"].endswith("/my"))
        response = self.url_open(f"/my/invoices/{self.invoice_b.id}")
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.url.endswith("/my"))
        self.assertNotIn("Http Bravo", response.text)
        self.assertNotIn(self.invoice_b.name, response.text)

    def test_other_company_invoices_not_listed(self):
        self.authenticate("http_a", "http_a-pass")
        response = self.url_open("/my/invoices")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.invoice_a.name, response.text)
        self.assertNotIn(self.invoice_b.name, response.text)
        self.assertNotIn("Http Bravo", response.text)

    def test_support_contact_on_portal_home(self):
        self.authenticate("http_a", "http_a-pass")
        response = self.url_open("/my")
        self.assertEqual(response.status_code, 200)
        for text in ("Helpdesk Heidi", "helpdesk@example.com", "+358 9 555 0100"):
            self.assertIn(text, response.text)

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open(f"/my/invoices/{self.invoice_a.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("/web/login", response.url)
        self.assertNotIn(self.invoice_a.name, response.text)
        self.assertNotIn("Http Alpha", response.text)
