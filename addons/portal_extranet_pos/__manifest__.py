{
    "name": "Portal Extranet: POS Receipts",
    "summary": "The customer company's Point of Sale receipts in the extranet",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "B2B Portal Contributors",
    "website": "https://github.com/b2b-portal/odoo-b2b-portal",
    "depends": [
        "portal_extranet",
        "point_of_sale",
    ],
    "external_dependencies": {},
    "data": [
        "security/ir.model.access.csv",
        "security/pos_security.xml",
        "views/res_config_settings_views.xml",
        "views/pos_portal_templates.xml",
    ],
    "demo": [
        "demo/pos_demo.xml",
    ],
    "installable": True,
    "auto_install": True,
    "application": False,
}
