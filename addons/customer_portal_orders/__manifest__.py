{
    "name": "Customer Portal Orders",
    "summary": "Customers order, cancel and follow route orders in the portal",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "B2B Portal Contributors",
    "website": "https://github.com/b2b-portal/odoo-b2b-portal",
    "depends": ["route_orders", "portal_extranet", "sale"],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/ir.model.access.csv",
        "security/customer_portal_orders_security.xml",
        "views/sale_portal_templates.xml",
        "security/order_wizard_security.xml",
        "data/order_wizard_mail_template_data.xml",
        "views/customer_portal_order_link_views.xml",
        "views/customer_portal_order_draft_views.xml",
        "views/order_wizard_templates.xml",
    ],
    "demo": [
        "demo/customer_portal_orders_demo.xml",
        "demo/order_wizard_demo.xml",
    ],
    "assets": {
        "web.assets_frontend": [
            "customer_portal_orders/static/src/js/order_wizard.js",
        ],
        "web.assets_tests": [
            "customer_portal_orders/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
