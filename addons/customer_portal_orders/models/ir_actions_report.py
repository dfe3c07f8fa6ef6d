from odoo import models

DELIVERY_SLIP_REPORTS = ("stock.report_deliveryslip",)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        self._portal_flag_delivery_slips(report_ref, res_ids)
        return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)

    def _portal_flag_delivery_slips(self, report_ref, res_ids):
        """A delivery slip printed by staff is news for the customer; the
        customer's own download from the portal (same report, rendered in
        sudo for a portal user) is not."""
        if not res_ids or not self.env.user._is_internal():
            return
        report = self._get_report(report_ref)
        if report.report_name not in DELIVERY_SLIP_REPORTS or report.model != "stock.picking":
            return
        ids = [res_ids] if isinstance(res_ids, int) else res_ids
        self.env["stock.picking"].browse(ids).exists()._portal_mark_slip_printed()
