from odoo.tests import HttpCase, new_test_user, tagged
from odoo.tools import mute_logger

from .common import SelfServiceCase


@tagged("post_install", "-at_install")
class TestSelfService(SelfServiceCase):
    # Sites -------------------------------------------------------------
    def test_sites_list_shows_only_own_company(self):
        for user in (self.manager, self.member):
            self._login(user)
            response = self.url_open("/my/sites")
            self.assertEqual(response.status_code, 200)
            self.assertIn("Selfie Depot", response.text)
            self.assertNotIn("Othello", response.text)

    def test_other_company_site_answers_like_missing(self):
        self._login(self.manager)
        missing = self.url_open("/my/sites/999999999")
        for url in (
            f"/my/sites/{self.site_b.id}",
            f"/my/sites/{self.colleague_b.id}",
            f"/my/sites/{self.company_b.id}",
        ):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, missing.status_code)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("Othello", response.text)
        response = self._post(f"/my/sites/{self.site_b.id}", self._site_form(name="Hijacked"))
        self.assertEqual(response.status_code, 404)
        response = self._post(f"/my/sites/{self.site_b.id}/archive")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(self.site_b.name, "Othello Lager")
        self.assertTrue(self.site_b.active)

    def test_manager_adds_edits_and_removes_a_site(self):
        self._login(self.manager)
        response = self._post("/my/sites/new", self._site_form())
        site = self.env["res.partner"].search([("name", "=", "New Hub")])
        self.assertEqual(site.parent_id, self.company_a)
        self.assertEqual(site.type, "delivery")
        self.assertEqual(site.phone, "+358 2 1234567")
        self.assertTrue(response.url.endswith(f"/my/sites/{site.id}?saved=1"))
        self.assertIn("New Hub added", self.company_a.message_ids[0].body)

        self._post(f"/my/sites/{site.id}", self._site_form(city="Naantali"))
        self.assertEqual(site.city, "Naantali")
        self._post(f"/my/sites/{site.id}/archive")
        self.assertFalse(site.active)

    def test_site_form_errors_keep_input_and_write_nothing(self):
        self._login(self.manager)
        response = self._post(
            f"/my/sites/{self.site_a.id}", self._site_form(city="", street="Uusi katu 9", phone="1")
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("This field is required", response.text)
        self.assertIn("Enter a valid phone number", response.text)
        self.assertIn('value="Uusi katu 9"', response.text)
        self.assertEqual(self.site_a.street, "Satama 1")

    def test_forms_write_only_whitelisted_fields(self):
        self._login(self.manager)
        pricelist = self.env["product.pricelist"].create({"name": "Sneaky"})
        admin_group = self.env.ref("base.group_system")
        self._post(
            f"/my/sites/{self.site_a.id}",
            self._site_form(
                parent_id=str(self.company_b.id),
                user_ids=str(self.env.ref("base.user_admin").id),
                groups_id=str(admin_group.id),
                company_id="999",
                is_company="1",
                property_product_pricelist=str(pricelist.id),
            ),
        )
        self.assertEqual(self.site_a.parent_id, self.company_a)
        self.assertFalse(self.site_a.is_company)
        self.assertFalse(self.site_a.user_ids)
        self.assertFalse(self.site_a.specific_property_product_pricelist)
        self.assertNotIn(admin_group, self.manager.groups_id)

    def test_member_cannot_change_sites(self):
        self._login(self.member)
        self.assertEqual(self.url_open(f"/my/sites/{self.site_a.id}").status_code, 200)
        self.assertEqual(self._post("/my/sites/new", self._site_form()).status_code, 404)
        response = self._post(f"/my/sites/{self.site_a.id}", self._site_form(name="Renamed"))
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self._post(f"/my/sites/{self.site_a.id}/archive").status_code, 403)
        self.assertEqual(self.site_a.name, "Selfie Depot")
        self.assertTrue(self.site_a.active)

    def test_company_rights_switch_off_adding(self):
        self.env.company.extranet_sites_can_add = False
        self._login(self.manager)
        self.assertNotIn("/my/sites/new", self.url_open("/my/sites").text)
        self.assertEqual(self._post("/my/sites/new", self._site_form()).status_code, 404)

    @mute_logger("odoo.http")  # the refused requests are logged as warnings
    def test_state_changes_need_post_with_csrf(self):
        self._login(self.manager)
        response = self.url_open(f"/my/sites/{self.site_a.id}/archive")
        self.assertEqual(response.status_code, 405)
        response = self.url_open(
            f"/my/sites/{self.site_a.id}", data=self._site_form(name="No token")
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.site_a.name, "Selfie Depot")

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open(f"/my/sites/{self.site_a.id}")
        self.assertIn("/web/login", response.url)
        self.assertNotIn("Selfie Depot", response.text)

    def test_field_settings_hide_and_require(self):
        self.env["portal.extranet.field"].create(
            [
                {"section": "site", "field_name": "phone", "shown": False},
                {"section": "site", "field_name": "email", "required": True},
            ]
        )
        self._login(self.manager)
        page = self.url_open(f"/my/sites/{self.site_a.id}").text
        self.assertNotIn('name="phone"', page)
        response = self._post(f"/my/sites/{self.site_a.id}", self._site_form(email=""))
        self.assertIn("This field is required", response.text)
        self._post(
            f"/my/sites/{self.site_a.id}",
            self._site_form(phone="040 111 2222", email="depot@example.com"),
        )
        self.assertFalse(self.site_a.phone, "a hidden field is never written")
        self.assertEqual(self.site_a.email, "depot@example.com")

    def test_tour_manager_adds_a_site_and_a_contact(self):
        self.start_tour("/my", "portal_extranet_manager_site_contact", login="self_mgr")
        site = self.env["res.partner"].search([("name", "=", "Tour Terminal")])
        self.assertEqual(site.parent_id, self.company_a)
        self.assertEqual(site.country_id, self.fi)
        contact = self.env["res.partner"].search([("email", "=", "tiina.tour@example.com")])
        self.assertEqual(contact.parent_id, self.company_a)
        self.assertEqual(contact.type, "contact")

    # Contacts ----------------------------------------------------------
    def test_contacts_list_with_access_status(self):
        self._login(self.member)
        response = self.url_open("/my/contacts")
        self.assertEqual(response.status_code, 200)
        self.assertIn("self_mgr person", response.text)
        self.assertNotIn("self_oth", response.text)
        self.assertNotIn("Selfie Depot", response.text, "sites are not contacts")

    def test_manager_invites_and_revokes_a_colleague(self):
        self.env.ref("portal.mail_template_data_portal_welcome").auto_delete = False
        self._login(self.manager)
        self._post(
            "/my/contacts/new",
            {"name": "Ville Virtanen", "email": "ville@example.com", "extranet_role": "member"},
        )
        ville = self.env["res.partner"].search([("email", "=", "ville@example.com")])
        self.assertEqual(ville.parent_id, self.company_a)
        self._post(f"/my/contacts/{ville.id}/access", {"grant": "1"})
        user = ville.user_ids
        self.assertTrue(user._is_portal())
        invitation = self.env["mail.mail"].search([("email_to", "ilike", "ville@example.com")])
        self.assertTrue(invitation, "the invitation e-mail is queued")
        # the invitation carries a signup link to pick a password, never a password
        self.assertIn("token=", invitation.body_html)
        self.assertEqual(ville.signup_type, "signup")
        self._post(f"/my/contacts/{ville.id}/access")
        self.assertFalse(user.active)

    def test_manager_sets_a_colleague_role_but_member_cannot(self):
        self._login(self.member)
        response = self._post(
            f"/my/contacts/{self.manager.partner_id.id}",
            {"name": "self_mgr person", "email": "self_mgr@example.com", "extranet_role": "member"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(
            self._post(f"/my/contacts/{self.manager.partner_id.id}/access").status_code, 403
        )
        self.assertEqual(self.manager.partner_id.extranet_role, "manager")

        self._login(self.manager)
        self._post(
            f"/my/contacts/{self.member.partner_id.id}",
            {
                "name": "self_mbr person",
                "email": "self_mbr@example.com",
                "extranet_role": "manager",
            },
        )
        self.assertEqual(self.member.partner_id.extranet_role, "manager")

    def test_other_company_contact_answers_like_missing(self):
        self._login(self.manager)
        for url in (f"/my/contacts/{self.colleague_b.id}", f"/my/contacts/{self.site_a.id}"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn("self_oth", response.text)
        self.assertEqual(self._post(f"/my/contacts/{self.colleague_b.id}/access").status_code, 404)
        self.assertTrue(self.other.active)

    # Company -------------------------------------------------------------
    def test_manager_edits_company_data_logged_in_chatter(self):
        self._login(self.manager)
        self._post(
            "/my/company",
            {
                "name": "Selfie Oy",
                "street": "Linnankatu 2",
                "zip": "20100",
                "city": "Turku",
                "country_id": str(self.fi.id),
            },
        )
        self.assertEqual(self.company_a.street, "Linnankatu 2")
        logged = self.company_a.message_ids.filtered(lambda m: "Linnankatu 2" in (m.body or ""))
        self.assertEqual(len(logged), 1)
        self.assertIn("self_mgr person", logged.body)

    def test_member_cannot_edit_company_data(self):
        self._login(self.member)
        page = self.url_open("/my/company")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Only your company's managers", page.text)
        response = self._post("/my/company", {"name": "Taken Over", "city": "Turku"})
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.company_a.name, "Selfie Oy")


@tagged("post_install", "-at_install")
class TestSelfServiceQueries(HttpCase):
    """List pages run a number of queries that does not grow with the records."""

    def _company_with(self, login, count):
        company = self.env["res.partner"].create({"name": f"Q {login}", "is_company": True})
        self.env["res.partner"].create(
            [
                {"name": f"Site {i}", "parent_id": company.id, "type": "delivery", "city": "X"}
                for i in range(count)
            ]
            + [
                {"name": f"Person {i}", "parent_id": company.id, "email": f"p{i}@example.com"}
                for i in range(count)
            ]
        )
        contact = self.env["res.partner"].create(
            {"name": f"{login} user", "parent_id": company.id, "extranet_role": "manager"}
        )
        new_test_user(
            self.env,
            login=login,
            groups="base.group_portal",
            partner_id=contact.id,
            password=f"{login}-pass",
        )

    def _warm(self, login, url):
        self.authenticate(login, f"{login}-pass")
        self.assertEqual(self.url_open(url).status_code, 200)  # fill caches

    def _count(self, login, url):
        self._warm(login, url)
        before = self.cr.sql_log_count
        self.url_open(url)
        return self.cr.sql_log_count - before

    def test_list_queries_do_not_grow_with_records(self):
        self._company_with("q_small", 2)
        self._company_with("q_large", 30)
        for url in ("/my/sites", "/my/contacts"):
            with self.subTest(url=url):
                queries_for_two = self._count("q_small", url)
                self.assertGreater(queries_for_two, 5, "the request's queries are counted")
                self._warm("q_large", url)
                with self.assertQueryCount(queries_for_two):
                    self.url_open(url)
