from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SelfServiceCase


@tagged("post_install", "-at_install")
class TestRouteMatrix(SelfServiceCase):
    """Every extranet route against every kind of visitor.

    Anonymous visitors are sent to the login page; another company's ids answer
    exactly like ids that do not exist; a member is refused what only a manager
    may do; and a refused request changes nothing.
    """

    def _reading_urls(self):
        return [
            "/my/company",
            "/my/sites",
            f"/my/sites/{self.site_a.id}",
            "/my/sites/new",
            "/my/contacts",
            f"/my/contacts/{self.member.partner_id.id}",
            "/my/contacts/new",
            "/my/preferences",
            "/my/cards",
        ]

    def _changing_urls(self, site, contact):
        return [
            ("/my/company", {"name": "Changed", "city": "Changed"}),
            ("/my/sites/new", self._site_form(name="Changed")),
            (f"/my/sites/{site.id}", self._site_form(name="Changed")),
            (f"/my/sites/{site.id}/archive", {}),
            ("/my/contacts/new", {"name": "Changed", "email": "changed@example.com"}),
            (f"/my/contacts/{contact.id}", {"name": "Changed", "email": "changed@example.com"}),
            (f"/my/contacts/{contact.id}/archive", {}),
            (f"/my/contacts/{contact.id}/access", {"grant": "1"}),
            ("/my/preferences", {}),
            ("/my/forget-me", {"reason": "Changed"}),
        ]

    def _snapshot(self):
        partners = self.company_a | self.site_a | self.member.partner_id | self.company_b
        partners |= self.site_b | self.colleague_b
        return {
            "partners": partners.with_context(active_test=False).read(
                ["name", "city", "active", "extranet_role"]
            ),
            "count": self.env["res.partner"].with_context(active_test=False).search_count([]),
            "users": self.env["res.users"].with_context(active_test=False).search_count([]),
            "forget": self.env["portal.forget.request"].search_count([]),
        }

    def test_anonymous_reads_are_sent_to_login(self):
        for url in self._reading_urls():
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 200)
                self.assertIn("/web/login", response.url)
                for text in ("Selfie", "self_mbr"):
                    self.assertNotIn(text, response.text)

    @mute_logger("odoo.http")
    def test_anonymous_changes_nothing(self):
        self.authenticate(None, None)  # an anonymous session, with a valid CSRF token
        before = self._snapshot()
        for url, data in self._changing_urls(self.site_a, self.member.partner_id):
            with self.subTest(url=url):
                response = self._post(url, data)
                self.assertNotEqual(response.status_code, 500)
                self.assertTrue(
                    "/web/login" in response.url or response.status_code in (400, 403, 404)
                )
        self.assertEqual(self._snapshot(), before)

    @mute_logger("odoo.http")
    def test_other_company_ids_answer_like_missing_ids(self):
        self._login(self.other)
        before = self._snapshot()
        missing_id = self.env["res.partner"].search([], order="id desc", limit=1).id + 1000
        missing = self.env["res.partner"].browse(missing_id)
        for record in (self.site_a, self.member.partner_id, self.company_a):
            for (url, data), (missing_url, _data) in zip(
                self._changing_urls(record, record),
                self._changing_urls(missing, missing),
                strict=True,
            ):
                if str(record.id) not in url:
                    continue
                with self.subTest(url=url):
                    response = self._post(url, data)
                    expected = self._post(missing_url, data)
                    self.assertEqual(response.status_code, expected.status_code)
                    self.assertEqual(response.status_code, 404)
                    self.assertNotIn("Selfie", response.text)
            for url in (f"/my/sites/{record.id}", f"/my/contacts/{record.id}"):
                with self.subTest(url=url):
                    response = self.url_open(url)
                    expected = self.url_open(url.replace(str(record.id), str(missing_id)))
                    self.assertEqual(response.status_code, expected.status_code)
                    self.assertNotIn("Selfie", response.text)
                    self.assertNotIn("self_mbr", response.text)
        self.assertEqual(self._snapshot(), before)

    @mute_logger("odoo.http")
    def test_member_is_refused_manager_actions(self):
        self._login(self.member)
        before = self._snapshot()
        manager_only = [
            (url, data)
            for url, data in self._changing_urls(self.site_a, self.manager.partner_id)
            if url not in ("/my/preferences", "/my/forget-me")
        ]
        for url, data in manager_only:
            with self.subTest(url=url):
                response = self._post(url, data)
                self.assertIn(response.status_code, (403, 404))
        self.assertEqual(self._snapshot(), before)
        self.assertEqual(self.manager.partner_id.extranet_role, "manager")
        self.assertTrue(self.manager.active)

    def test_owner_and_colleague_read_every_page(self):
        for user in (self.manager, self.member):
            self._login(user)
            for url in self._reading_urls():
                if user == self.member and url.endswith("/new"):
                    continue
                with self.subTest(user=user.login, url=url):
                    response = self.url_open(url)
                    self.assertEqual(response.status_code, 200)
                    self.assertNotIn("/web/login", response.url)
                    self.assertNotIn("Othello", response.text)
