import secrets

from markupsafe import Markup, escape

from odoo import _, api, fields, models
from odoo.tools import consteq

from .customer_portal_order_draft import WIZARD_ORDER_TYPES


def _new_token():
    return secrets.token_urlsafe(32)


class CustomerPortalOrderLink(models.Model):
    """A link staff hand out or embed in a web page: it opens the portal order
    wizard, restricted to some order types and with default goods."""

    _name = "customer.portal.order.link"
    _description = "Portal Order Link"
    _inherit = ["mail.thread"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(
        default=True, help="Archive the link to revoke it: it then answers like a missing page."
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )
    token = fields.Char(
        required=True, readonly=True, copy=False, default=lambda self: _new_token(), index=True
    )
    intro = fields.Text(
        string="Welcome Text",
        translate=True,
        help="Shown to visitors on the link's landing page.",
    )
    allow_one_to_one = fields.Boolean(string="One collection, one delivery", default=True)
    allow_one_to_many = fields.Boolean(string="One collection, many deliveries", default=True)
    allow_many_to_one = fields.Boolean(string="Many collections, one delivery", default=True)
    default_goods_description = fields.Char(
        translate=True, help="Prefilled description of the goods the customer enters."
    )
    default_packaging_type_id = fields.Many2one("route.packaging.type", string="Default Packaging")
    show_login_form = fields.Boolean(
        string="Login Form on Landing Page",
        default=True,
        help="Show e-mail and password fields on the landing page; otherwise only "
        "buttons to log in and to request an account.",
    )
    use_count = fields.Integer(
        string="Orders Started",
        default=0,
        readonly=True,
        copy=False,
        help="Drafts started from this link.",
    )
    url = fields.Char(string="Link", compute="_compute_url")
    html_snippet = fields.Text(string="HTML to Paste", compute="_compute_url")

    _sql_constraints = [
        ("token_unique", "unique(token)", "Each order link needs its own token."),
        (
            "one_type_allowed",
            "CHECK(allow_one_to_one OR allow_one_to_many OR allow_many_to_one)",
            "An order link allows at least one order type.",
        ),
    ]

    @api.depends("token", "name")
    def _compute_url(self):
        for link in self:
            base = link.company_id.get_base_url() if link.company_id else link.get_base_url()
            link.url = f"{base}/order-link/{link.token}" if link.token else False
            link.html_snippet = (
                str(Markup('<a href="%s">%s</a>') % (link.url, escape(link.name or "")))
                if link.url
                else False
            )

    def _allowed_order_types(self):
        self.ensure_one()
        return [code for code in WIZARD_ORDER_TYPES if self[f"allow_{code}"]]

    @api.model
    def _get_by_token(self, token):
        """The active link of ``token``, or an empty recordset."""
        if not token or len(token) > 100:
            return self.browse()
        link_sudo = self.sudo().search([("token", "=", token)], limit=1)
        if not link_sudo or not consteq(link_sudo.token, token):
            return self.browse()
        return link_sudo

    def _count_use(self):
        """One more draft started from the link (no read-modify-write race)."""
        self.env.cr.execute(
            """UPDATE customer_portal_order_link
               SET use_count = COALESCE(use_count, 0) + 1
               WHERE id IN %s""",
            [tuple(self.ids)],
        )
        self.invalidate_recordset(["use_count"])

    def action_regenerate_token(self):
        """Revoke the current URL and give the link a new one."""
        for link in self:
            link.token = _new_token()
            link.message_post(body=_("New link generated; the former one no longer works."))
        return True
