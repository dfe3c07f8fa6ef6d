from odoo.tests import TransactionCase


class RouteOrdersCase(TransactionCase):
    """Customer with sites, products and a shared route, for route order tests."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Route Test Customer",
                "is_company": True,
                "country_id": cls.env.ref("base.fi").id,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Route Test Buyer", "parent_id": cls.customer.id}
        )
        cls.site_a = cls.env["res.partner"].create(
            {
                "name": "Warehouse",
                "parent_id": cls.customer.id,
                "type": "delivery",
                "city": "Vantaa",
            }
        )
        cls.site_b = cls.env["res.partner"].create(
            {"name": "Shop", "parent_id": cls.customer.id, "type": "delivery", "city": "Espoo"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Transport", "type": "service", "list_price": 10.0}
        )
        cls.collection_product = cls.env.company.route_collection_product_id
        cls.delivery_product = cls.env.company.route_delivery_product_id
        cls.route = cls.env["route.route"].create({"name": "Test shared route", "code": "TST"})
        cls.pallet = cls.env.ref("route_orders.packaging_pallet")

    @classmethod
    def _order(cls, order_type, kinds, **vals):
        return cls.env["sale.order"].create(
            {
                "partner_id": cls.customer.id,
                "route_order_type": order_type,
                "route_stop_ids": [
                    (0, 0, {"kind": kind, "partner_id": cls.site_a.id, "sequence": i})
                    for i, kind in enumerate(kinds)
                ],
                **vals,
            }
        )
