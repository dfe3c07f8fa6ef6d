import base64
from datetime import datetime, timedelta

from odoo import fields
from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, new_test_user, tagged

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="
)


class OrderWizardCommon:
    """Two customer companies with portal users and sites, and helpers that fill
    a draft the way the wizard's steps do."""

    @classmethod
    def _setup_customers(cls):
        cls.env.company.portal_order_lead_hours = 2.0
        cls.country = cls.env.ref("base.fi")
        cls.company_a, cls.user_a, cls.site_a = cls._customer("Tern Cargo Oy", "wiz_a", "Tern Dock")
        cls.company_b, cls.user_b, cls.site_b = cls._customer(
            "Gull Freight Ab", "wiz_b", "Gull Pier"
        )
        cls.user_a.partner_id.extranet_role = "manager"
        cls.pallet = cls.env.ref("route_orders.packaging_pallet")

    @classmethod
    def _customer(cls, name, login, site_name):
        company = cls.env["res.partner"].create(
            {"name": name, "is_company": True, "country_id": cls.country.id}
        )
        contact = cls.env["res.partner"].create(
            {
                "name": f"{name} Buyer",
                "parent_id": company.id,
                "email": f"{login}@example.com",
                "phone": "+358 40 123 4567",
            }
        )
        site = cls.env["res.partner"].create(
            {
                "name": site_name,
                "parent_id": company.id,
                "type": "delivery",
                "street": "Satamakatu 1",
                "city": "Helsinki",
                "country_id": cls.country.id,
            }
        )
        user = new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=contact.id,
            password=f"{login}-pass",
            name=f"{name} Buyer",
            email=f"{login}@example.com",
            tz="Europe/Helsinki",
        )
        return company, user, site

    @staticmethod
    def _day(days=3):
        return fields.Date.to_string(fields.Date.today() + timedelta(days=days))

    def _stop_input(self, site_record, **overrides):
        values = {
            "site": str(site_record.id),
            "time_mode": "slot",
            "date": self._day(),
            "time_from": "08:00",
            "time_to": "12:00",
            "contact_name": "Dock master",
            "contact_phone": "040 765 4321",
            "contact_email": "dock@example.com",
        }
        values.update(overrides)
        return values

    def _new_address(self, **overrides):
        values = {
            "site": "new",
            "street": "Tehtaankatu 5",
            "city": "Espoo",
            "zip": "02100",
            "country_id": str(self.country.id),
            "time_mode": "asap",
            "contact_name": "Receiver",
            "contact_phone": "+358 50 111 2233",
        }
        values.update(overrides)
        return values

    def _fill(self, user, order_type="one_to_one", deliveries=1, collections=1, kind="order"):
        """A draft of ``user`` with every step filled; return it."""
        Draft = self.env["customer.portal.order.draft"].with_user(user)
        draft = Draft._start()
        self.assertFalse(draft._save_type(order_type))
        site = draft._get_sites()[-1]
        self.assertFalse(draft._save_stops("collection", [self._stop_input(site)] * collections))
        self.assertFalse(
            draft._save_stops(
                "delivery",
                [self._new_address(city=f"Espoo {n}") for n in range(deliveries)],
            )
        )
        rows = []
        for collection in draft._stops("collection"):
            for delivery in draft._stops("delivery") if order_type == "one_to_many" else [False]:
                rows.append(
                    {
                        "stop": str(collection.id),
                        "delivery": str(delivery.id) if delivery else "",
                        "description": "Steel coils",
                        "packaging_type_id": str(self.pallet.id),
                        "quantity": "2",
                        "weight": "800,5",
                        "length": "120",
                        "width": "80",
                        "height": "100",
                    }
                )
        self.assertFalse(draft._save_goods(rows))
        self.assertFalse(
            draft._save_final(
                {"request_kind": kind, "client_order_ref": f"PO-{user.login}", "note": "Fragile"}
            )
        )
        self.assertEqual(draft._first_incomplete_step(), "final")
        return draft


@tagged("post_install", "-at_install")
class TestOrderWizard(OrderWizardCommon, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._setup_customers()

    def test_one_to_one_order_is_confirmed_with_stops_goods_and_followers(self):
        draft = self._fill(self.user_a)
        self.assertEqual(draft.create_uid, self.user_a)
        order, problem = draft._submit()
        self.assertFalse(problem)
        self.assertEqual(order.state, "sale", "an order is confirmed at once")
        self.assertEqual(order.partner_id, self.company_a)
        self.assertEqual(order.web_origin, "portal")
        self.assertFalse(order.web_quote_request)
        self.assertEqual(order.client_order_ref, "PO-wiz_a")
        self.assertEqual(order.route_order_type, "one_to_one")
        self.assertEqual(order.route_stop_ids.mapped("kind"), ["collection", "delivery"])
        collection = order.route_stop_ids[0]
        self.assertEqual(collection.partner_id, self.site_a)
        self.assertEqual(collection.contact_phone, "+358 40 7654321")
        self.assertEqual((collection.time_from, collection.time_to), (8.0, 12.0))
        self.assertEqual(collection.tz, "Europe/Helsinki")
        self.assertEqual(order.route_stop_ids[1].city, "Espoo 0")
        self.assertEqual(collection.goods_ids.description, "Steel coils")
        self.assertEqual(collection.goods_ids.weight, 800.5)
        self.assertEqual(len(order.order_line.filtered("route_stop_id")), 2, "route line sync")
        self.assertIn(self.company_a, order.message_partner_ids)
        self.assertIn(self.user_a.partner_id, order.message_partner_ids)
        self.assertEqual(draft.state, "submitted")
        self.assertEqual(draft.sudo().order_id, order)
        # the customer sees the order in the portal (sale's rule goes through followers)
        self.assertEqual(order.with_user(self.user_a).read(["name"])[0]["name"], order.name)
        mail = self.env["mail.mail"].search(
            [("model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(mail.state, "outgoing", "queued, not sent inline")
        self.assertEqual(mail.recipient_ids, self.user_a.partner_id)
        self.assertIn(f"we received {order.name}", mail.subject)
        self.assertIn("we received your order", mail.body_html)
        self.assertNotIn(
            self.user_a.email, mail.email_from or "", "sent by us, not by the customer"
        )
        note = order.message_ids.filtered(lambda m: "Fragile" in m.body)
        self.assertIn("sent by Tern Cargo Oy Buyer in the customer portal", note.body)
        self.assertEqual(note.author_id, self.user_a.partner_id)

    def test_quote_request_stays_a_quotation_for_staff(self):
        order, _problem = self._fill(self.user_a, kind="quote")._submit()
        self.assertEqual(order.state, "draft")
        self.assertTrue(order.web_quote_request)
        mail = self.env["mail.mail"].search(
            [("model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertIn(f"we received {order.name}", mail.subject)
        self.assertIn("we received your quote request", mail.body_html)

    def test_one_to_many_maps_goods_to_deliveries(self):
        draft = self._fill(self.user_a, order_type="one_to_many", deliveries=2)
        order, _problem = draft._submit()
        deliveries = order.route_stop_ids.filtered(lambda s: s.kind == "delivery")
        self.assertEqual(len(deliveries), 2)
        self.assertEqual(order.route_stop_ids.goods_ids.delivery_stop_id, deliveries)
        self.assertEqual(deliveries.mapped("total_weight"), [800.5, 800.5])

    def test_one_to_many_refuses_unmapped_goods_and_empty_deliveries(self):
        draft = self._fill(self.user_a, order_type="one_to_many", deliveries=2)
        collection = draft._stops("collection")
        first = draft._stops("delivery")[0]
        row = {"stop": str(collection.id), "description": "Boxes", "quantity": "1"}
        errors = draft._save_goods([row])
        self.assertIn("delivery", errors[0])
        errors = draft._save_goods([dict(row, delivery=str(first.id))])
        self.assertIn("No goods go to", errors["common"])
        self.assertNotEqual(draft._first_incomplete_step(), "final")

    def test_many_to_one_has_several_collections(self):
        order, _problem = self._fill(self.user_a, order_type="many_to_one", collections=3)._submit()
        self.assertEqual(order.route_stop_ids.mapped("kind").count("collection"), 3)
        self.assertEqual(len(order.route_stop_ids.goods_ids), 3)

    def test_stop_count_follows_the_order_type(self):
        draft = self.env["customer.portal.order.draft"].with_user(self.user_a)._start()
        draft._save_type("one_to_one")
        errors = draft._save_stops("collection", [self._stop_input(self.site_a)] * 2)
        self.assertIn("common", errors)
        draft._save_type("many_to_one")
        self.assertFalse(draft._save_stops("collection", [self._stop_input(self.site_a)] * 2))
        draft._save_type("one_to_one")
        self.assertEqual(len(draft._stops("collection")), 1, "extra collections dropped")

    def test_stop_input_is_validated(self):
        draft = self.env["customer.portal.order.draft"].with_user(self.user_a)._start()
        draft._save_type("one_to_one")
        now = datetime(2030, 6, 3, 10, 0)  # 13:00 in Helsinki
        cases = [
            ({"date": "2030-06-02"}, "date"),  # yesterday
            ({"date": "2030-06-03", "time_from": "11:00", "time_to": "14:00"}, "date"),  # lead time
            ({"date": "2030-06-04", "time_from": "12:00", "time_to": "08:00"}, "time_to"),
            ({"date": "nonsense"}, "date"),
            ({"time_from": "25:00"}, "time_from"),
            ({"contact_phone": "12"}, "contact_phone"),
            ({"contact_email": "not-an-email"}, "contact_email"),
            ({"contact_name": ""}, "contact_name"),
            ({"site": str(self.site_b.id)}, "site"),  # another company's site
        ]
        for overrides, field in cases:
            raw = self._stop_input(self.site_a, **{"date": "2030-06-05", **overrides})
            errors = draft._save_stops("collection", [raw], now=now)
            self.assertIn(field, errors.get(0, {}), overrides)
        errors = draft._save_stops("collection", [self._new_address(city="")], now=now)
        self.assertIn("city", errors[0])
        self.assertFalse(draft.stop_ids, "nothing stored while there are errors")
        ok = self._stop_input(self.site_a, date="2030-06-03", time_from="15:00", time_to="17:00")
        self.assertFalse(draft._save_stops("collection", [ok], now=now))

    def test_contact_is_prefilled_from_the_user(self):
        draft = self.env["customer.portal.order.draft"].with_user(self.user_a)._start()
        block = draft._default_stop_input()
        self.assertEqual(block["contact_name"], "Tern Cargo Oy Buyer")
        self.assertEqual(block["contact_email"], "wiz_a@example.com")

    def test_one_open_draft_per_user_resumed(self):
        Draft = self.env["customer.portal.order.draft"].with_user(self.user_a)
        draft = Draft._start()
        self.assertEqual(Draft._start(), draft)
        self.assertEqual(Draft._get_open_draft(), draft)
        draft.action_discard()
        self.assertNotEqual(Draft._start(), draft)

    def test_double_submit_creates_one_order(self):
        draft = self._fill(self.user_a)
        order, _problem = draft._submit()
        again, problem = draft._submit()
        self.assertEqual(again, order)
        self.assertFalse(problem)
        orders = self.env["sale.order"].search([("client_order_ref", "=", "PO-wiz_a")])
        self.assertEqual(orders, order)

    def test_incomplete_draft_is_not_submitted(self):
        draft = self.env["customer.portal.order.draft"].with_user(self.user_a)._start()
        draft._save_type("one_to_one")
        order, problem = draft._submit()
        self.assertFalse(order)
        self.assertTrue(problem)
        self.assertEqual(draft.state, "open")

    def test_new_address_saved_as_site_when_allowed(self):
        draft = self._fill(self.user_a)
        delivery = dict(self._new_address(), save_as_site="1", site_name="Espoo depot")
        self.assertFalse(draft._save_stops("delivery", [delivery]))
        order, _problem = draft._submit()
        site = order.route_stop_ids[1].partner_id
        self.assertEqual(site.name, "Espoo depot")
        self.assertEqual(site.parent_id, self.company_a)
        self.assertEqual(site.type, "delivery")

    def test_member_cannot_save_sites(self):
        self.user_b.partner_id.extranet_role = "member"
        draft = self._fill(self.user_b)
        delivery = dict(self._new_address(), save_as_site="1", site_name="Nope")
        draft._save_stops("delivery", [delivery])
        order, _problem = draft._submit()
        self.assertFalse(order.route_stop_ids[1].partner_id, "a one-off address")
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Nope")]))

    def test_documents_are_checked_and_moved_to_the_order(self):
        self.env.company.write({"portal_order_max_files": 2, "portal_order_max_file_mb": 0.01})
        draft = self._fill(self.user_a)
        errors = draft._add_documents(
            [
                ("script.exe", b"MZ..."),
                ("fake.pdf", b"<html>not a pdf</html>"),
                ("big.pdf", PDF + b"0" * 20000),
                ("empty.csv", b""),
                ("delivery-note.pdf", PDF),
                ("photo.png", PNG),
                ("third.pdf", PDF),
            ]
        )
        self.assertEqual(len(errors), 5, errors)
        self.assertIn("not accepted", errors[0])
        self.assertIn("not a valid .pdf", errors[1])
        self.assertIn("too large", errors[2])
        self.assertIn("at most 2 documents", errors[4])
        attachments = draft.sudo().attachment_ids
        self.assertEqual(sorted(attachments.mapped("name")), ["delivery-note.pdf", "photo.png"])
        order, _problem = draft._submit()
        self.assertEqual(attachments.mapped("res_model"), ["sale.order"] * 2)
        self.assertEqual(set(attachments.mapped("res_id")), {order.id})
        message = order.message_ids.filtered("attachment_ids")
        self.assertEqual(message.attachment_ids, attachments)
        self.assertEqual(message.author_id, self.user_a.partner_id)

    def test_drafts_of_others_are_never_readable(self):
        draft_b = self._fill(self.user_b)
        Draft_a = self.env["customer.portal.order.draft"].with_user(self.user_a)
        self.assertFalse(Draft_a._get_for_user(draft_b.id))
        self.assertFalse(Draft_a.search([]))
        with self.assertRaises(AccessError):
            Draft_a.browse(draft_b.id).read(["client_order_ref"])
        with self.assertRaises(AccessError):
            Draft_a.browse(draft_b.id).write({"note": "hijack"})
        children = {
            "customer.portal.order.draft.stop": draft_b.sudo().stop_ids.ids,
            "customer.portal.order.draft.goods": draft_b.sudo().goods_ids.ids,
        }
        for model, ids in children.items():
            self.assertTrue(ids)
            self.assertFalse(self.env[model].with_user(self.user_a).search([]))
            with self.assertRaises(AccessError):
                self.env[model].with_user(self.user_a).browse(ids).read(["id"])
        # a colleague of the same company does not see it either
        colleague = new_test_user(
            self.env,
            login="wiz_b2",
            groups="base.group_portal",
            partner_id=self.env["res.partner"]
            .create({"name": "Colleague", "parent_id": self.company_b.id})
            .id,
        )
        self.assertFalse(
            self.env["customer.portal.order.draft"].with_user(colleague)._get_for_user(draft_b.id)
        )

    def test_document_of_another_draft_cannot_be_removed(self):
        draft_b = self._fill(self.user_b)
        draft_b._add_documents([("b.pdf", PDF)])
        attachment_b = draft_b.sudo().attachment_ids
        draft_a = self._fill(self.user_a)
        self.assertFalse(draft_a._remove_document(attachment_b.id))
        self.assertTrue(attachment_b.exists())
        with self.assertRaises(AccessError):
            attachment_b.with_user(self.user_a).read(["datas"])

    def test_user_may_order_for_the_accounts_staff_allowed(self):
        self.user_a.partner_id.portal_order_account_ids = self.company_b
        Draft = self.env["customer.portal.order.draft"].with_user(self.user_a)
        draft = Draft._start()
        self.assertIn("account", draft._get_steps())
        self.assertFalse(draft.partner_id, "the user chooses the account")
        stranger = self.env["res.partner"].create({"name": "Stranger AG", "is_company": True})
        self.assertIn("partner_id", draft._save_account(stranger.id))
        self.assertFalse(draft._save_account(self.company_b.id))
        self.assertEqual(draft._get_sites(), self.company_b | self.site_b)
        self.assertFalse(draft._can_save_sites(), "sites of other accounts stay with staff")
        draft.action_discard()
        self.user_a.partner_id.portal_order_account_ids = False
        self.assertNotIn("account", Draft._start()._get_steps())

    def test_order_for_another_account(self):
        self.user_a.partner_id.portal_order_account_ids = self.company_b
        draft = self.env["customer.portal.order.draft"].with_user(self.user_a)._start()
        draft._save_account(self.company_b.id)
        draft._save_type("one_to_one")
        draft._save_stops("collection", [self._stop_input(self.site_b)])
        draft._save_stops("delivery", [self._new_address()])
        draft._save_goods([{"description": "Crates", "quantity": "1"}])
        draft._save_final({"request_kind": "order"})
        order, problem = draft._submit()
        self.assertFalse(problem)
        self.assertEqual(order.partner_id, self.company_b)
        self.assertEqual(order.with_user(self.user_a).name, order.name)
