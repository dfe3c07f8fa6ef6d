from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon

from .common import create_customer_company


@tagged("post_install", "-at_install")
class TestExtranetSections(AccountTestInvoicingHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a, cls.user_a = create_customer_company(cls.env, "Section Oy", "section_a")
        cls.invoice = cls.init_invoice(
            "out_invoice", partner=cls.company_a, products=cls.product_a, post=True
        )
        cls.env.company.write(
            {
                "extranet_name": "Section Extranet",
                "extranet_support_name": "Section Support",
                "extranet_support_email": "section-help@example.com",
                "extranet_support_phone": "+358 9 555 0199",
            }
        )

    def _counters(self):
        return self.make_jsonrpc_request(
            "/my/counters", {"counters": ["invoice_count", "overdue_invoice_count"]}
        )

    def test_switched_off_section_answers_like_missing_page(self):
        self.authenticate("section_a", "section_a-pass")
        self.assertEqual(self.url_open("/my/invoices").status_code, 200)
        self.assertEqual(self._counters().get("invoice_count"), 1)

        self.env.company.extranet_section_invoices = False
        for url in ("/my/invoices", f"/my/invoices/{self.invoice.id}", "/my/invoices/page/2"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(self.invoice.name, response.text)
        self.assertNotIn("invoice_count", self._counters())
        # other sections are untouched
        self.assertEqual(self.url_open("/my/account").status_code, 200)

        self.env.company.extranet_section_invoices = True
        self.assertEqual(self.url_open("/my/invoices").status_code, 200)

    def test_missing_page_is_the_same_as_an_unknown_route(self):
        self.authenticate("section_a", "section_a-pass")
        self.env.company.extranet_section_invoices = False
        disabled = self.url_open("/my/invoices")
        unknown = self.url_open("/my/no-such-section")
        self.assertEqual(disabled.status_code, unknown.status_code)

    def test_staff_still_reach_switched_off_sections(self):
        self.env.company.extranet_section_invoices = False
        self.authenticate("admin", "admin")
        self.assertEqual(self.url_open("/my/invoices").status_code, 200)

    def test_support_contact_on_every_portal_page(self):
        self.authenticate("section_a", "section_a-pass")
        for url in ("/my/invoices", f"/my/invoices/{self.invoice.id}"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                for text in ("Section Support", "section-help@example.com", "+358 9 555 0199"):
                    self.assertIn(text, response.text)
