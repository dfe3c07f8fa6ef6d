from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    portal_order_account_ids = fields.Many2many(
        "res.partner",
        "res_partner_portal_order_account_rel",
        "partner_id",
        "account_id",
        string="May Order For",
        domain=[("is_company", "=", True)],
        help="Customer accounts this contact may place portal orders for, besides "
        "their own company (e.g. a purchasing agent serving several companies).",
    )

    def _portal_order_accounts(self):
        """Customer accounts (commercial partners) this contact may order for: their
        own company first, then the ones staff allowed."""
        self.ensure_one()
        partner_sudo = self.sudo()
        own = partner_sudo.commercial_partner_id
        others = partner_sudo.portal_order_account_ids.commercial_partner_id - own
        return own | others.sorted("name")

    def _portal_order_sites(self):
        """Addresses of this customer account a stop can use: the company itself
        and its delivery and other addresses (like the extranet's sites)."""
        self.ensure_one()
        account_sudo = self.sudo().commercial_partner_id
        sites = (
            self.env["res.partner"]
            .sudo()
            .search(
                [("parent_id", "=", account_sudo.id), ("type", "in", ("delivery", "other"))],
                order="name, id",
            )
        )
        return account_sudo | sites
