import odoo
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import create_customer_company


@tagged("post_install", "-at_install")
class TestMyDetailsAndPreferences(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company, cls.user = create_customer_company(cls.env, "Details Oy", "details_a")
        cls.partner = cls.user.partner_id
        cls.partner.write(
            {
                "street": "Aleksanterinkatu 1",
                "city": "Helsinki",
                "country_id": cls.env.ref("base.fi").id,
                "phone": "+358 9 1234567",
            }
        )
        cls.topic_status = cls.env.ref("portal_extranet.topic_order_status_email")
        cls.topic_newsletter = cls.env.ref("portal_extranet.topic_newsletter")

    def _post(self, url, data):
        return self.url_open(url, data={**data, "csrf_token": odoo.http.Request.csrf_token(self)})

    def _details(self, **overrides):
        data = {
            "name": self.partner.name,
            "email": "details_a@example.com",
            "phone": "+358 9 1234567",
            "street": "Aleksanterinkatu 1",
            "city": "Helsinki",
            "country_id": str(self.env.ref("base.fi").id),
        }
        data.update(overrides)
        return data

    def test_phone_is_validated_and_formatted(self):
        self.authenticate("details_a", "details_a-pass")
        response = self._post("/my/account", self._details(phone="040 765 4321"))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.partner.phone, "+358 40 7654321")

        response = self._post("/my/account", self._details(phone="12", city="Tampere"))
        self.assertIn("12 is not a valid phone number", response.text)
        self.assertIn('value="Tampere"', response.text, "the user's input is kept")
        self.assertEqual(self.partner.phone, "+358 40 7654321")
        self.assertEqual(self.partner.city, "Helsinki", "nothing was written")

    def test_language_can_be_chosen_among_installed(self):
        self.authenticate("details_a", "details_a-pass")
        response = self.url_open("/my/account")
        self.assertIn('name="lang"', response.text)
        self._post("/my/account", self._details(lang="en_US"))
        self.assertEqual(self.partner.lang, "en_US")
        response = self._post("/my/account", self._details(lang="xx_XX", city="Oulu"))
        self.assertIn("Choose one of the languages offered", response.text)
        self.assertEqual(self.partner.city, "Helsinki")

    def test_preferences_default_and_saved(self):
        self.assertTrue(self.partner._extranet_accepts("order_status_email"))
        self.assertFalse(self.partner._extranet_accepts("newsletter"))
        self.assertTrue(self.partner._extranet_accepts("unknown_topic"))

        self.authenticate("details_a", "details_a-pass")
        page = self.url_open("/my/preferences")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Order status e-mails", page.text)

        self._post("/my/preferences", {f"topic_{self.topic_newsletter.id}": "1"})
        self.assertFalse(self.partner._extranet_accepts("order_status_email"))
        self.assertTrue(self.partner._extranet_accepts("newsletter"))
        self.assertEqual(
            len(self.partner.extranet_preference_ids),
            self.env["portal.communication.topic"].search_count([]),
        )

    @mute_logger("odoo.http")  # the refused requests are logged as warnings
    def test_preferences_need_post_with_csrf(self):
        self.authenticate("details_a", "details_a-pass")
        response = self.url_open("/my/preferences", data={f"topic_{self.topic_newsletter.id}": "1"})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.partner._extranet_accepts("newsletter"))

    def test_forget_me_request_then_anonymise(self):
        invoice_partner = self.partner
        name_before = self.partner.display_name
        self.authenticate("details_a", "details_a-pass")
        self._post("/my/forget-me", {"reason": "Leaving the company"})
        self._post("/my/forget-me", {"reason": "Twice"})
        request = self.env["portal.forget.request"].search([("partner_id", "=", self.partner.id)])
        self.assertEqual(len(request), 1, "a second request does not duplicate the first")
        self.assertEqual(request.reason, "Leaving the company")
        self.assertIn("received your request", self.url_open("/my/preferences").text)

        request.action_approve()
        self.assertEqual(request.state, "done")
        self.assertEqual(request.handled_by_id, self.env.user)
        partner = invoice_partner.with_context(active_test=False)
        self.assertFalse(partner.active)
        self.assertFalse(partner.email or partner.phone or partner.street)
        self.assertTrue(partner.name.startswith("Anonymised contact"))
        self.assertFalse(self.user.active)
        self.assertEqual(request.partner_display, name_before)
