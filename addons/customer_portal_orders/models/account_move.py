from odoo import models


class AccountMove(models.Model):
    _inherit = "account.move"

    def _post(self, soft=True):
        posted = super()._post(soft=soft)
        entries = [
            {"order": order, "field_name": "invoice", "new": invoice.name}
            for invoice in posted.filtered(lambda m: m.move_type == "out_invoice")
            for order in invoice.line_ids.sale_line_ids.order_id
        ]
        if entries:
            # Odoo counts draft invoices as invoiced: the customer's news is the posting
            self.env["customer.portal.status.change"]._portal_record("order_state", entries)
        return posted
