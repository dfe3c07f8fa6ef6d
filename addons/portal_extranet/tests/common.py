import odoo
from odoo.tests import HttpCase, new_test_user


def create_customer_company(env, name, login):
    """Create a customer company with one portal user; return (company, user)."""
    company = env["res.partner"].create({"name": name, "is_company": True})
    contact = env["res.partner"].create(
        {"name": f"{name} Buyer", "parent_id": company.id, "email": f"{login}@example.com"}
    )
    user = new_test_user(
        env,
        login=login,
        groups="base.group_portal",
        partner_id=contact.id,
        password=f"{login}-pass",
    )
    return company, user


class SelfServiceCase(HttpCase):
    """Two customer companies: A with a manager, a member and a site; B with a manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        fi = cls.env.ref("base.fi")
        cls.company_a = Partner.create(
            {"name": "Selfie Oy", "is_company": True, "country_id": fi.id, "city": "Turku"}
        )
        cls.company_b = Partner.create({"name": "Othello ApS", "is_company": True})
        cls.manager = cls._portal_user("self_mgr", cls.company_a, "manager")
        cls.member = cls._portal_user("self_mbr", cls.company_a, "member")
        cls.other = cls._portal_user("self_oth", cls.company_b, "manager")
        cls.site_a = Partner.create(
            {
                "name": "Selfie Depot",
                "parent_id": cls.company_a.id,
                "type": "delivery",
                "street": "Satama 1",
                "zip": "20100",
                "city": "Turku",
                "country_id": fi.id,
            }
        )
        cls.site_b = Partner.create(
            {
                "name": "Othello Lager",
                "parent_id": cls.company_b.id,
                "type": "delivery",
                "street": "Havnegade 1",
                "city": "Odense",
            }
        )
        cls.colleague_b = cls.other.partner_id
        cls.fi = fi

    @classmethod
    def _portal_user(cls, login, company, role):
        contact = cls.env["res.partner"].create(
            {
                "name": f"{login} person",
                "parent_id": company.id,
                "extranet_role": role,
                "email": f"{login}@example.com",
            }
        )
        return new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=contact.id,
            password=f"{login}-pass",
            name=f"{login} person",
        )

    def _login(self, user):
        self.authenticate(user.login, f"{user.login}-pass")

    def _post(self, url, data=None):
        payload = {**(data or {}), "csrf_token": odoo.http.Request.csrf_token(self)}
        return self.url_open(url, data=payload)

    def _site_form(self, **overrides):
        data = {
            "name": "New Hub",
            "type": "delivery",
            "street": "Tehtaankatu 5",
            "zip": "20200",
            "city": "Turku",
            "country_id": str(self.fi.id),
            "phone": "02 123 4567",
        }
        data.update(overrides)
        return data
