from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    extranet_name = fields.Char(related="company_id.extranet_name", readonly=False)
    extranet_support_name = fields.Char(related="company_id.extranet_support_name", readonly=False)
    extranet_support_email = fields.Char(
        related="company_id.extranet_support_email", readonly=False
    )
    extranet_support_phone = fields.Char(
        related="company_id.extranet_support_phone", readonly=False
    )
    extranet_section_quotes = fields.Boolean(
        related="company_id.extranet_section_quotes", readonly=False
    )
    extranet_section_orders = fields.Boolean(
        related="company_id.extranet_section_orders", readonly=False
    )
    extranet_section_invoices = fields.Boolean(
        related="company_id.extranet_section_invoices", readonly=False
    )
    extranet_section_purchase = fields.Boolean(
        related="company_id.extranet_section_purchase", readonly=False
    )
    extranet_section_cards = fields.Boolean(
        related="company_id.extranet_section_cards", readonly=False
    )
    extranet_section_pos = fields.Boolean(related="company_id.extranet_section_pos", readonly=False)
    extranet_section_company = fields.Boolean(
        related="company_id.extranet_section_company", readonly=False
    )
    extranet_section_sites = fields.Boolean(
        related="company_id.extranet_section_sites", readonly=False
    )
    extranet_section_contacts = fields.Boolean(
        related="company_id.extranet_section_contacts", readonly=False
    )
    extranet_sites_can_add = fields.Boolean(
        related="company_id.extranet_sites_can_add", readonly=False
    )
    extranet_sites_can_edit = fields.Boolean(
        related="company_id.extranet_sites_can_edit", readonly=False
    )
    extranet_sites_can_archive = fields.Boolean(
        related="company_id.extranet_sites_can_archive", readonly=False
    )
    extranet_contacts_can_add = fields.Boolean(
        related="company_id.extranet_contacts_can_add", readonly=False
    )
    extranet_contacts_can_edit = fields.Boolean(
        related="company_id.extranet_contacts_can_edit", readonly=False
    )
    extranet_contacts_can_archive = fields.Boolean(
        related="company_id.extranet_contacts_can_archive", readonly=False
    )
