import hashlib
import secrets

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import consteq


def _hash_token(token):
    return hashlib.sha256(token.encode()).hexdigest()


class CustomerPortalCancelLink(models.Model):
    """A secret link a customer company uses to cancel its orders without logging in.

    The token is the credential: whoever has the URL may cancel the company's
    future orders and stops within the cancellation policy.
    """

    _name = "customer.portal.cancel.link"
    _description = "Order Cancellation Link"
    _inherit = ["mail.thread"]
    _rec_name = "partner_id"

    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        ondelete="cascade",
        domain=[("parent_id", "=", False)],
        tracking=True,
    )
    token = fields.Char(copy=False, readonly=True, groups="sales_team.group_sale_salesman")
    # looked up by the hash so the secret itself is only compared with consteq
    token_hash = fields.Char(copy=False, readonly=True, index=True)
    active = fields.Boolean(default=True, tracking=True)
    url = fields.Char(string="Link", compute="_compute_url")
    revoked_date = fields.Datetime(string="Revoked On", copy=False, readonly=True)

    _sql_constraints = [
        ("partner_unique", "unique(partner_id)", "A customer has one cancellation link."),
        ("token_hash_unique", "unique(token_hash)", "Cancellation link tokens are unique."),
    ]

    @api.depends("token")
    def _compute_url(self):
        base_url = self.get_base_url()
        for link in self:
            token = link.sudo().token
            link.url = f"{base_url}/order-cancel/{token}" if token and link.active else False

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            partner = self.env["res.partner"].browse(vals.get("partner_id"))
            vals["partner_id"] = partner.commercial_partner_id.id or vals.get("partner_id")
            vals.update(self._new_token_values())
        return super().create(vals_list)

    @api.model
    def _new_token_values(self):
        token = secrets.token_urlsafe(32)
        return {"token": token, "token_hash": _hash_token(token), "revoked_date": False}

    # ------------------------------------------------------------------
    # Staff actions
    # ------------------------------------------------------------------
    def action_regenerate(self):
        """Issue a new secret: the old URL stops working at once."""
        for link in self:
            link.sudo().write(dict(self._new_token_values(), active=True))
            link.message_post(
                body=_("New cancellation link issued; the previous one no longer works.")
            )
        return True

    def action_revoke(self):
        self.sudo().write(
            {
                "active": False,
                "token": False,
                "token_hash": False,
                "revoked_date": fields.Datetime.now(),
            }
        )
        for link in self:
            link.message_post(body=_("Cancellation link revoked."))
        return True

    # ------------------------------------------------------------------
    # Public side: the token is the credential
    # ------------------------------------------------------------------
    @api.model
    def _get_by_token(self, token):
        """The active link of ``token``, or an empty recordset (sudo)."""
        if not token or not isinstance(token, str) or len(token) > 128:
            return self.browse()
        link = self.sudo().search([("token_hash", "=", _hash_token(token))], limit=1)
        if link and link.token and consteq(link.token, token):
            return link
        return self.browse()

    def _get_orders_domain(self):
        self.ensure_one()
        return [
            ("partner_id", "child_of", self.partner_id.id),
            ("state", "=", "sale"),
            ("route_order_type", "!=", "plain"),
            (
                "route_stop_ids",
                "any",
                [
                    ("state", "=", "planned"),
                    "|",
                    ("planned_date", "=", False),
                    ("planned_date", ">=", fields.Date.context_today(self)),
                ],
            ),
        ]

    def _get_cancellable_orders(self, now=None):
        """The company's future transport orders with what can be cancelled now.

        :return: list of dicts ``order``, ``options`` (see
            ``sale.order._web_get_cancel_options``), ``next_date``
        """
        self.ensure_one()
        orders = self.env["sale.order"].sudo().search(self._get_orders_domain(), order="id")
        result = []
        for order in orders:
            options = order._web_get_cancel_options(self.partner_id, now=now)
            dates = [s.planned_date for s in order.route_stop_ids if s.planned_date]
            result.append(
                {"order": order, "options": options, "next_date": min(dates, default=False)}
            )
        return sorted(
            result, key=lambda item: (item["next_date"] or fields.Date.today(), item["order"].id)
        )

    def _get_order(self, order_id):
        """The company's order ``order_id`` (sudo), or empty: others' ids look missing."""
        self.ensure_one()
        order = self.env["sale.order"].sudo().browse(order_id).exists()
        if order.partner_id.commercial_partner_id != self.partner_id:
            return self.env["sale.order"].sudo()
        return order

    def _get_stop(self, stop_id):
        self.ensure_one()
        stop = self.env["route.stop"].sudo().browse(stop_id).exists()
        if stop.customer_id != self.partner_id:
            return self.env["route.stop"].sudo()
        return stop

    def _cancel_order(self, order, reason=False):
        self.ensure_one()
        if order.partner_id.commercial_partner_id != self.partner_id:
            raise UserError(_("This order belongs to another customer."))
        return order.sudo()._web_cancel_by_customer(self.partner_id, reason, channel="link")

    def _cancel_stop(self, stop, reason=False):
        self.ensure_one()
        if stop.customer_id != self.partner_id:
            raise UserError(_("This stop belongs to another customer."))
        return stop.order_id.sudo()._web_cancel_stop_by_customer(
            stop.sudo(), self.partner_id, reason, channel="link"
        )

    @api.model
    def _action_open_for_partner(self, partner):
        """Partner form button: open the company's link, creating it the first time."""
        commercial = partner.commercial_partner_id
        link = self.with_context(active_test=False).search([("partner_id", "=", commercial.id)])
        if not link:
            link = self.create({"partner_id": commercial.id})
        return {
            "type": "ir.actions.act_window",
            "name": _("Cancellation Link"),
            "res_model": self._name,
            "res_id": link.id,
            "view_mode": "form",
            "target": "current",
        }
