from datetime import date, datetime

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form

from .common import RouteOrdersCase


class TestStopsAndGoods(RouteOrdersCase):
    def test_goods_volume_and_totals_per_stop_and_order(self):
        order = self._order("one_to_many", ["collection", "delivery", "delivery"])
        collection, first, second = order.route_stop_ids
        Goods = self.env["route.goods"]
        Goods.create(
            {
                "stop_id": collection.id,
                "description": "Pallets",
                "packaging_type_id": self.pallet.id,
                "quantity": 2,
                "weight": 500,
                "length": 120,
                "width": 80,
                "height": 100,
                "delivery_stop_id": first.id,
            }
        )
        Goods.create(
            {
                "stop_id": collection.id,
                "description": "Parcels",
                "quantity": 4,
                "weight": 20,
                "length": 50,
                "width": 50,
                "height": 40,
                "delivery_stop_id": second.id,
            }
        )
        self.assertAlmostEqual(collection.goods_ids[0].volume, 1.92)
        self.assertEqual(collection.total_quantity, 6)
        self.assertEqual(collection.total_weight, 520)
        self.assertAlmostEqual(collection.total_volume, 2.32)
        self.assertEqual((first.total_quantity, first.total_weight), (2, 500))
        self.assertEqual((second.total_quantity, second.total_weight), (4, 20))
        self.assertEqual(order.route_total_weight, 520)
        self.assertAlmostEqual(order.route_total_volume, 2.32)

    def test_goods_only_on_collections_of_same_order(self):
        order = self._order("one_to_many", ["collection", "delivery"])
        other = self._order("one_to_many", ["collection", "delivery"])
        collection, delivery = order.route_stop_ids
        with self.assertRaisesRegex(ValidationError, "collection stop"):
            self.env["route.goods"].create({"stop_id": delivery.id, "description": "x"})
        with self.assertRaisesRegex(ValidationError, "same order"):
            self.env["route.goods"].create(
                {
                    "stop_id": collection.id,
                    "description": "x",
                    "delivery_stop_id": other.route_stop_ids[1].id,
                }
            )
        with self.assertRaises(ValidationError):
            self.env["route.goods"].create(
                {"stop_id": collection.id, "description": "x", "weight": -1}
            )

    def test_stops_become_priced_lines_in_sync(self):
        pricelist = self.env["product.pricelist"].create(
            {
                "name": "Route customer prices",
                "item_ids": [
                    (
                        0,
                        0,
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.delivery_product.id,
                            "compute_price": "fixed",
                            "fixed_price": 12.5,
                        },
                    )
                ],
            }
        )
        self.customer.property_product_pricelist = pricelist
        order = self._order("one_to_many", ["collection", "delivery"])
        lines = order.order_line.filtered("route_stop_id")
        self.assertEqual(len(lines), 2)
        self.assertEqual(lines.mapped("route_stop_id"), order.route_stop_ids)
        delivery_line = lines.filtered(lambda line: line.route_stop_id.kind == "delivery")
        self.assertEqual(delivery_line.product_id, self.delivery_product)
        self.assertEqual(delivery_line.price_unit, 12.5)

        # adding a stop adds a line; changing its kind changes the product
        stop = self.env["route.stop"].create(
            {"order_id": order.id, "kind": "delivery", "partner_id": self.site_b.id, "sequence": 5}
        )
        self.assertEqual(len(order.order_line.filtered("route_stop_id")), 3)
        stop.kind = "collection"
        line = order.order_line.filtered(lambda line: line.route_stop_id == stop)
        self.assertEqual(line.product_id, self.collection_product)
        self.assertIn("Shop", line.name)

        # deleting a stop of a quotation deletes its line
        stop.unlink()
        self.assertEqual(len(order.order_line.filtered("route_stop_id")), 2)

    def test_stops_of_confirmed_orders_cannot_be_deleted(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        order.action_confirm()
        with self.assertRaisesRegex(UserError, "cancel them"):
            order.route_stop_ids[0].unlink()

    def test_missing_stop_products_are_explained(self):
        self.env.company.route_delivery_product_id = False
        with self.assertRaisesRegex(UserError, "service products"):
            self._order("one_to_one", ["collection", "delivery"])

    def test_time_window_in_stop_timezone(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        stop = order.route_stop_ids[0]
        stop.write(
            {
                "time_mode": "slot",
                "date": date(2030, 1, 15),
                "time_from": 8.5,
                "time_to": 10.0,
                "tz": "Europe/Helsinki",
            }
        )
        # Helsinki is UTC+2 in January
        self.assertEqual(stop.scheduled_start, datetime(2030, 1, 15, 6, 30))
        self.assertEqual(stop.scheduled_end, datetime(2030, 1, 15, 8, 0))
        self.assertEqual(stop.planned_date, date(2030, 1, 15))
        stop.time_mode = "asap"
        self.assertFalse(stop.scheduled_start)
        with self.assertRaisesRegex(ValidationError, "needs a date"):
            stop.write({"time_mode": "slot", "date": False})

    def test_shared_route_stops_take_run_date(self):
        order = self._order(
            "one_to_one",
            ["collection", "delivery"],
            route_transport="shared",
            route_id=self.route.id,
            route_date="2030-02-01",
        )
        self.assertEqual(order.route_stop_ids.mapped("planned_date"), [date(2030, 2, 1)] * 2)
        self.assertEqual(order.route_stop_ids.route_id, self.route)
        self.assertEqual(self.route.stop_count, 2)

    def test_contact_phone_is_validated_and_formatted(self):
        order = self._order("one_to_one", ["collection", "delivery"])
        stop = order.route_stop_ids[0]
        stop.contact_phone = "040 123 4567"
        self.assertEqual(stop.contact_phone, "+358 40 1234567")
        with self.assertRaisesRegex(ValidationError, "not a valid phone number"):
            stop.contact_phone = "12"
        self.assertEqual(stop.contact_phone, "+358 40 1234567")

    def test_one_off_address_needs_street_and_city(self):
        order = self._order("one_to_one", ["collection"])
        with self.assertRaisesRegex(ValidationError, "street and a city"):
            self.env["route.stop"].create({"order_id": order.id, "kind": "delivery"})
        stop = self.env["route.stop"].create(
            {
                "order_id": order.id,
                "kind": "delivery",
                "street": "Satamakatu 1",
                "zip": "00160",
                "city": "Helsinki",
                "country_id": self.env.ref("base.fi").id,
            }
        )
        self.assertEqual(stop.address, "Satamakatu 1, 00160 Helsinki, Finland")
        self.assertEqual(stop.name, "Delivery: Helsinki")

    def test_site_fills_contact_in_form(self):
        self.site_b.write({"phone": "+358 9 1234 567", "email": "shop@example.com"})
        order = self._order("one_to_one", ["collection"])
        with Form(self.env["route.stop"].with_context(default_order_id=order.id)) as form:
            form.kind = "delivery"
            form.partner_id = self.site_b
            self.assertEqual(form.contact_email, "shop@example.com")
        self.assertEqual(len(order.route_stop_ids), 2)
