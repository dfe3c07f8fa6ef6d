from datetime import timedelta

from odoo import Command, api, fields, models

# Demo invoices of the demo customers: (xml id, customer, move type, days since invoiced,
# payment terms in days, amount, paid). They need the chart of accounts, which Odoo
# loads only after every module of the install, so they are created when it is loaded.
DEMO_INVOICES = [
    ("demo_invoice_aurora_paid", "partner_company_a", "out_invoice", 40, 14, 480.0, True),
    ("demo_invoice_aurora_overdue", "partner_company_a", "out_invoice", 30, 14, 1250.0, False),
    ("demo_invoice_aurora_open", "partner_company_a", "out_invoice", 2, 30, 310.0, False),
    ("demo_bill_aurora", "partner_company_a", "in_invoice", 10, 30, 95.0, False),
    ("demo_invoice_boreal_open", "partner_company_b", "out_invoice", 5, 30, 640.0, False),
]


class AccountChartTemplate(models.AbstractModel):
    _inherit = "account.chart.template"

    def _load(self, template_code, company, install_demo):
        result = super()._load(template_code, company, install_demo)
        self._extranet_load_demo_invoices(company)
        return result

    @api.model
    def _extranet_load_demo_invoices(self, company):
        """Give the demo customers invoices to show, once the company has journals."""
        company = self.env["res.company"].browse(getattr(company, "id", company))
        if not self.env.ref("portal_extranet.partner_company_a", raise_if_not_found=False):
            return  # installed without demo data
        if not self.env["account.journal"].search_count(
            [("company_id", "=", company.id), ("type", "=", "sale")], limit=1
        ):
            return
        moves = self.env["account.move"]
        company_env = self.with_company(company).env
        for xml_id, customer, move_type, age, terms, amount, paid in DEMO_INVOICES:
            full_xml_id = f"portal_extranet.{xml_id}"
            if self.env.ref(full_xml_id, raise_if_not_found=False):
                continue
            invoice_date = fields.Date.context_today(self) - timedelta(days=age)
            move = company_env["account.move"]._load_records(
                [
                    {
                        "xml_id": full_xml_id,
                        "noupdate": True,
                        "values": {
                            "move_type": move_type,
                            "partner_id": self.env.ref(f"portal_extranet.{customer}").id,
                            "invoice_date": invoice_date,
                            "invoice_date_due": invoice_date + timedelta(days=terms),
                            "ref": xml_id.replace("_", "-").upper()
                            if move_type == "in_invoice"
                            else False,
                            "invoice_line_ids": [
                                Command.create(
                                    {
                                        "name": "Logistics services",
                                        "quantity": 1,
                                        "price_unit": amount,
                                    }
                                )
                            ],
                        },
                    }
                ]
            )
            move.action_post()
            if paid:
                self.env["account.payment.register"].with_context(
                    active_model="account.move", active_ids=move.ids
                ).create({"payment_date": invoice_date + timedelta(days=7)})._create_payments()
            moves |= move
        return moves
