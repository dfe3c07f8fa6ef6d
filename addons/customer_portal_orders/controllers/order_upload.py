"""Order upload: customers import their own orders from a CSV or XML file.

The file goes through the backend importer (``route.order.import``), scoped to the
user's company: a row for any other customer is refused, the whole file is imported or
nothing. "Check only" runs the same validation and creates nothing.
"""

from odoo import _, http
from odoo.http import request

from .quick_order import QuickOrderPortal

ORDER_UPLOAD_URL = "/my/orders/upload"


class OrderUploadPortal(QuickOrderPortal):
    def _render_order_upload(self, **extra):
        values = self._prepare_portal_layout_values()
        values.update(
            page_name="order_upload",
            mode="check",
            result=None,
            errors=[],
            orders_sudo=request.env["sale.order"].sudo().browse(),
            max_mb=request.env["route.order.import"].sudo().get_max_bytes() / 1024 / 1024,
        )
        values.update(extra)
        return request.render("customer_portal_orders.portal_order_upload", values)

    @http.route(ORDER_UPLOAD_URL, type="http", auth="user", website=True, methods=["GET", "POST"])
    def portal_order_upload(self, upload=None, mode="check", **_post):
        partner = self._portal_ordering_partner()
        if request.httprequest.method != "POST":
            return self._render_order_upload()
        mode = "import" if mode == "import" else "check"
        if not upload or not getattr(upload, "filename", None):
            return self._render_order_upload(mode=mode, errors=[_("Choose a file to upload.")])
        user = request.env.user
        allow_create_sites = request.env["portal.extranet.form"]._can(user, "site", "add")
        Import_sudo = (
            request.env["route.order.import"]
            .sudo()
            .with_context(
                route_order_import_origin="upload",
                route_order_import_subscriber_id=partner.id,
            )
        )
        result = Import_sudo.import_file(
            upload.read(),
            upload.filename,
            dry_run=mode == "check",
            customer=partner.commercial_partner_id,
            allow_create_sites=allow_create_sites,
        )
        return self._render_order_upload(
            mode=mode,
            result=result,
            filename=upload.filename,
            errors=[Import_sudo.format_error(error) for error in result["errors"]],
            orders_sudo=request.env["sale.order"].sudo().browse(result["created"]),
        )
