{
    "name": "Portal Extranet",
    "summary": "A configurable B2B extranet on Odoo's customer portal",
    "version": "18.0.1.0.0",
    "category": "Website/Website",
    "license": "LGPL-3",
    "author": "B2B Portal Contributors",
    "website": "https://github.com/b2b-portal/odoo-b2b-portal",
    "depends": [
        "portal",
        "auth_signup",
        "auth_totp_portal",
        "account",
        "phone_validation",
    ],
    "external_dependencies": {"python": ["phonenumbers"]},
    "data": [
        "security/ir.model.access.csv",
        "data/portal_communication_topic_data.xml",
        "data/mail_template_data.xml",
        "views/res_config_settings_views.xml",
        "views/portal_extranet_backend_views.xml",
        "views/res_partner_views.xml",
        "views/portal_templates.xml",
        "views/portal_extranet_templates.xml",
        "views/account_portal_templates.xml",
    ],
    "demo": [
        "demo/portal_extranet_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "portal_extranet/static/tests/tours/*.js",
        ],
    },
    "installable": True,
    "application": False,
}
