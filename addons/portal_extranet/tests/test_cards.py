from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import create_customer_company

# Queries of one /my/cards page, measured with 2 cards (must not grow with the number of cards)
CARDS_LIST_QUERIES = 19


@tagged("post_install", "-at_install")
class TestCards(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, loyalty_no_mail=True))
        Program = cls.env["loyalty.program"]
        cls.program_gift = Program.create({"name": "Cardtest Gift", "program_type": "gift_card"})
        cls.program_wallet = Program.create({"name": "Cardtest Wallet", "program_type": "ewallet"})
        cls.program_points = Program.create(
            {"name": "Cardtest Points", "program_type": "loyalty", "portal_point_name": "Stars"}
        )
        cls.company_a, cls.user_a = create_customer_company(cls.env, "Cardholder Oy", "cards_a")
        cls.colleague_a = cls.env["res.partner"].create(
            {"name": "Cardholder Colleague", "parent_id": cls.company_a.id}
        )
        cls.company_b, cls.user_b = create_customer_company(cls.env, "Othercard AB", "cards_b")

        Card = cls.env["loyalty.card"]
        cls.card_gift = Card.create(
            {
                "program_id": cls.program_gift.id,
                "partner_id": cls.company_a.id,
                "code": "GIFT-AAAA-1111",
                "points": 75,
            }
        )
        cls.card_wallet = Card.create(
            {
                "program_id": cls.program_wallet.id,
                "partner_id": cls.user_a.partner_id.id,
                "code": "WALL-AAAA-2222",
                "points": 420,
            }
        )
        cls.card_points = Card.create(
            {
                "program_id": cls.program_points.id,
                "partner_id": cls.colleague_a.id,
                "code": "PNTS-AAAA-3333",
                "points": 1234,
            }
        )
        cls.card_b = Card.create(
            {
                "program_id": cls.program_gift.id,
                "partner_id": cls.user_b.partner_id.id,
                "code": "GIFT-BBBB-9999",
                "points": 999,
            }
        )
        History = cls.env["loyalty.history"]
        History.create(
            [
                {"card_id": cls.card_wallet.id, "description": "Wallet top-up", "issued": 500},
                {"card_id": cls.card_wallet.id, "description": "Paid order S0042", "used": 80},
                {"card_id": cls.card_b.id, "description": "Secret B purchase", "used": 1},
            ]
        )

    def _login_a(self):
        self.authenticate("cards_a", "cards_a-pass")

    def test_list_shows_company_cards_of_every_type(self):
        self._login_a()
        response = self.url_open("/my/cards")
        self.assertEqual(response.status_code, 200)
        body = response.text
        for card_type in ("gift_card", "ewallet", "loyalty"):
            self.assertIn(f'data-card-type="{card_type}"', body)
        for label in ("Gift card", "E-wallet", "Loyalty card"):
            self.assertIn(label, body)
        # the colleague's loyalty card and the company's gift card, codes masked
        for card in (self.card_gift, self.card_wallet, self.card_points):
            self.assertIn(card.program_id.name, body)
            self.assertIn(card.code[-4:], body)
            self.assertNotIn(card.code, body)
        self.assertIn("1234", body)
        self.assertIn("Stars", body)
        # nothing of the other company
        self.assertNotIn("9999", body)
        self.assertNotIn(f"/my/cards/{self.card_b.id}", body)

    def test_list_filter_by_type(self):
        self._login_a()
        body = self.url_open("/my/cards?filterby=gift_card").text
        self.assertIn('data-card-type="gift_card"', body)
        self.assertNotIn('data-card-type="ewallet"', body)

    def test_detail_shows_balance_history_and_qr(self):
        self._login_a()
        response = self.url_open(f"/my/cards/{self.card_wallet.id}")
        self.assertEqual(response.status_code, 200)
        body = response.text
        self.assertIn(self.card_wallet.code, body)
        self.assertIn("420.00", body)
        self.assertIn("Wallet top-up", body)
        self.assertIn("Paid order S0042", body)
        self.assertIn("500.00", body)
        self.assertIn("80.00", body)
        qr_url = f"/report/barcode/QR/{self.card_wallet.code}?width=200&height=200"
        self.assertIn(qr_url.replace("&", "&amp;"), body)
        qr = self.url_open(qr_url)
        self.assertEqual(qr.status_code, 200)
        self.assertEqual(qr.headers["Content-Type"], "image/png")
        self.assertTrue(qr.content.startswith(b"\x89PNG"))

    def test_colleague_card_detail(self):
        self._login_a()
        response = self.url_open(f"/my/cards/{self.card_points.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.card_points.code, response.text)
        self.assertIn("1234 Stars", response.text)

    @mute_logger("odoo.http")
    def test_other_company_card_is_not_found(self):
        self._login_a()
        missing = self.url_open("/my/cards/999999999")
        response = self.url_open(f"/my/cards/{self.card_b.id}")
        self.assertEqual(response.status_code, 404)
        self.assertEqual(response.status_code, missing.status_code)
        for text in (self.card_b.code, "Secret B purchase", "999.00", "9999"):
            self.assertNotIn(text, response.text)
        # B's own user sees it
        self.authenticate("cards_b", "cards_b-pass")
        response = self.url_open(f"/my/cards/{self.card_b.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Secret B purchase", response.text)

    def test_anonymous_goes_to_login(self):
        for url in ("/my/cards", f"/my/cards/{self.card_gift.id}"):
            with self.subTest(url=url):
                response = self.url_open(url, allow_redirects=False)
                self.assertIn(response.status_code, (302, 303))
                self.assertIn("/web/login", response.headers["Location"])

    def test_record_rules(self):
        Card = self.env["loyalty.card"].with_user(self.user_a)
        self.assertEqual(Card.search([]), self.card_gift | self.card_wallet | self.card_points)
        self.assertEqual(self.card_points.with_user(self.user_a).code, "PNTS-AAAA-3333")
        with self.assertRaises(AccessError):
            self.card_b.with_user(self.user_a).read(["code"])
        with self.assertRaises(AccessError):
            self.card_b.history_ids.with_user(self.user_a).read(["description"])
        with self.assertRaises(AccessError):
            self.card_gift.with_user(self.user_a).write({"points": 1000})
        History = self.env["loyalty.history"].with_user(self.user_a)
        self.assertEqual(History.search([]), self.card_wallet.history_ids)

    def test_home_counter(self):
        self._login_a()
        values = self.make_jsonrpc_request("/my/counters", {"counters": ["card_count"]})
        self.assertEqual(values.get("card_count"), 3)
        self.assertIn('href="/my/cards"', self.url_open("/my").text)

    def test_demo_cards_of_company_a(self):
        company_a = self.env.ref("portal_extranet.partner_company_a")
        cards = self.env["loyalty.card"].search([("partner_id", "child_of", company_a.id)])
        self.assertEqual(set(cards.mapped("program_type")), {"gift_card", "ewallet", "loyalty"})
        self.assertTrue(all(card.history_ids for card in cards))

    @mute_logger("odoo.http")
    def test_switched_off_section(self):
        self._login_a()
        self.env.company.extranet_section_cards = False
        for url in ("/my/cards", f"/my/cards/{self.card_gift.id}", "/my/cards/page/2"):
            with self.subTest(url=url):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(self.card_gift.code, response.text)
        values = self.make_jsonrpc_request("/my/counters", {"counters": ["card_count"]})
        self.assertNotIn("card_count", values)
        self.assertNotIn('href="/my/cards"', self.url_open("/my").text)
        self.env.company.extranet_section_cards = True
        self.assertEqual(self.url_open("/my/cards").status_code, 200)

    def test_list_query_count_does_not_grow(self):
        company_c, _user_c = create_customer_company(self.env, "Querycard Oy", "cards_c")
        Card = self.env["loyalty.card"]
        programs = (self.program_gift, self.program_wallet, self.program_points)

        def add_cards(count, offset):
            Card.create(
                [
                    {
                        "program_id": programs[i % 3].id,
                        "partner_id": company_c.id,
                        "code": f"QC-{offset + i:04d}",
                        "points": 10 + i,
                    }
                    for i in range(count)
                ]
            )

        add_cards(2, 0)
        self.authenticate("cards_c", "cards_c-pass")
        self.assertEqual(self.url_open("/my/cards").status_code, 200)  # warm the caches
        with self.assertQueryCount(CARDS_LIST_QUERIES):
            self.assertEqual(self.url_open("/my/cards").text.count("o_extranet_card_row"), 2)
        add_cards(10, 2)
        self.assertEqual(self.url_open("/my/cards").status_code, 200)
        with self.assertQueryCount(CARDS_LIST_QUERIES):
            self.assertEqual(self.url_open("/my/cards").text.count("o_extranet_card_row"), 12)
