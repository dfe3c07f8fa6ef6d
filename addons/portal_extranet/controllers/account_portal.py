"""B2B wording and payment status on the customer portal's invoice list.

Pay online: ``account_payment`` (auto-installed with ``account`` when available) adds the
"Pay Now" button and its own "Paid" / "Processing Payment" badges to the same templates.
portal_extranet does not depend on it: nothing here reads payment-provider fields or
templates, and the invoice page only skips the badges that ``account_payment`` already shows
(detected through the ``transaction_ids`` field, so the page renders the same without it).
"""

from odoo import _, fields

from odoo.addons.account.controllers.portal import PortalAccount

# Documents the company sends the customer, and those the customer sends the company.
OUTGOING_TYPES = ("out_invoice", "out_refund", "out_receipt")
INCOMING_TYPES = ("in_invoice", "in_refund", "in_receipt")
# Documents that can be late: invoices and receipts, not credit notes.
DUE_TYPES = ("out_invoice", "out_receipt", "in_invoice", "in_receipt")
OPEN_STATES = ("not_paid", "partial")
FILTER_PREFIX = "payment_"


class ExtranetPortalAccount(PortalAccount):
    # ------------------------------------------------------------------
    # Payment status: one place for the badge and the filter domain
    # ------------------------------------------------------------------
    def _extranet_payment_statuses(self):
        """Payment status key -> (label, badge class, icon), in display order."""
        return {
            "not_paid": (_("Not paid"), "text-bg-secondary", "fa-circle-o"),
            "partial": (_("Partially paid"), "text-bg-warning", "fa-adjust"),
            "overdue": (_("Overdue"), "text-bg-danger", "fa-exclamation-triangle"),
            "in_payment": (_("Payment in progress"), "text-bg-info", "fa-clock-o"),
            "paid": (_("Paid"), "text-bg-success", "fa-check"),
        }

    def _extranet_overdue_domain(self, today):
        return [
            ("move_type", "in", DUE_TYPES),
            ("payment_state", "in", OPEN_STATES),
            ("invoice_date_due", "<", today),
        ]

    def _extranet_payment_status_domain(self, status):
        today = fields.Date.today()
        overdue = self._extranet_overdue_domain(today)
        if status == "overdue":
            return overdue
        if status == "paid":
            return [("payment_state", "in", ("paid", "reversed", "invoicing_legacy"))]
        if status == "in_payment":
            return [("payment_state", "=", "in_payment")]
        # not_paid / partial: the open documents that are not overdue (the badges are exclusive)
        return [
            ("payment_state", "=", status),
            "|",
            "|",
            ("move_type", "not in", DUE_TYPES),
            ("invoice_date_due", "=", False),
            ("invoice_date_due", ">=", today),
        ]

    def _extranet_payment_status(self, invoice, today=None):
        """Return the status key of a posted document, or False (draft, cancelled)."""
        if invoice.state != "posted":
            return False
        state = invoice.payment_state
        if state in ("paid", "reversed", "invoicing_legacy"):
            return "paid"
        if state == "in_payment":
            return "in_payment"
        today = today or fields.Date.today()
        if (
            invoice.move_type in DUE_TYPES
            and invoice.invoice_date_due
            and invoice.invoice_date_due < today
        ):
            return "overdue"
        return state if state in OPEN_STATES else False

    def _extranet_payment_badge(self, invoice, today=None):
        status = self._extranet_payment_status(invoice, today=today)
        if not status:
            return False
        label, css, icon = self._extranet_payment_statuses()[status]
        return {"key": status, "label": label, "css": css, "icon": icon}

    # ------------------------------------------------------------------
    # Search bar
    # ------------------------------------------------------------------
    def _get_account_searchbar_filters(self):
        filters = super()._get_account_searchbar_filters()
        filters["extranet_outgoing"] = {
            "label": _("Invoices and credit notes to you"),
            "domain": [("move_type", "in", OUTGOING_TYPES)],
        }
        filters["extranet_incoming"] = {
            "label": _("Your bills to us"),
            "domain": [("move_type", "in", INCOMING_TYPES)],
        }
        for status, (label, _css, _icon) in self._extranet_payment_statuses().items():
            filters[FILTER_PREFIX + status] = {
                "label": _("Payment: %(status)s", status=label),
                "domain": self._extranet_payment_status_domain(status),
            }
        return filters

    def _prepare_my_invoices_values(
        self, page, date_begin, date_end, sortby, filterby, domain=None, url="/my/invoices"
    ):
        filters = self._get_account_searchbar_filters()
        if filterby not in filters:
            filterby = None  # core raises KeyError (HTTP 500) on an unknown key
        values = super()._prepare_my_invoices_values(
            page, date_begin, date_end, sortby, filterby, domain=domain, url=url
        )
        # Core sorts the filters by key; keep Odoo's first, then ours in a readable order.
        values["searchbar_filters"] = dict(filters)
        # Core's pager forgets the filter: page 2 of "Overdue" would list everything.
        values["pager"]["url_args"]["filterby"] = values["filterby"]

        list_invoices = values["invoices"]
        today = fields.Date.today()

        def invoices_with_status(pager_offset):
            invoices = list_invoices(pager_offset)
            for invoice_data in invoices:
                invoice_data["extranet_payment_badge"] = self._extranet_payment_badge(
                    invoice_data["invoice"], today=today
                )
            return invoices

        values["invoices"] = invoices_with_status
        return values

    # ------------------------------------------------------------------
    # Invoice page
    # ------------------------------------------------------------------
    def _invoice_get_page_view_values(self, invoice, access_token, **kwargs):
        values = super()._invoice_get_page_view_values(invoice, access_token, **kwargs)
        badge = self._extranet_payment_badge(invoice)
        # account_payment already shows "Paid" and "Processing Payment" on this page.
        if badge and badge["key"] in ("paid", "in_payment") and "transaction_ids" in invoice:
            badge = False
        values["extranet_payment_badge"] = badge
        return values
