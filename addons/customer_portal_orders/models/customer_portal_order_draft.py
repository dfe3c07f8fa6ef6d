import base64
import logging
import os
from datetime import datetime, time, timedelta

import pytz
from markupsafe import Markup

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import single_email_re
from odoo.tools.mimetypes import guess_mimetype
from odoo.tools.misc import format_datetime

from odoo.addons.route_orders.models.sale_order import ROUTE_ORDER_TYPES

from .customer_portal_order_draft_stop import text_to_hours

_logger = logging.getLogger(__name__)

WIZARD_ORDER_TYPES = [code for code, _label in ROUTE_ORDER_TYPES if code != "plain"]
STEPS = ("type", "account", "collection", "delivery", "goods", "final")
# Documents a customer may attach: extension -> mimetypes the content may have
DOCUMENT_TYPES = {
    "pdf": ("application/pdf",),
    "png": ("image/png",),
    "jpg": ("image/jpeg",),
    "jpeg": ("image/jpeg",),
    "csv": ("text/plain", "text/csv", "application/csv", "application/octet-stream"),
    "txt": ("text/plain",),
    "xlsx": (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/zip",
        "application/octet-stream",
    ),
    "docx": (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/zip",
        "application/octet-stream",
    ),
    "odt": ("application/vnd.oasis.opendocument.text", "application/zip"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "application/zip"),
}
STOP_INPUTS = (
    "id",
    "site",
    "site_name",
    "save_as_site",
    "street",
    "street2",
    "zip",
    "city",
    "country_id",
    "time_mode",
    "date",
    "time_from",
    "time_to",
    "contact_name",
    "contact_phone",
    "contact_email",
    "instructions",
)
GOODS_INPUTS = (
    "id",
    "stop",
    "delivery",
    "description",
    "packaging_type_id",
    "quantity",
    "weight",
    "length",
    "width",
    "height",
)
MEASURES = ("quantity", "weight", "length", "width", "height")


class CustomerPortalOrderDraft(models.Model):
    """A transport order a customer is entering step by step in the portal.

    One open draft per user; every step is validated here and stored, so the
    customer can leave and come back. Submitting turns it into a sale order."""

    _name = "customer.portal.order.draft"
    _description = "Portal Order Draft"
    _order = "write_date desc, id desc"

    user_id = fields.Many2one(
        "res.users",
        required=True,
        readonly=True,
        default=lambda self: self.env.user,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer Account",
        help="The customer account the order is placed for.",
    )
    state = fields.Selection(
        [("open", "Open"), ("submitted", "Submitted"), ("cancelled", "Discarded")],
        default="open",
        required=True,
        readonly=True,
        index=True,
    )
    route_order_type = fields.Selection(ROUTE_ORDER_TYPES[1:], string="Order Type")
    link_id = fields.Many2one(
        "customer.portal.order.link", string="Order Link", readonly=True, ondelete="set null"
    )
    stop_ids = fields.One2many("customer.portal.order.draft.stop", "draft_id", string="Stops")
    goods_ids = fields.One2many("customer.portal.order.draft.goods", "draft_id")
    note = fields.Text(string="Notes")
    client_order_ref = fields.Char(string="Your Reference")
    quote_request = fields.Boolean(help="Ask for a quote instead of placing the order.")
    attachment_ids = fields.One2many(
        "ir.attachment",
        "res_id",
        string="Documents",
        domain=[("res_model", "=", "customer.portal.order.draft")],
    )
    order_id = fields.Many2one("sale.order", readonly=True, ondelete="set null")

    def init(self):
        # one open draft per user, even when two tabs start one at the same time
        self.env.cr.execute(
            """CREATE UNIQUE INDEX IF NOT EXISTS customer_portal_order_draft_open_user_uniq
               ON customer_portal_order_draft (user_id) WHERE state = 'open'"""
        )

    # ------------------------------------------------------------------
    # Finding and starting drafts
    # ------------------------------------------------------------------
    @api.model
    def _get_open_draft(self):
        """The current user's open draft, or an empty recordset."""
        return self.search([("user_id", "=", self.env.uid), ("state", "=", "open")], limit=1)

    @api.model
    def _start(self, link=None):
        """Resume the current user's open draft or start one (from ``link`` if any)."""
        draft = self._get_open_draft()
        if not draft:
            accounts = self.env.user.partner_id._portal_order_accounts()
            draft = self.create(
                {
                    "company_id": (link.company_id if link else self.env.company).id,
                    "partner_id": accounts[:1].id if len(accounts) == 1 else False,
                }
            )
        if link and draft.link_id != link:
            draft.link_id = link
            link.sudo()._count_use()
            if draft.route_order_type not in draft._allowed_order_types():
                draft.route_order_type = False
        return draft

    @api.model
    def _get_for_user(self, draft_id):
        """The draft ``draft_id`` if it is the current user's, else an empty
        recordset (callers answer like a missing page)."""
        draft = self.browse(int(draft_id)).exists()
        if not draft or not draft.has_access("read") or draft.user_id != self.env.user:
            return self.browse()
        return draft

    def action_discard(self):
        self.filtered(lambda d: d.state == "open").write({"state": "cancelled"})
        return True

    # ------------------------------------------------------------------
    # Steps
    # ------------------------------------------------------------------
    @api.model
    def _step_labels(self):
        return {
            "type": _("Order type"),
            "account": _("Customer"),
            "collection": _("Collection"),
            "delivery": _("Delivery"),
            "goods": _("Goods"),
            "final": _("Send"),
        }

    def _get_steps(self):
        """The steps of this draft: the customer step only for users who may
        order for several accounts; plural labels follow the order type."""
        accounts = self.env.user.partner_id._portal_order_accounts()
        return [s for s in STEPS if s != "account" or len(accounts) > 1]

    def _allowed_order_types(self):
        self.ensure_one()
        if self.link_id:
            # customers may not read links: the draft's own link is checked already
            return self.link_id.sudo()._allowed_order_types()
        return list(WIZARD_ORDER_TYPES)

    def _stops(self, kind):
        return self.stop_ids.filtered(lambda s: s.kind == kind)

    def _stop_limits(self, kind):
        """(minimum, maximum or None) number of stops of ``kind`` for the order type."""
        many = {"collection": "many_to_one", "delivery": "one_to_many"}[kind]
        return (1, None) if self.route_order_type == many else (1, 1)

    def _get_step_problem(self, step, now=None):
        """Why the stored data of ``step`` is not complete, or an empty string."""
        self.ensure_one()
        if step == "type":
            if self.route_order_type not in self._allowed_order_types():
                return _("Choose the order type.")
        elif step == "account":
            if self.partner_id not in self.env.user.partner_id._portal_order_accounts():
                return _("Choose the customer account.")
        elif step in ("collection", "delivery"):
            stops = self._stops(step)
            low, high = self._stop_limits(step)
            if len(stops) < low or (high and len(stops) > high):
                return _("Enter the collection and delivery addresses.")
            for stop in stops:
                if self._validate_stop_values(stop._as_input(), step, now=now)[1]:
                    return _("Check the addresses and times of the stops.")
        elif step == "goods":
            return self._get_goods_problem()
        return ""

    def _get_goods_problem(self):
        for collection in self._stops("collection"):
            if not collection.goods_ids:
                return _("Enter the goods collected at %(stop)s.", stop=collection._label())
        if self.route_order_type == "one_to_many":
            if self.goods_ids.filtered(lambda g: not g.delivery_stop_id):
                return _("Choose the delivery of every goods item.")
            for delivery in self._stops("delivery"):
                if not self.goods_ids.filtered(lambda g, d=delivery: g.delivery_stop_id == d):
                    return _("No goods go to %(stop)s.", stop=delivery._label())
        return ""

    def _first_incomplete_step(self, now=None):
        self.ensure_one()
        for step in self._get_steps():
            if step == "final" or self._get_step_problem(step, now=now):
                return step
        return "final"

    def _can_open_step(self, step):
        steps = self._get_steps()
        if step not in steps:
            return False
        return steps.index(step) <= steps.index(self._first_incomplete_step())

    # ------------------------------------------------------------------
    # Step 1 and 2: order type and customer account
    # ------------------------------------------------------------------
    def _save_type(self, order_type):
        self.ensure_one()
        if order_type not in self._allowed_order_types():
            return {"route_order_type": _("Choose one of the order types.")}
        if order_type != self.route_order_type:
            self._adapt_to_order_type(order_type)
        return {}

    def _adapt_to_order_type(self, order_type):
        """Change the type; drop the stops the new type cannot have (the last ones)."""
        self.route_order_type = order_type
        for kind in ("collection", "delivery"):
            _low, high = self._stop_limits(kind)
            extra = self._stops(kind)[high:] if high else self.env[self.stop_ids._name]
            extra.unlink()
        if order_type != "one_to_many":
            self.goods_ids.delivery_stop_id = False

    def _save_account(self, account_id):
        self.ensure_one()
        accounts = self.env.user.partner_id._portal_order_accounts()
        account = accounts.filtered(lambda a: str(a.id) == str(account_id or ""))
        if not account:
            return {"partner_id": _("Choose one of your customer accounts.")}
        if account != self.partner_id:
            # the stops used the former account's sites
            self.stop_ids.unlink()
            self.partner_id = account
        return {}

    # ------------------------------------------------------------------
    # Steps 3 and 4: collections and deliveries
    # ------------------------------------------------------------------
    def _get_sites(self):
        self.ensure_one()
        return self.partner_id._portal_order_sites() if self.partner_id else self.partner_id

    def _can_save_sites(self):
        """New addresses may become sites when the user may add sites in the
        extranet and orders for their own company."""
        self.ensure_one()
        user = self.env.user
        return bool(
            self.partner_id == user.partner_id.commercial_partner_id
            and self.env["portal.extranet.form"]._can(user, "site", "add")
        )

    def _earliest_time(self, now=None):
        """The earliest UTC time a customer may ask for."""
        now = now or fields.Datetime.now()
        return now + timedelta(hours=self.company_id.portal_order_lead_hours or 0.0)

    def _stop_tz(self):
        return self.env.user.tz or self.company_id.sudo().partner_id.tz or "UTC"

    def _default_stop_input(self):
        """The input of a new stop block: the user as contact."""
        partner = self.env.user.partner_id
        return {
            "site": "",
            "time_mode": "asap",
            "contact_name": partner.name or "",
            "contact_phone": partner.phone or partner.mobile or "",
            "contact_email": partner.email or "",
            "country_id": str(self.sudo().partner_id.country_id.id or ""),
        }

    def _validate_stop_values(self, raw, kind, now=None):
        """Check the input of one stop block; return (values, errors by input)."""
        self.ensure_one()
        errors = {}
        vals = {"kind": kind, "tz": self._stop_tz()}
        raw = {key: (str(raw.get(key) or "")).strip() for key in STOP_INPUTS}
        self._validate_stop_place(raw, vals, errors)
        self._validate_stop_time(raw, vals, errors, now=now)
        self._validate_stop_contact(raw, vals, errors)
        return vals, errors

    def _validate_stop_place(self, raw, vals, errors):
        site = raw["site"]
        if site and site != "new":
            sites = self._get_sites()
            chosen = sites.filtered(lambda s: str(s.id) == site)
            if not chosen:
                errors["site"] = _("Choose one of the sites.")
            vals.update(partner_id=chosen.id, street=False, street2=False, zip=False, city=False)
            vals.update(country_id=False, save_as_site=False, site_name=False)
            return
        if not site:
            errors["site"] = _("Choose a site or enter a new address.")
            return
        vals["partner_id"] = False
        for name in ("street", "city"):
            if not raw[name]:
                errors[name] = _("This field is required.")
        country = self.env["res.country"].browse(
            int(raw["country_id"]) if raw["country_id"].isdigit() else 0
        )
        if not country.exists():
            errors["country_id"] = _("Choose a country.")
        vals.update(
            street=raw["street"],
            street2=raw["street2"],
            zip=raw["zip"],
            city=raw["city"],
            country_id=country.exists().id,
        )
        save = bool(raw["save_as_site"]) and self._can_save_sites()
        vals.update(save_as_site=save, site_name=raw["site_name"] if save else False)

    def _validate_stop_time(self, raw, vals, errors, now=None):
        if raw["time_mode"] not in ("asap", "slot"):
            errors["time_mode"] = _("Choose as soon as possible or a preferred time.")
            return
        vals.update(time_mode=raw["time_mode"], date=False, time_from=0.0, time_to=0.0)
        if raw["time_mode"] == "asap":
            return
        try:
            day = fields.Date.to_date(raw["date"]) if raw["date"] else None
        except ValueError:
            day = None
        time_from, time_to = text_to_hours(raw["time_from"]), text_to_hours(raw["time_to"])
        if not day:
            errors["date"] = _("Enter the preferred date.")
        if time_from is None:
            errors["time_from"] = _("Enter the start of the time window (hh:mm).")
        if time_to is None:
            errors["time_to"] = _("Enter the end of the time window (hh:mm).")
        elif time_from is not None and time_to <= time_from:
            errors["time_to"] = _("The time window must end after it starts.")
        if errors.get("date") or errors.get("time_from") or errors.get("time_to"):
            return
        vals.update(date=day, time_from=time_from, time_to=time_to)
        zone = pytz.timezone(vals["tz"])
        end = zone.localize(datetime.combine(day, time.min) + timedelta(hours=time_to))
        earliest = pytz.utc.localize(self._earliest_time(now=now))
        if end <= earliest:
            errors["date"] = _(
                "The time window has to end after %(earliest)s (our lead time is %(hours)s hours).",
                earliest=format_datetime(self.env, earliest.replace(tzinfo=None), tz=vals["tz"]),
                hours=format(self.company_id.portal_order_lead_hours, "g"),
            )

    def _validate_stop_contact(self, raw, vals, errors):
        if not raw["contact_name"]:
            errors["contact_name"] = _("Enter the name of the contact person.")
        if raw["contact_email"] and not single_email_re.match(raw["contact_email"]):
            errors["contact_email"] = _("Enter a valid e-mail address.")
        vals.update(
            contact_name=raw["contact_name"],
            contact_email=raw["contact_email"],
            instructions=raw["instructions"],
        )
        if not raw["contact_phone"]:
            errors["contact_phone"] = _("Enter the phone number of the contact person.")
            return
        try:
            # sudo: the site may belong to another account the user orders for
            formatted = (
                self.env["customer.portal.order.draft.stop"]
                .sudo()
                ._format_contact_phone(
                    {
                        "contact_phone": raw["contact_phone"],
                        "partner_id": vals.get("partner_id"),
                        "country_id": vals.get("country_id"),
                        "draft_id": self.id,
                    }
                )
            )
        except ValidationError as error:
            errors["contact_phone"] = error.args[0]
            return
        vals["contact_phone"] = formatted["contact_phone"]

    def _save_stops(self, kind, blocks, now=None):
        """Validate the posted stop blocks of ``kind`` and store them (in place:
        the goods keep their stops). Return errors by block index."""
        self.ensure_one()
        low, high = self._stop_limits(kind)
        errors, values = {}, []
        for index, raw in enumerate(blocks):
            vals, block_errors = self._validate_stop_values(raw, kind, now=now)
            values.append(vals)
            if block_errors:
                errors[index] = block_errors
        if len(blocks) < low or (high and len(blocks) > high):
            errors["common"] = (
                _("Enter one address.") if high == 1 else _("Enter at least one address.")
            )
        if errors:
            return errors
        existing = self._stops(kind)
        by_id = {str(stop.id): stop for stop in existing}
        kept = self.env["customer.portal.order.draft.stop"]
        offset = 0 if kind == "collection" else 100
        for index, (raw, vals) in enumerate(zip(blocks, values, strict=True)):
            vals["sequence"] = offset + index + 1
            stop = by_id.get(str(raw.get("id") or ""))
            if stop and stop not in kept:
                # sudo keeps the user as author; the draft is the user's
                stop.sudo().write(vals)
            else:
                stop = kept.sudo().create(dict(vals, draft_id=self.id)).sudo(False)
            kept |= stop
        (existing - kept).unlink()
        return {}

    # ------------------------------------------------------------------
    # Step 5: goods
    # ------------------------------------------------------------------
    def _packaging_types(self):
        return self.env["route.packaging.type"].sudo().search([])

    def _default_goods_input(self):
        link = self.link_id.sudo()
        return {
            "description": link.default_goods_description or "",
            "packaging_type_id": str(link.default_packaging_type_id.id or ""),
            "quantity": "1",
        }

    def _validate_goods_values(self, raw):
        self.ensure_one()
        raw = {key: (str(raw.get(key) or "")).strip() for key in GOODS_INPUTS}
        errors, vals = {}, {"description": raw["description"]}
        if not raw["description"]:
            errors["description"] = _("Describe the goods.")
        collections, deliveries = self._stops("collection"), self._stops("delivery")
        stop = collections.filtered(lambda s: str(s.id) == raw["stop"]) or (
            collections if len(collections) == 1 else collections.browse()
        )
        if not stop:
            errors["stop"] = _("Choose where the goods are collected.")
        vals["stop_id"] = stop.id
        vals["delivery_stop_id"] = False
        if self.route_order_type == "one_to_many":
            delivery = deliveries.filtered(lambda s: str(s.id) == raw["delivery"])
            if not delivery:
                errors["delivery"] = _("Choose where the goods are delivered.")
            vals["delivery_stop_id"] = delivery.id
        packaging = self._packaging_types().filtered(
            lambda p: str(p.id) == raw["packaging_type_id"]
        )
        if raw["packaging_type_id"] and not packaging:
            errors["packaging_type_id"] = _("Choose one of the packaging types.")
        vals["packaging_type_id"] = packaging.id
        for name in MEASURES:
            try:
                number = float(raw[name].replace(",", ".")) if raw[name] else 0.0
            except ValueError:
                number = -1.0
            if number < 0 or (name == "quantity" and number <= 0):
                errors[name] = (
                    _("Enter a quantity above zero.")
                    if name == "quantity"
                    else _("Enter a number, zero or more.")
                )
            vals[name] = number
        return vals, errors

    def _save_goods(self, rows):
        """Validate the posted goods rows and store them. Return errors by row."""
        self.ensure_one()
        errors, values = {}, []
        for index, raw in enumerate(rows):
            vals, row_errors = self._validate_goods_values(raw)
            values.append(vals)
            if row_errors:
                errors[index] = row_errors
        if not rows:
            errors["common"] = _("Enter the goods to transport.")
        if errors:
            return errors
        existing = self.goods_ids
        by_id = {str(goods.id): goods for goods in existing}
        kept = self.env["customer.portal.order.draft.goods"]
        for index, (raw, vals) in enumerate(zip(rows, values, strict=True)):
            vals["sequence"] = index + 1
            goods = by_id.get(str(raw.get("id") or ""))
            if goods and goods not in kept:
                goods.write(vals)
            else:
                goods = kept.create(vals)
            kept |= goods
        (existing - kept).unlink()
        problem = self._get_goods_problem()
        return {"common": problem} if problem else {}

    # ------------------------------------------------------------------
    # Step 6: documents, reference, notes, order or quote request
    # ------------------------------------------------------------------
    def _save_final(self, post):
        self.ensure_one()
        kind = post.get("request_kind")
        if kind not in ("order", "quote"):
            return {"request_kind": _("Choose whether you place an order or ask for a quote.")}
        self.write(
            {
                "note": (post.get("note") or "").strip(),
                "client_order_ref": (post.get("client_order_ref") or "").strip()[:100],
                "quote_request": kind == "quote",
            }
        )
        return {}

    @api.model
    def _document_extensions(self):
        return list(DOCUMENT_TYPES)

    def _check_document(self, filename, content):
        """Why the file cannot be attached, or an empty string."""
        company = self.company_id
        extension = os.path.splitext(filename or "")[1].lower().lstrip(".")
        if extension not in DOCUMENT_TYPES:
            return _(
                "%(file)s: this type of file is not accepted (accepted: %(types)s).",
                file=filename,
                types=", ".join(sorted(DOCUMENT_TYPES)),
            )
        max_bytes = (company.portal_order_max_file_mb or 10.0) * 1024 * 1024
        if len(content) > max_bytes:
            return _(
                "%(file)s is too large (at most %(size)s MB per file).",
                file=filename,
                size=format(company.portal_order_max_file_mb, "g"),
            )
        if not content:
            return _("%(file)s is empty.", file=filename)
        if guess_mimetype(content) not in DOCUMENT_TYPES[extension]:
            return _("%(file)s is not a valid .%(ext)s file.", file=filename, ext=extension)
        return ""

    def _add_documents(self, files):
        """Attach the uploaded ``files`` [(filename, content)] to the draft; return
        the error messages of the files refused."""
        self.ensure_one()
        errors = []
        attachments_sudo = self.sudo().attachment_ids
        room = max((self.company_id.portal_order_max_files or 10) - len(attachments_sudo), 0)
        to_create = []
        for filename, content in files:
            error = self._check_document(filename, content)
            if not error and len(to_create) >= room:
                error = _(
                    "%(file)s: at most %(count)s documents per order.",
                    file=filename,
                    count=self.company_id.portal_order_max_files,
                )
            if error:
                errors.append(error)
                continue
            to_create.append(
                {
                    "name": os.path.basename(filename),
                    "datas": base64.b64encode(content),
                    "res_model": self._name,
                    "res_id": self.id,
                }
            )
        if to_create:
            # the draft is the user's (checked by the caller): attach as superuser
            self.env["ir.attachment"].sudo().create(to_create)
        return errors

    def _remove_document(self, attachment_id):
        self.ensure_one()
        attachment = self.sudo().attachment_ids.filtered(lambda a: str(a.id) == str(attachment_id))
        attachment.unlink()
        return bool(attachment)

    # ------------------------------------------------------------------
    # Submitting
    # ------------------------------------------------------------------
    def _lock_for_submit(self):
        """Lock the draft row; return False when it is no longer open (already
        submitted by a double click or another tab)."""
        self.ensure_one()
        self.flush_recordset(["state"])
        self.env.cr.execute(
            "SELECT state FROM customer_portal_order_draft WHERE id = %s FOR UPDATE", [self.id]
        )
        row = self.env.cr.fetchone()
        self.invalidate_recordset(["state", "order_id"])
        return bool(row and row[0] == "open")

    def _submit(self):
        """Create the sale order of the draft; return (order, problem). A draft
        submitted already returns its order."""
        self.ensure_one()
        if not self._lock_for_submit():
            return self.sudo().order_id, ""
        step = self._first_incomplete_step()
        if step != "final":
            return self.env["sale.order"], self._get_step_problem(step)
        try:
            with self.env.cr.savepoint():
                order_sudo = self._create_order()
        except (UserError, ValidationError) as error:
            _logger.info("Portal order draft %s not submitted: %s", self.id, error)
            return self.env["sale.order"], _(
                "We could not register your order: %(reason)s Please contact us.",
                reason=error.args[0],
            )
        self.write({"state": "submitted", "order_id": order_sudo.id})
        self._send_acknowledgement(order_sudo)
        return order_sudo, ""

    def _prepare_order_vals(self):
        self.ensure_one()
        return {
            "partner_id": self.partner_id.id,
            "company_id": self.company_id.id,
            "client_order_ref": self.client_order_ref or False,
            "route_order_type": self.route_order_type,
            "web_origin": "link" if self.link_id else "portal",
            "web_quote_request": self.quote_request,
        }

    def _create_order(self):
        """Create the order with its stops and goods through route_orders' models,
        as superuser: the caller checked the draft is the user's."""
        self.ensure_one()
        draft_sudo = self.sudo()
        draft_sudo._create_sites()
        order_sudo = self.env["sale.order"].sudo().create(self._prepare_order_vals())
        stops_sudo = draft_sudo.stop_ids.sorted(lambda s: (s.kind != "collection", s.sequence))
        route_stops = (
            self.env["route.stop"]
            .sudo()
            .create(
                [
                    dict(stop._prepare_route_stop_vals(), order_id=order_sudo.id)
                    for stop in stops_sudo
                ]
            )
        )
        stop_map = dict(zip(stops_sudo, route_stops, strict=True))
        self.env["route.goods"].sudo().create(
            [
                dict(
                    goods._prepare_route_goods_vals(),
                    stop_id=stop_map[goods.stop_id].id,
                    delivery_stop_id=stop_map[goods.delivery_stop_id].id
                    if goods.delivery_stop_id
                    else False,
                )
                for goods in draft_sudo.goods_ids
            ]
        )
        order_sudo._portal_ensure_token()  # the confirmation page and e-mail link to it
        user_partner = self.env.user.partner_id
        order_sudo.message_subscribe(partner_ids=(self.partner_id | user_partner).ids)
        if not self.quote_request:
            order_sudo.action_confirm()
        self._post_order_message(order_sudo)
        return order_sudo

    def _create_sites(self):
        """Save the new addresses the customer asked to keep as sites."""
        Form = self.env["portal.extranet.form"]
        user = self.env.user
        for stop in self.stop_ids.filtered(lambda s: s.save_as_site and not s.partner_id):
            if not self._can_save_sites():
                break
            values = {
                "name": stop.site_name or stop.city,
                "street": stop.street,
                "street2": stop.street2,
                "zip": stop.zip,
                "city": stop.city,
                "country_id": stop.country_id.id,
                "type": "delivery",
                "parent_id": self.partner_id.id,
            }
            site = self.env["res.partner"].sudo().create(values)
            Form._log_changes(user, site, values, _("%(name)s added", name=site.name))
            stop.partner_id = site

    def _post_order_message(self, order_sudo):
        """Log who sent the order and how, with the customer's notes and documents."""
        attachments_sudo = self.sudo().attachment_ids
        # message_post moves pending attachments of the poster to the order
        attachments_sudo.write({"res_model": "mail.compose.message", "res_id": 0})
        what = _("Quote request") if self.quote_request else _("Order")
        body = Markup("<p>%s</p>") % _(
            "%(what)s sent by %(user)s in the customer portal.",
            what=what,
            user=self.env.user.partner_id.name,
        )
        if self.note:
            body += Markup("<p>%s</p>") % _("Notes: %(note)s", note=self.note)
        order_sudo.message_post(
            body=body,
            author_id=self.env.user.partner_id.id,
            attachment_ids=attachments_sudo.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_note",
        )

    def _send_acknowledgement(self, order_sudo):
        """Queue the acknowledgement e-mail to the user who sent the order (sent
        by the mail queue, after the transaction is committed)."""
        template = self.env.ref(
            "customer_portal_orders.mail_template_portal_order_received", raise_if_not_found=False
        )
        partner = self.env.user.partner_id
        if not template or not partner.email:
            return
        template.sudo().with_context(portal_order_lang=partner.lang).send_mail(
            order_sudo.id,
            force_send=False,
            email_values={"recipient_ids": [Command.link(partner.id)]},
        )
