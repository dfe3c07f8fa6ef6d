from odoo.http import Request
from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

from odoo.addons.portal_extranet.tests.common import create_customer_company

HEADER = "order_ref,customer,product,quantity\n"


def _setup_customers(cls):
    Product = cls.env["product.product"]
    cls.crate = Product.create(
        {"name": "Upload Crate", "default_code": "UP-CRATE", "list_price": 5.0, "type": "consu"}
    )
    Product.create({"name": "Upload Internal", "default_code": "UP-INTERNAL", "sale_ok": False})
    cls.company_a, cls.member_a = create_customer_company(cls.env, "Uploadbuy Oy", "up_member")
    cls.company_a.ref = "UP-A"
    cls.company_b, cls.user_b = create_customer_company(cls.env, "Otherupload AB", "up_b")
    cls.company_b.ref = "UP-B"


@tagged("post_install", "-at_install")
class TestOrderImportOrigin(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _setup_customers(cls)
        cls.Import = cls.env["route.order.import"]

    def test_backend_import_marks_orders_import(self):
        content = (HEADER + "BK-1,UP-A,UP-CRATE,2\n").encode()
        result = self.Import.import_file(content, "orders.csv")
        self.assertFalse(result["errors"])
        order = self.env["sale.order"].browse(result["created"])
        self.assertEqual(order.web_origin, "import")
        self.assertTrue(order.require_signature == self.env.company.portal_confirmation_sign)

    def test_portal_upload_marks_orders_upload_and_subscribes_the_uploader(self):
        content = (HEADER + "UP-1,,UP-CRATE,2\n").encode()
        result = self.Import.with_context(
            route_order_import_origin="upload",
            route_order_import_subscriber_id=self.member_a.partner_id.id,
        ).import_file(content, "orders.csv", customer=self.company_a)
        self.assertFalse(result["errors"])
        order = self.env["sale.order"].browse(result["created"])
        self.assertEqual(order.web_origin, "upload")
        self.assertEqual(order.state, "draft")
        self.assertEqual(order.partner_id, self.company_a)
        self.assertFalse(order.require_signature)
        self.assertLessEqual(self.company_a | self.member_a.partner_id, order.message_partner_ids)

    def test_row_of_another_customer_is_refused_when_scoped(self):
        content = (HEADER + "UP-2,UP-A,UP-CRATE,1\nUP-3,UP-B,UP-CRATE,1\n").encode()
        result = self.Import.with_context(route_order_import_origin="upload").import_file(
            content, "orders.csv", customer=self.company_a
        )
        self.assertFalse(result["created"])
        self.assertEqual([error["row"] for error in result["errors"]], [3])
        self.assertIn("Only orders of Uploadbuy Oy", result["errors"][0]["message"])
        self.assertNotIn("Otherupload", self.Import.format_error(result["errors"][0]))


@tagged("post_install", "-at_install")
class TestOrderUploadHttp(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        _setup_customers(cls)
        manager_partner = cls.env["res.partner"].create(
            {"name": "Uploadbuy Manager", "parent_id": cls.company_a.id, "extranet_role": "manager"}
        )
        cls.manager_a = new_test_user(
            cls.env,
            login="up_manager",
            groups="base.group_portal",
            partner_id=manager_partner.id,
            password="up_manager-pass",
        )

    def _orders_of(self, company):
        return self.env["sale.order"].search([("partner_id", "child_of", company.id)])

    def _upload(self, content, mode="check", csrf=True, filename="orders.csv"):
        data = {"mode": mode}
        if csrf:
            data["csrf_token"] = Request.csrf_token(self)
        return self.url_open(
            "/my/orders/upload", data=data, files={"upload": (filename, content, "text/csv")}
        )

    def test_form_and_links(self):
        self.authenticate("up_member", "up_member-pass")
        response = self.url_open("/my/orders/upload")
        self.assertEqual(response.status_code, 200)
        self.assertIn('enctype="multipart/form-data"', response.text)
        self.assertIn('href="/my/orders/upload"', self.url_open("/my/orders").text)
        self.assertIn('href="/my/orders/upload"', self.url_open("/my").text)

    def test_check_only_creates_nothing(self):
        self.authenticate("up_member", "up_member-pass")
        response = self._upload((HEADER + "CK-1,,UP-CRATE,2\n").encode(), mode="check")
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_order_upload_checked", response.text)
        self.assertFalse(self._orders_of(self.company_a))

    def test_errors_by_row_and_all_or_nothing(self):
        self.authenticate("up_member", "up_member-pass")
        content = (
            HEADER
            + "ER-1,,UP-CRATE,2\n"
            + "ER-2,,NO-SUCH,1\n"
            + "ER-3,,UP-INTERNAL,1\n"
            + "ER-4,UP-B,UP-CRATE,1\n"
        ).encode()
        response = self._upload(content, mode="import")
        self.assertEqual(response.status_code, 200)
        body = response.text
        self.assertEqual(body.count('class="o_order_upload_error"'), 3)
        for row in ("Row 3", "Row 4", "Row 5"):
            self.assertIn(row, body)
        self.assertIn("Only orders of Uploadbuy Oy", body)
        self.assertNotIn("Otherupload", body)
        self.assertFalse(self._orders_of(self.company_a))
        self.assertFalse(self._orders_of(self.company_b))

    def test_import_creates_orders_for_the_company(self):
        for login in ("up_member", "up_manager"):
            with self.subTest(login=login):
                self.authenticate(login, f"{login}-pass")
                ref = f"IM-{login}"
                response = self._upload((HEADER + f"{ref},,UP-CRATE,7\n").encode(), mode="import")
                self.assertIn("o_order_upload_done", response.text)
                order = self._orders_of(self.company_a).filtered(
                    lambda o, ref=ref: o.client_order_ref == ref
                )
                self.assertEqual(len(order), 1)
                self.assertEqual(order.web_origin, "upload")
                self.assertIn(f"/my/orders/{order.id}", response.text)
                user = self.env["res.users"].search([("login", "=", login)])
                self.assertIn(user.partner_id, order.message_partner_ids)
                self.assertEqual(self.url_open(order.get_portal_url()).status_code, 200)

    def test_new_site_needs_the_manager_add_right(self):
        content = (
            b"order_ref,order_type,stop,stop_kind,street,zip,city,country,goods_description\n"
            b"ST-1,one_to_one,1,collection,Uploadkatu 1,00100,Helsinki,FI,Boxes\n"
            b"ST-1,,2,delivery,Uploadtie 2,02100,Espoo,FI,\n"
        )
        self.authenticate("up_member", "up_member-pass")
        response = self._upload(content, mode="check")
        self.assertIn("has no address", response.text)
        self.authenticate("up_manager", "up_manager-pass")
        response = self._upload(content, mode="check")
        self.assertIn("o_order_upload_checked", response.text, response.text[-3000:])

    @mute_logger("odoo.http")
    def test_post_without_csrf_is_refused(self):
        self.authenticate("up_member", "up_member-pass")
        response = self._upload((HEADER + "NC-1,,UP-CRATE,2\n").encode(), "import", csrf=False)
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._orders_of(self.company_a))

    def test_missing_file(self):
        self.authenticate("up_member", "up_member-pass")
        response = self.url_open(
            "/my/orders/upload", data={"mode": "import", "csrf_token": Request.csrf_token(self)}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Choose a file to upload.", response.text)

    def test_tour_upload_csv(self):
        self.env["product.product"].create(
            {"name": "Upload Tour Crate", "default_code": "UPT-CRATE", "type": "consu"}
        )
        self.manager_a.password = "up_tour"
        self.manager_a.login = "up_tour"
        self.start_tour("/my/orders", "customer_portal_orders_upload", login="up_tour")
        order = self._orders_of(self.company_a).filtered(
            lambda o: o.client_order_ref == "TOUR-UP-1"
        )
        self.assertEqual(order.web_origin, "upload")
        self.assertEqual(order.order_line.product_uom_qty, 3.0)
        self.authenticate("up_tour", "up_tour")
        response = self.url_open(order.get_portal_url())
        self.assertEqual(response.status_code, 200)
        self.assertIn("Upload Tour Crate", response.text)
