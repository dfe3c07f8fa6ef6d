{
    "name": "Customer Portal Orders",
    "summary": "Customers order, cancel and follow route orders in the portal",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "B2B Portal Contributors",
    "website": "https://github.com/b2b-portal/odoo-b2b-portal",
    "depends": ["route_orders", "portal_extranet", "sale", "sale_stock", "stock_delivery"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/ir.model.access.csv",
        "security/customer_portal_orders_security.xml",
        "views/sale_portal_templates.xml",
        "security/stock_picking_security.xml",
        "data/cancel_mail_template_data.xml",
        "views/cancel_link_templates.xml",
        "views/web_order_views.xml",
        "views/customer_portal_cancel_link_views.xml",
    ],
    "demo": [
        "demo/customer_portal_orders_demo.xml",
        "demo/web_orders_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "customer_portal_orders/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
