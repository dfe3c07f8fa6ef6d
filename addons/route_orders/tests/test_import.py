import base64
import os
import tempfile

from odoo.tests import TransactionCase, tagged
from odoo.tools import file_open

ORDER_REFS = ["IMP-PLAIN-1", "IMP-ROUTE-1", "IMP-SHARED-1"]


def fixture(name):
    with file_open(f"route_orders/tests/data/{name}", "rb") as handle:
        return handle.read()


@tagged("post_install", "-at_install")
class TestRouteOrderImport(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        finland = cls.env.ref("base.fi")
        cls.customer = Partner.create(
            {
                "name": "Import Test Customer",
                "is_company": True,
                "ref": "IMPTEST-1",
                "vat": "FI12345678",
                "country_id": finland.id,
            }
        )
        cls.buyer = Partner.create(
            {"name": "Import Buyer", "parent_id": cls.customer.id, "email": "buyer@imptest.example"}
        )
        cls.warehouse = Partner.create(
            {
                "parent_id": cls.customer.id,
                "type": "delivery",
                "ref": "IMP-WH",
                "street": "Satamakatu 2",
                "zip": "00160",
                "city": "Helsinki",
            }
        )
        cls.shop = Partner.create(
            {
                "parent_id": cls.customer.id,
                "type": "delivery",
                "street": "Testikatu  1",
                "zip": "00100",
                "city": "HELSINKI",
            }
        )
        cls.other_customer = Partner.create(
            {"name": "Other Import Customer", "is_company": True, "ref": "IMPTEST-2"}
        )
        Product = cls.env["product.product"]
        cls.desk = Product.create(
            {"name": "Import desk", "default_code": "IMP-DESK", "list_price": 100.0, "weight": 20}
        )
        cls.chair = Product.create(
            {"name": "Import chair", "default_code": "IMP-CHAIR", "list_price": 50.0}
        )
        cls.route = cls.env["route.route"].create({"name": "Import route", "code": "IMPR"})
        cls.Import = cls.env["route.order.import"]

    def _import(self, content, filename="orders.csv", **kwargs):
        return self.Import.import_file(content, filename, **kwargs)

    def _orders(self, refs=None):
        return self.env["sale.order"].search(
            [("client_order_ref", "in", refs or ORDER_REFS)], order="client_order_ref"
        )

    def _partner_count(self):
        return self.env["res.partner"].with_context(active_test=False).search_count([])

    def _assert_imported(self, result):
        self.assertEqual(result["errors"], [])
        self.assertEqual(len(result["created"]), 3)
        plain, route, shared = (self._orders([ref]) for ref in ORDER_REFS)
        self.assertEqual(set(result["created"]), set((plain | route | shared).ids))
        # plain order: lines by internal reference, given price or the list price
        self.assertEqual(plain.partner_id, self.customer)
        self.assertEqual(plain.route_order_type, "plain")
        self.assertEqual(plain.state, "draft")
        desk_line = plain.order_line.filtered(lambda line: line.product_id == self.desk)
        chair_line = plain.order_line.filtered(lambda line: line.product_id == self.chair)
        self.assertEqual((desk_line.product_uom_qty, desk_line.price_unit), (2.0, 199.5))
        self.assertEqual((chair_line.product_uom_qty, chair_line.price_unit), (4.0, 50.0))
        self.assertEqual(chair_line.name, "Chair black")
        # route order: matched by VAT; sites by reference, by address, or created
        self.assertEqual(route.partner_id, self.customer)
        self.assertEqual(route.route_order_type, "one_to_many")
        collection, delivery_a, delivery_b = route.route_stop_ids.sorted("sequence")
        self.assertEqual(collection.kind, "collection")
        self.assertEqual(collection.partner_id, self.warehouse)
        self.assertEqual(collection.time_mode, "slot")
        self.assertEqual(str(collection.date), "2030-05-06")
        self.assertEqual((collection.time_from, collection.time_to), (8.0, 10.5))
        self.assertEqual(collection.tz, "Europe/Helsinki")
        self.assertEqual(collection.contact_name, "Liisa Laine")
        self.assertEqual(collection.contact_phone, "+358 40 1234567")
        self.assertEqual(collection.instructions, "Dock 3")
        self.assertEqual(delivery_a.partner_id, self.shop)
        self.assertEqual(delivery_a.contact_email, "shop@example.com")
        new_site = delivery_b.partner_id
        self.assertEqual(new_site.parent_id, self.customer)
        self.assertEqual(new_site.type, "delivery")
        self.assertEqual(
            (new_site.street, new_site.zip, new_site.city, new_site.country_id.code),
            ("Warehouse road 5", "02100", "Espoo", "FI"),
        )
        fish, envelope = collection.goods_ids.sorted("sequence")
        self.assertEqual(fish.description, "Frozen fish")
        self.assertEqual(fish.packaging_type_id, self.env.ref("route_orders.packaging_pallet"))
        self.assertEqual((fish.quantity, fish.weight, fish.length), (2.0, 640.0, 120.0))
        self.assertEqual(fish.delivery_stop_id, delivery_a)
        self.assertEqual(envelope.description, "Envelope")
        self.assertEqual(envelope.delivery_stop_id, delivery_b)
        # one priced line per stop
        self.assertEqual(len(route.order_line), 3)
        self.assertEqual(route.order_line.route_stop_id, route.route_stop_ids)
        # shared order: matched by the buyer's e-mail
        self.assertEqual(shared.partner_id, self.buyer)
        self.assertEqual((shared.route_transport, shared.route_id), ("shared", self.route))
        self.assertEqual(str(shared.route_date), "2030-05-07")
        goods = shared.route_stop_ids.goods_ids
        self.assertEqual((goods.product_id, goods.quantity, goods.weight), (self.desk, 3.0, 60.0))
        self.assertEqual(shared.route_stop_ids.sorted("sequence")[1].partner_id, self.shop)
        for order in plain | route | shared:
            self.assertIn(self.customer, order.message_partner_ids)
        self.assertEqual(result["sites_created"], 1)

    def test_csv_happy_path(self):
        self._assert_imported(self._import(fixture("orders.csv")))

    def test_xml_happy_path(self):
        self._assert_imported(self._import(fixture("orders.xml"), "orders.xml"))

    def test_dry_run_creates_nothing(self):
        partners = self._partner_count()
        result = self._import(fixture("orders.csv"), dry_run=True)
        self.assertEqual(result["errors"], [])
        self.assertEqual(result["order_count"], 3)
        self.assertEqual(result["sites_created"], 1)
        self.assertFalse(self._orders())
        self.assertEqual(self._partner_count(), partners)

    def test_bad_last_row_creates_nothing(self):
        content = (
            fixture("orders.csv")
            + b"IMP-PLAIN-2,IMPTEST-1,plain,,,,IMP-DESK,many"
            + (b"," * 26)
            + b"\n"
        )
        partners = self._partner_count()
        result = self._import(content)
        self.assertEqual(result["created"], [])
        self.assertEqual(len(result["errors"]), 1, result["errors"])
        error = result["errors"][0]
        self.assertEqual((error["row"], error["field"]), (10, "quantity"))
        self.assertIn("many", error["message"])
        self.assertIn("Row 10, quantity", self.Import.format_error(error))
        self.assertFalse(self._orders())
        self.assertEqual(self._partner_count(), partners, "no address may be created")

    def test_all_errors_are_collected(self):
        content = (
            b"order_ref,customer,order_type,product,quantity,stop,stop_kind,site,packaging,"
            b"goods_description\n"
            b"E-1,IMPTEST-1,plain,NOPE,1,,,,,\n"
            b"E-2,NOBODY,plain,IMP-DESK,1,,,,,\n"
            b"E-3,IMPTEST-1,one_to_one,,,1,collection,NOSITE,BOX,Box\n"
            b"E-3,IMPTEST-1,,,,2,delivery,IMP-WH,,\n"
        )
        result = self._import(content, allow_create_sites=False)
        found = {(error["row"], error["field"]) for error in result["errors"]}
        self.assertEqual(found, {(2, "product"), (3, "customer"), (4, "site"), (4, "packaging")})
        self.assertFalse(self._orders(["E-1", "E-2", "E-3"]))

    def test_unknown_address_without_site_creation(self):
        result = self._import(fixture("orders.csv"), allow_create_sites=False)
        self.assertEqual(
            [(error["row"], error["field"]) for error in result["errors"]], [(7, "street")]
        )
        self.assertIn("Warehouse road 5", result["errors"][0]["message"])
        self.assertFalse(self._orders())

    def test_reimport_creates_no_duplicates(self):
        first = self._import(fixture("orders.csv"))
        self.assertEqual(len(first["created"]), 3)
        partners = self._partner_count()
        second = self._import(fixture("orders.xml"), "orders.xml")
        self.assertEqual(second["errors"], [])
        self.assertEqual(second["created"], [])
        self.assertEqual(sorted(skip["ref"] for skip in second["skipped"]), ORDER_REFS)
        self.assertEqual(len(self._orders()), 3)
        self.assertEqual(self._partner_count(), partners)

    def test_same_reference_of_another_customer_is_not_a_duplicate(self):
        self._import(fixture("orders.csv"))
        content = b"order_ref,customer,product,quantity\nIMP-PLAIN-1,IMPTEST-2,IMP-DESK,1\n"
        result = self._import(content)
        self.assertEqual(result["errors"], [])
        self.assertEqual(len(result["created"]), 1)
        self.assertEqual(
            self._orders(["IMP-PLAIN-1"]).partner_id, self.customer | self.other_customer
        )

    def test_late_orm_failure_rolls_everything_back(self):
        # passes validation, fails in create: the stop lines need a service product
        self.env.company.route_collection_product_id = False
        partners = self._partner_count()
        result = self._import(fixture("orders.csv"))
        self.assertEqual(result["created"], [])
        self.assertEqual(len(result["errors"]), 1)
        self.assertIn("Nothing was imported", result["errors"][0]["message"])
        self.assertFalse(self._orders())
        self.assertEqual(self._partner_count(), partners, "the new address is rolled back")

    def test_xxe_is_refused(self):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as secret:
            secret.write("TOP-SECRET-VALUE")
        self.addCleanup(os.unlink, secret.name)
        content = (
            f'<?xml version="1.0"?>\n<!DOCTYPE orders [<!ENTITY xxe SYSTEM "file://{secret.name}">]>'
            '<orders><order ref="&xxe;" customer="IMPTEST-1">'
            '<line product="IMP-DESK" quantity="1"/></order></orders>'
        ).encode()
        result = self._import(content, "evil.xml")
        self.assertEqual(result["created"], [])
        self.assertEqual(len(result["errors"]), 1)
        self.assertIn("DOCTYPE", result["errors"][0]["message"])
        self.assertNotIn("TOP-SECRET", str(result))
        self.assertFalse(
            self.env["sale.order"].search([("client_order_ref", "like", "TOP-SECRET")])
        )

    def test_billion_laughs_is_refused(self):
        entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
        content = (
            f'<?xml version="1.0"?><!DOCTYPE orders [<!ENTITY lol0 "lol">{entities}]>'
            '<orders><order ref="&lol9;" customer="IMPTEST-1">'
            '<line product="IMP-DESK" quantity="1"/></order></orders>'
        ).encode()
        result = self._import(content, "laughs.xml")
        self.assertEqual(result["created"], [])
        self.assertEqual(len(result["errors"]), 1)
        self.assertIn("DOCTYPE", result["errors"][0]["message"])
        self.assertLess(len(str(result)), 2000, "no entity was expanded")

    def test_xml_schema_errors_name_the_element(self):
        content = (
            b'<orders><order ref="X-1" customer="IMPTEST-1"><line product="IMP-DESK" quantity="1"/>'
            b'</order><order ref="X-2" customer="IMPTEST-1" type="one_to_one">'
            b'<stop id="1" kind="pickup"/></order></orders>'
        )
        result = self._import(content, "orders.xml")
        self.assertEqual(result["created"], [])
        self.assertEqual(len(result["errors"]), 1, result["errors"])
        self.assertTrue(result["errors"][0]["path"].startswith("/orders/order[2]/stop"))
        self.assertFalse(self._orders(["X-1", "X-2"]))

    def test_latin1_file(self):
        content = (
            "order_ref,customer,order_type,stop,stop_kind,street,zip,city\n"
            "L-1,IMPTEST-1,one_to_one,1,collection,Äyritie 8,01510,Vantaa\n"
            "L-1,IMPTEST-1,,2,delivery,Testikatu 1,00100,Helsinki\n"
        ).encode("latin-1")
        result = self._import(content)
        self.assertEqual(result["errors"], [])
        stop = self._orders(["L-1"]).route_stop_ids.sorted("sequence")[0]
        self.assertEqual(stop.partner_id.street, "Äyritie 8")

    def test_semicolon_delimiter_and_decimal_comma(self):
        content = "order_ref;customer;product;quantity;price\nS-1;IMPTEST-1;IMP-DESK;1,5;12,50\n"
        result = self._import(content.encode())
        self.assertEqual(result["errors"], [])
        line = self._orders(["S-1"]).order_line
        self.assertEqual((line.product_uom_qty, line.price_unit), (1.5, 12.5))

    def test_utf8_bom(self):
        content = "\ufefforder_ref,customer,product,quantity\nB-1,IMPTEST-1,IMP-DESK,1\n"
        result = self._import(content.encode("utf-8"))
        self.assertEqual(result["errors"], [])
        self.assertEqual(len(self._orders(["B-1"])), 1)

    def test_size_limit(self):
        self.env["ir.config_parameter"].sudo().set_param("route_orders.import_max_bytes", "100")
        result = self._import(fixture("orders.csv"))
        self.assertEqual(result["created"], [])
        self.assertEqual(len(result["errors"]), 1)
        self.assertIn("too large", result["errors"][0]["message"])
        self.assertFalse(self._orders())

    def test_customer_scoped_import_refuses_other_customers(self):
        content = (
            b"order_ref,customer,product,quantity\n"
            b"C-1,,IMP-DESK,1\n"
            b"C-2,IMPTEST-1,IMP-DESK,1\n"
            b"C-3,IMPTEST-2,IMP-DESK,1\n"
        )
        result = self._import(content, customer=self.buyer)
        self.assertEqual([(e["row"], e["field"]) for e in result["errors"]], [(4, "customer")])
        self.assertIn("Import Test Customer", result["errors"][0]["message"])
        self.assertFalse(self._orders(["C-1", "C-2", "C-3"]))
        result = self._import(content.rsplit(b"C-3", 1)[0], customer=self.buyer)
        self.assertEqual(result["errors"], [])
        orders = self._orders(["C-1", "C-2"])
        self.assertEqual(orders.partner_id, self.buyer | self.customer)
        self.assertIn(self.customer, orders[0].message_partner_ids)

    def test_order_type_rules(self):
        content = (
            b"order_ref,customer,order_type,stop,stop_kind,site\n"
            b"T-1,IMPTEST-1,one_to_one,1,collection,IMP-WH\n"
        )
        result = self._import(content)
        self.assertEqual([(e["row"], e["field"]) for e in result["errors"]], [(2, "order_type")])

    def test_wizard_validate_then_import(self):
        wizard = self.env["route.order.import.wizard"].create(
            {"file": base64.b64encode(fixture("orders.xml")), "filename": "orders.xml"}
        )
        wizard.action_validate()
        self.assertEqual(wizard.state, "validated")
        self.assertIn("3 order(s) to import", wizard.result_html)
        self.assertFalse(self._orders())
        wizard.action_import()
        self.assertEqual(wizard.state, "done")
        self.assertEqual(wizard.order_ids, self._orders())
        self.assertEqual(len(wizard.order_ids), 3)
        self.assertEqual(
            wizard.action_view_orders()["domain"], [("id", "in", wizard.order_ids.ids)]
        )

    def test_wizard_lists_every_error(self):
        content = (
            b"order_ref,customer,product,quantity\nW-1,IMPTEST-1,NOPE,1\nW-2,IMPTEST-1,IMP-DESK,x\n"
        )
        wizard = self.env["route.order.import.wizard"].create(
            {"file": base64.b64encode(content), "filename": "orders.csv"}
        )
        wizard.action_import()
        self.assertEqual(wizard.state, "upload")
        self.assertEqual(wizard.error_count, 2)
        self.assertIn("Row 2, product", wizard.result_html)
        self.assertIn("Row 3, quantity", wizard.result_html)
        self.assertFalse(wizard.order_ids)

    # ------------------------------------------------------------------
    # Analytic distribution of the stop lines, SQL queries per order
    # ------------------------------------------------------------------
    def _route_csv(self, prefix, count):
        """``count`` one_to_many orders: a collection with goods and two deliveries."""
        rows = [
            "order_ref,customer,order_type,stop,stop_kind,site,street,zip,city,"
            "goods_description,packaging,goods_quantity,weight,deliver_to"
        ]
        for number in range(count):
            ref = f"{prefix}-{number}"
            rows += [
                f"{ref},IMPTEST-1,one_to_many,1,collection,IMP-WH,,,,Pallet,PAL,2,300,2",
                f"{ref},IMPTEST-1,,1,,,,,,Parcel,PARCEL,1,5,3",
                f"{ref},IMPTEST-1,,2,delivery,,Testikatu 1,00100,Helsinki,,,,,",
                f"{ref},IMPTEST-1,,3,delivery,IMP-WH,,,,,,,,",
            ]
        return "\n".join(rows).encode() + b"\n"

    def test_analytic_distribution_models_apply_to_imported_lines(self):
        Plan = self.env["account.analytic.plan"]
        Account = self.env["account.analytic.account"]
        Model = self.env["account.analytic.distribution.model"]
        customers_plan, products_plan = Plan.create([{"name": "Customers"}, {"name": "Products"}])
        by_tag = Account.create({"name": "Key accounts", "plan_id": customers_plan.id})
        by_product = Account.create({"name": "Deliveries", "plan_id": products_plan.id})
        tag = self.env["res.partner.category"].create({"name": "Key account"})
        self.customer.category_id = tag
        Model.create(
            {"partner_category_id": tag.id, "analytic_distribution": {str(by_tag.id): 100}}
        )
        Model.create(
            {
                "product_id": self.env.company.route_delivery_product_id.id,
                "analytic_distribution": {str(by_product.id): 100},
            }
        )
        result = self._import(self._route_csv("ANA", 2))
        self.assertEqual(result["errors"], [])
        lines = self.env["sale.order"].browse(result["created"]).order_line
        self.assertEqual(len(lines), 6)
        for line in lines:
            expected = {str(by_tag.id): 100.0}
            if line.route_stop_id.kind == "delivery":
                expected[str(by_product.id)] = 100.0
            self.assertEqual(line.analytic_distribution, expected)
        # the same as sale's own compute gives for these lines
        for line in lines:
            computed = self.env["sale.order.line"].new(
                {"order_id": line.order_id.id, "product_id": line.product_id.id}
            )
            computed._compute_analytic_distribution()
            self.assertEqual(computed.analytic_distribution, line.analytic_distribution)
        # a customer without distribution models gets none
        self.customer.category_id = False
        result = self._import(self._route_csv("ANB", 1))
        lines = self.env["sale.order"].browse(result["created"]).order_line
        self.assertEqual(
            [line.analytic_distribution for line in lines.sorted("sequence")],
            [False, {str(by_product.id): 100.0}, {str(by_product.id): 100.0}],
        )

    def test_queries_per_order_are_bounded(self):
        def import_queries(prefix, count):
            content = self._route_csv(prefix, count)
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            result = self._import(content)
            self.env.flush_all()
            queries = self.cr.sql_log_count - before
            self.assertEqual((result["errors"], len(result["created"])), ([], count))
            return queries

        import_queries("WARM", 1)  # caches of the first import
        small = import_queries("SMALL", 5)
        large = import_queries("LARGE", 10)
        # the file's fixed cost (lookups, one insert per table) is paid by both imports
        per_order = (large - small) / 5
        self.assertLessEqual(per_order, 10, f"{per_order} SQL queries per imported order")
        self.assertLessEqual(
            large / 10, small / 5, f"queries per order grow: {small} for 5, {large} for 10 orders"
        )
        self.assertLessEqual(large / 10, 10, f"{large} SQL queries for 10 orders")
