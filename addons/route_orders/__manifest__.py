{
    "name": "Route Orders",
    "summary": "Multi-stop transport orders: collections, deliveries, goods, routes",
    "version": "18.0.1.0.0",
    "category": "Sales/Sales",
    "license": "LGPL-3",
    "author": "B2B Portal Contributors",
    "website": "https://github.com/b2b-portal/odoo-b2b-portal",
    "depends": ["sale", "phone_validation"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/ir.model.access.csv",
        "views/route_stop_views.xml",
        "views/sale_order_views.xml",
    ],
    "demo": [
        "demo/route_orders_demo.xml",
    ],
    "installable": True,
    "application": False,
}
