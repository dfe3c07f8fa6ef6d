from odoo.exceptions import AccessError
from odoo.tests import TransactionCase

from .common import create_customer_company


class TestCompanyIsolation(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a, cls.user_a = create_customer_company(cls.env, "Isolation A", "iso_a")
        cls.company_b, cls.user_b = create_customer_company(cls.env, "Isolation B", "iso_b")
        cls.site_b = cls.env["res.partner"].create(
            {"name": "Isolation B Depot", "parent_id": cls.company_b.id, "type": "delivery"}
        )

    def test_portal_user_reads_own_company(self):
        company_a = self.company_a.with_user(self.user_a)
        self.assertEqual(company_a.name, "Isolation A")

    def test_portal_user_cannot_read_other_company(self):
        for record in (self.company_b, self.site_b, self.user_b.partner_id):
            with self.subTest(record=record.name), self.assertRaises(AccessError):
                record.with_user(self.user_a).read(["name"])

    def test_portal_user_cannot_find_other_company(self):
        found = (
            self.env["res.partner"].with_user(self.user_a).search([("name", "like", "Isolation")])
        )
        self.assertIn(self.company_a, found)
        self.assertNotIn(self.company_b, found)
        self.assertNotIn(self.site_b, found)

    def test_portal_user_cannot_write_own_company_through_orm(self):
        with self.assertRaises(AccessError):
            self.company_a.with_user(self.user_a).write({"name": "Renamed"})

    def test_extranet_role_defaults_to_member(self):
        self.assertEqual(self.user_a.partner_id.extranet_role, "member")
