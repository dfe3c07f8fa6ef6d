import base64
import binascii

from markupsafe import Markup

from odoo import _, fields, models
from odoo.exceptions import UserError


class RouteOrderImportWizard(models.TransientModel):
    """Upload a CSV or XML file of orders, check it (dry run), then import it."""

    _name = "route.order.import.wizard"
    _description = "Import Orders from a File"

    file = fields.Binary(required=True, attachment=False)
    filename = fields.Char()
    customer_id = fields.Many2one(
        "res.partner",
        string="Only for Customer",
        help="When set, every order of the file must belong to this customer; the "
        "customer column may then be left empty.",
    )
    allow_create_sites = fields.Boolean(
        string="Create Unknown Addresses",
        default=True,
        help="Addresses not found among the customer's addresses are created as "
        "delivery addresses. Otherwise they are errors.",
    )
    state = fields.Selection(
        [("upload", "Upload"), ("validated", "Validated"), ("done", "Done")],
        default="upload",
        required=True,
    )
    result_html = fields.Html(string="Result", readonly=True, sanitize=True)
    error_count = fields.Integer(readonly=True)
    order_ids = fields.Many2many("sale.order", string="Imported Orders", readonly=True)

    def _get_content(self):
        self.ensure_one()
        if not self.file:
            raise UserError(_("Choose a CSV or XML file first."))
        try:
            return base64.b64decode(self.file, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(_("The uploaded file could not be read.")) from error

    def _run(self, dry_run):
        self.ensure_one()
        result = self.env["route.order.import"].import_file(
            self._get_content(),
            self.filename or "",
            dry_run=dry_run,
            customer=self.customer_id or None,
            allow_create_sites=self.allow_create_sites,
        )
        errors = result["errors"]
        state = "done" if not dry_run else "validated"
        if errors:
            state = "upload"
        self.write(
            {
                "state": state,
                "error_count": len(errors),
                "result_html": self._render_result(result),
                "order_ids": [fields.Command.set(result["created"])],
            }
        )
        return self._reopen()

    def _render_result(self, result):
        service = self.env["route.order.import"]
        errors = result["errors"]
        created = len(result["created"])
        if errors:
            summary = _(
                "%(count)s problem(s) found: nothing was imported. Fix the file and try again.",
                count=len(errors),
            )
        elif result["dry_run"]:
            summary = _(
                "The file is valid: %(new)s order(s) to import, %(skipped)s already imported, "
                "%(sites)s new address(es).",
                new=result["order_count"] - len(result["skipped"]),
                skipped=len(result["skipped"]),
                sites=result["sites_created"],
            )
        else:
            summary = _(
                "%(created)s order(s) imported, %(skipped)s already imported before, "
                "%(sites)s new address(es).",
                created=created,
                skipped=len(result["skipped"]),
                sites=result["sites_created"],
            )
        html = Markup("<p>%s</p>") % summary
        if errors:
            items = Markup("").join(
                Markup("<li>%s</li>") % service.format_error(error) for error in errors
            )
            html += Markup("<ul class='text-danger'>%s</ul>") % items
        if result["skipped"]:
            items = Markup("").join(
                Markup("<li>%s</li>")
                % _(
                    "%(ref)s (%(customer)s): already imported, skipped.",
                    ref=skipped["ref"],
                    customer=skipped["customer"],
                )
                for skipped in result["skipped"]
            )
            html += Markup("<ul>%s</ul>") % items
        return html

    def _reopen(self):
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Import Orders"),
        }

    def action_validate(self):
        """Dry run: check the whole file and list every problem, create nothing."""
        return self._run(dry_run=True)

    def action_import(self):
        return self._run(dry_run=False)

    def action_view_orders(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "sale.action_quotations_with_onboarding"
        )
        action.update(domain=[("id", "in", self.order_ids.ids)], context={})
        return action
