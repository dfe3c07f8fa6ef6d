from odoo import fields, models

# Portal sections a company can switch off: field name -> (URL prefixes, home counters)
EXTRANET_SECTIONS = {
    "extranet_section_quotes": (("/my/quotes",), ("quotation_count",)),
    "extranet_section_orders": (("/my/orders",), ("order_count",)),
    "extranet_section_invoices": (
        ("/my/invoices",),
        ("invoice_count", "bill_count", "overdue_invoice_count"),
    ),
    "extranet_section_purchase": (("/my/purchase", "/my/rfq"), ("purchase_count", "rfq_count")),
    "extranet_section_cards": (("/my/loyalty_card", "/my/cards"), ("card_count",)),
    "extranet_section_pos": (("/my/pos",), ("pos_order_count",)),
    "extranet_section_company": (("/my/company",), ()),
    "extranet_section_sites": (("/my/sites",), ("site_count",)),
    "extranet_section_contacts": (("/my/contacts",), ("contact_count",)),
}


class ResCompany(models.Model):
    _inherit = "res.company"

    extranet_name = fields.Char(
        translate=True,
        help="The name customers see for the portal, e.g. 'Customer Extranet'.",
    )
    extranet_support_name = fields.Char(string="Support Name")
    extranet_support_email = fields.Char(string="Support E-mail")
    extranet_support_phone = fields.Char(string="Support Phone")

    extranet_section_quotes = fields.Boolean(string="Quotes", default=True)
    extranet_section_orders = fields.Boolean(string="Orders", default=True)
    extranet_section_invoices = fields.Boolean(string="Invoices", default=True)
    extranet_section_purchase = fields.Boolean(string="Purchase Orders", default=True)
    extranet_section_cards = fields.Boolean(
        string="Cards", default=True, help="E-wallets, gift cards and loyalty cards."
    )
    extranet_section_pos = fields.Boolean(string="POS Receipts", default=True)
    extranet_section_company = fields.Boolean(string="Company Data", default=True)
    extranet_section_sites = fields.Boolean(string="Sites", default=True)
    extranet_section_contacts = fields.Boolean(string="Contacts", default=True)

    extranet_sites_can_add = fields.Boolean(string="Customers Add Sites", default=True)
    extranet_sites_can_edit = fields.Boolean(string="Customers Edit Sites", default=True)
    extranet_sites_can_archive = fields.Boolean(string="Customers Remove Sites", default=True)
    extranet_contacts_can_add = fields.Boolean(string="Customers Add Contacts", default=True)
    extranet_contacts_can_edit = fields.Boolean(string="Customers Edit Contacts", default=True)
    extranet_contacts_can_archive = fields.Boolean(string="Customers Remove Contacts", default=True)

    def _extranet_disabled_sections(self):
        self.ensure_one()
        return [name for name in EXTRANET_SECTIONS if not self[name]]

    def _extranet_disabled_prefixes(self):
        """URL prefixes of the sections this company switched off."""
        return tuple(
            prefix
            for name in self._extranet_disabled_sections()
            for prefix in EXTRANET_SECTIONS[name][0]
        )

    def _extranet_disabled_counters(self):
        """Portal home counters of the sections this company switched off."""
        return {
            counter
            for name in self._extranet_disabled_sections()
            for counter in EXTRANET_SECTIONS[name][1]
        }

    def _extranet_is_path_disabled(self, path):
        return any(
            path == prefix or path.startswith(prefix + "/")
            for prefix in self._extranet_disabled_prefixes()
        )
