import re
from unittest.mock import patch

from lxml import html

from odoo import fields
from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingHttpCommon
from odoo.addons.portal.controllers.portal import CustomerPortal

from .common import create_customer_company

OUR_FILTERS = {
    "extranet_outgoing",
    "extranet_incoming",
    "payment_not_paid",
    "payment_partial",
    "payment_overdue",
    "payment_in_payment",
    "payment_paid",
}
PAST = fields.Date.from_string("2019-01-01")


def listed_ids(response):
    """Ids of the documents in the list's rows (not in the search bar or elsewhere)."""
    tree = html.fromstring(response.text)
    ids = set()
    for href in tree.xpath("//table//tbody//tr/td[1]/a/@href"):
        match = re.match(r"^/my/invoices/(\d+)\?", href)
        if match:
            ids.add(int(match.group(1)))
    return ids


def row_badges(response):
    """{invoice id: payment status key of its badge} for the list's rows."""
    tree = html.fromstring(response.text)
    badges = {}
    for row in tree.xpath("//table//tbody//tr"):
        href = row.xpath("./td[1]/a/@href")
        if not href:
            continue
        invoice_id = int(re.match(r"^/my/invoices/(\d+)\?", href[0]).group(1))
        status = row.xpath(".//td[@name='extranet_payment_status']/span/@data-payment-status")
        badges[invoice_id] = status[0] if status else None
    return badges


@tagged("post_install", "-at_install")
class TestInvoiceList(AccountTestInvoicingHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.company_a, cls.user_a = create_customer_company(cls.env, "Inv Alpha Oy", "inv_a")
        cls.company_b, cls.user_b = create_customer_company(cls.env, "Inv Bravo ApS", "inv_b")
        (cls.company_a | cls.company_b).property_payment_term_id = cls.pay_terms_a

        def invoice(move_type, partner, invoice_date=today):
            return cls.init_invoice(
                move_type,
                partner=partner,
                invoice_date=invoice_date,
                products=cls.product_a,
                post=True,
            )

        cls.open_invoice = invoice("out_invoice", cls.company_a)
        cls.credit_note = invoice("out_refund", cls.company_a)
        cls.paid_invoice = invoice("out_invoice", cls.company_a)
        cls.partial_invoice = invoice("out_invoice", cls.company_a)
        cls.overdue_invoice = invoice("out_invoice", cls.company_a, invoice_date=PAST)
        cls.their_bill = invoice("in_invoice", cls.company_a)
        cls.register_payment(cls.paid_invoice)
        cls.register_payment(cls.partial_invoice, amount=cls.partial_invoice.amount_total / 2)
        cls.docs_a = (
            cls.open_invoice
            | cls.credit_note
            | cls.paid_invoice
            | cls.partial_invoice
            | cls.overdue_invoice
            | cls.their_bill
        )

        cls.docs_b = (
            invoice("out_invoice", cls.company_b)
            | invoice("out_refund", cls.company_b)
            | invoice("out_invoice", cls.company_b, invoice_date=PAST)
            | invoice("in_invoice", cls.company_b)
        )
        paid_b = invoice("out_invoice", cls.company_b)
        cls.register_payment(paid_b)
        cls.docs_b |= paid_b

    @classmethod
    def register_payment(cls, invoice, amount=None):
        vals = {"amount": amount} if amount else {}
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create(vals)._create_payments()

    def _list(self, filterby=None, login="inv_a"):
        self.authenticate(login, f"{login}-pass")
        url = f"/my/invoices?filterby={filterby}" if filterby else "/my/invoices"
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response

    def test_fixture_payment_states(self):
        """The documents really have the payment states the other tests rely on."""
        self.assertEqual(self.paid_invoice.payment_state, "paid")
        self.assertEqual(self.partial_invoice.payment_state, "partial")
        self.assertEqual(self.overdue_invoice.payment_state, "not_paid")
        self.assertLess(self.overdue_invoice.invoice_date_due, fields.Date.today())
        self.assertEqual(self.open_invoice.invoice_date_due, fields.Date.today())

    def test_direction_filters(self):
        outgoing = self.docs_a - self.their_bill
        self.assertEqual(listed_ids(self._list("extranet_outgoing")), set(outgoing.ids))
        self.assertEqual(listed_ids(self._list("extranet_incoming")), set(self.their_bill.ids))
        self.assertEqual(listed_ids(self._list()), set(self.docs_a.ids))

    def test_payment_status_filters(self):
        expected = {
            "payment_not_paid": self.open_invoice | self.credit_note | self.their_bill,
            "payment_partial": self.partial_invoice,
            "payment_overdue": self.overdue_invoice,
            "payment_paid": self.paid_invoice,
            "payment_in_payment": self.env["account.move"],
        }
        for filterby, moves in expected.items():
            with self.subTest(filterby=filterby):
                self.assertEqual(listed_ids(self._list(filterby)), set(moves.ids))

    def test_filter_survives_paging(self):
        not_paid = self.open_invoice | self.credit_note | self.their_bill
        with patch.object(CustomerPortal, "_items_per_page", 1):
            response = self._list("payment_not_paid")
            next_page = re.search(r'href="(/my/invoices/page/2\?[^"]*)"', response.text)
            self.assertTrue(next_page, "a pager is shown")
            url = html.fromstring(f'<a href="{next_page.group(1)}"/>').get("href")
            self.assertIn("filterby=payment_not_paid", url)
            second = listed_ids(self.url_open(url))
        self.assertEqual(len(second), 1)
        self.assertLessEqual(second, set(not_paid.ids))
        # an unknown filter falls back to "all" instead of an error page
        self.assertEqual(listed_ids(self._list("no_such_filter")), set(self.docs_a.ids))

    def test_status_badges_in_list(self):
        response = self._list()
        self.assertEqual(
            row_badges(response),
            {
                self.open_invoice.id: "not_paid",
                self.credit_note.id: "not_paid",
                self.their_bill.id: "not_paid",
                self.paid_invoice.id: "paid",
                self.partial_invoice.id: "partial",
                self.overdue_invoice.id: "overdue",
            },
        )
        for label in ("Not paid", "Partially paid", "Overdue", "Paid"):
            self.assertIn(label, response.text)
        self.assertIn(">Payment</th>", response.text)

    def test_status_badge_on_invoice_page(self):
        self.authenticate("inv_a", "inv_a-pass")
        for invoice, status in (
            (self.overdue_invoice, "overdue"),
            (self.partial_invoice, "partial"),
            (self.open_invoice, "not_paid"),
        ):
            with self.subTest(status=status):
                response = self.url_open(f"/my/invoices/{invoice.id}")
                self.assertEqual(response.status_code, 200)
                self.assertIn(f'data-payment-status="{status}"', response.text)
        response = self.url_open(f"/my/invoices/{self.paid_invoice.id}")
        self.assertIn("Paid", response.text)
        # account_payment (auto-installed) shows its own "Paid" badge: ours is not repeated
        ours = 'data-payment-status="paid"' in response.text
        self.assertEqual(ours, "transaction_ids" not in self.paid_invoice)

    def test_other_company_in_no_filter(self):
        response = self._list()
        filters = set(re.findall(r"filterby=(\w+)", response.text))
        self.assertLessEqual(OUR_FILTERS | {"all", "invoices", "bills"}, filters)
        self.assertTrue(self.docs_b)
        for filterby in sorted(filters):
            with self.subTest(filterby=filterby):
                response = self._list(filterby)
                ids = listed_ids(response)
                self.assertLessEqual(ids, set(self.docs_a.ids))
                self.assertFalse(ids & set(self.docs_b.ids))
                self.assertNotIn("Inv Bravo", response.text)
        # company B's own user does see them: the filters are not simply empty
        self.assertEqual(listed_ids(self._list(login="inv_b")), set(self.docs_b.ids))


@tagged("post_install", "-at_install")
class TestInvoiceListQueries(AccountTestInvoicingHttpCommon):
    def _customer_with_invoices(self, login, count):
        company, _user = create_customer_company(self.env, f"Q {login}", login)
        company.property_payment_term_id = self.pay_terms_a
        for _i in range(count):
            self.init_invoice(
                "out_invoice",
                partner=company,
                invoice_date=PAST,
                products=self.product_a,
                post=True,
            )

    def _count(self, login, url):
        self.authenticate(login, f"{login}-pass")
        # fill caches, create the access tokens; a user's first requests run one-off queries
        for _i in range(2):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before, response

    def test_filtered_list_queries_do_not_grow(self):
        self._customer_with_invoices("inv_q_small", 2)
        self._customer_with_invoices("inv_q_large", 12)
        for url in (
            "/my/invoices?filterby=payment_overdue",
            "/my/invoices?filterby=extranet_outgoing",
        ):
            with self.subTest(url=url):
                queries_for_two, response = self._count("inv_q_small", url)
                self.assertEqual(len(listed_ids(response)), 2)
                self.assertGreater(queries_for_two, 5, "the request's queries are counted")
                self.authenticate("inv_q_large", "inv_q_large-pass")
                self.assertEqual(len(listed_ids(self.url_open(url))), 12)  # warm up
                self.url_open(url)  # a user's first requests run a few one-off queries
                with self.assertQueryCount(queries_for_two):
                    self.url_open(url)
