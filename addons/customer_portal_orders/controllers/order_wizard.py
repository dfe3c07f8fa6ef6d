import re

from werkzeug.exceptions import NotFound

from odoo import fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

WIZARD_URL = "/my/orders/new"
BLOCK_KEY = re.compile(r"^(stop|goods)-(\d+)-(\w+)$")


def parse_blocks(post, prefix):
    """Posted ``<prefix>-<index>-<input>`` fields as a list of dicts, by index."""
    blocks = {}
    for key, value in post.items():
        match = BLOCK_KEY.match(key)
        if match and match.group(1) == prefix:
            blocks.setdefault(int(match.group(2)), {})[match.group(3)] = value
    return [blocks[index] for index in sorted(blocks)]


class OrderWizardPortal(CustomerPortal):
    """The step-by-step transport order wizard at /my/orders/new. Parses the
    forms and renders; the draft model validates and stores every step."""

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _order_wizard_draft(self, draft_id):
        """The current user's draft ``draft_id``; anything else is a missing page."""
        draft = request.env["customer.portal.order.draft"]._get_for_user(draft_id)
        if not draft or draft.state == "cancelled":
            raise NotFound()
        return draft

    def _order_wizard_url(self, draft, step):
        return f"{WIZARD_URL}/{draft.id}/{step}"

    def _order_wizard_values(self, draft, step, **values):
        Draft = request.env["customer.portal.order.draft"]
        steps = draft._get_steps() if draft else Draft._get_steps()
        labels = Draft._step_labels()
        reachable = draft._first_incomplete_step() if draft else "type"
        result = self._prepare_portal_layout_values()
        result.update(
            page_name="order_wizard",
            draft=draft,
            step=step,
            steps=[(key, labels[key]) for key in steps],
            step_index=steps.index(step),
            reachable_index=steps.index(reachable),
            wizard_url=WIZARD_URL,
            errors={},
        )
        result.update(values)
        return result

    def _order_wizard_render(self, draft, step, **values):
        values = self._order_wizard_values(draft, step, **values)
        getattr(self, f"_order_wizard_{step}_values")(draft, values)
        return request.render(f"customer_portal_orders.order_wizard_step_{step}", values)

    def _order_wizard_next(self, draft, step, offset=1):
        steps = draft._get_steps()
        index = min(max(steps.index(step) + offset, 0), len(steps) - 1)
        return request.redirect(self._order_wizard_url(draft, steps[index]))

    # ------------------------------------------------------------------
    # Step values (what each template needs)
    # ------------------------------------------------------------------
    def _order_wizard_type_values(self, draft, values):
        Draft = request.env["customer.portal.order.draft"]
        selection = dict(Draft._fields["route_order_type"]._description_selection(request.env))
        allowed = draft._allowed_order_types() if draft else list(selection)
        values.setdefault("chosen_type", draft.route_order_type if draft else "")
        values["order_types"] = [(code, selection[code]) for code in allowed]

    def _order_wizard_account_values(self, draft, values):
        values["accounts"] = request.env.user.partner_id._portal_order_accounts()
        values.setdefault("chosen_account", str(draft.partner_id.id or ""))

    def _order_wizard_stops_values(self, draft, kind, values):
        if "blocks" not in values:
            stored = draft._stops(kind)
            values["blocks"] = [stop._as_input() for stop in stored] or [
                draft._default_stop_input()
            ]
        _low, high = draft._stop_limits(kind)
        values.update(
            kind=kind,
            can_add=not high or len(values["blocks"]) < high,
            sites=draft._get_sites(),
            can_save_sites=draft._can_save_sites(),
            countries=request.env["res.country"].sudo().search([]),
            lead_hours=draft.company_id.portal_order_lead_hours,
            min_date=fields.Date.to_string(fields.Date.context_today(draft)),
            block_errors=values.get("block_errors", {}),
        )

    def _order_wizard_collection_values(self, draft, values):
        self._order_wizard_stops_values(draft, "collection", values)

    def _order_wizard_delivery_values(self, draft, values):
        self._order_wizard_stops_values(draft, "delivery", values)

    def _order_wizard_goods_values(self, draft, values):
        if "rows" not in values:
            values["rows"] = [
                {
                    "id": str(goods.id),
                    "stop": str(goods.stop_id.id),
                    "delivery": str(goods.delivery_stop_id.id or ""),
                    "description": goods.description,
                    "packaging_type_id": str(goods.packaging_type_id.id or ""),
                    **{name: f"{goods[name]:g}" for name in ("quantity", "weight")},
                    **{name: f"{goods[name]:g}" for name in ("length", "width", "height")},
                }
                for goods in draft.goods_ids
            ] or [draft._default_goods_input()]
        values.update(
            collections=draft._stops("collection"),
            deliveries=draft._stops("delivery"),
            packaging_types=draft._packaging_types(),
            row_errors=values.get("row_errors", {}),
        )

    def _order_wizard_final_values(self, draft, values):
        kind = "quote" if draft.quote_request else "order"
        values.setdefault(
            "form",
            {
                "note": draft.note or "",
                "client_order_ref": draft.client_order_ref or "",
                "request_kind": kind,
            },
        )
        company = draft.company_id
        values.update(
            attachments=draft.sudo().attachment_ids,
            file_errors=values.get("file_errors", []),
            max_files=company.portal_order_max_files,
            max_file_mb=company.portal_order_max_file_mb,
            accept=",".join(
                f".{ext}"
                for ext in sorted(request.env["customer.portal.order.draft"]._document_extensions())
            ),
        )

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route(WIZARD_URL, type="http", auth="user", website=True, methods=["GET"])
    def order_wizard_start(self, **_kw):
        draft = request.env["customer.portal.order.draft"]._get_open_draft()
        if draft:
            return request.redirect(self._order_wizard_url(draft, draft._first_incomplete_step()))
        return self._order_wizard_render(draft, "type")

    @http.route(WIZARD_URL, type="http", auth="user", website=True, methods=["POST"])
    def order_wizard_create(self, route_order_type=None, **_post):
        draft = request.env["customer.portal.order.draft"]._start()
        errors = draft._save_type(route_order_type)
        if errors:
            return self._order_wizard_render(draft, "type", errors=errors)
        return self._order_wizard_next(draft, "type")

    @http.route(
        f"{WIZARD_URL}/<int:draft_id>/<string:step>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def order_wizard_step(self, draft_id, step, **_kw):
        draft = self._order_wizard_draft(draft_id)
        if draft.state == "submitted":
            return request.redirect(f"{WIZARD_URL}/{draft.id}/done")
        if step not in draft._get_steps():
            raise NotFound()
        if not draft._can_open_step(step):
            return request.redirect(self._order_wizard_url(draft, draft._first_incomplete_step()))
        return self._order_wizard_render(draft, step)

    @http.route(
        f"{WIZARD_URL}/<int:draft_id>/<string:step>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def order_wizard_step_save(self, draft_id, step, wizard_action="next", **post):
        draft = self._order_wizard_draft(draft_id)
        if draft.state == "submitted":
            return request.redirect(f"{WIZARD_URL}/{draft.id}/done")
        if step not in draft._get_steps() or not draft._can_open_step(step):
            raise NotFound()
        return getattr(self, f"_order_wizard_post_{step}")(draft, wizard_action, post)

    @http.route(
        f"{WIZARD_URL}/<int:draft_id>/discard",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def order_wizard_discard(self, draft_id, **_post):
        draft = self._order_wizard_draft(draft_id)
        draft.action_discard()
        return request.redirect(WIZARD_URL)

    @http.route(
        f"{WIZARD_URL}/<int:draft_id>/done",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def order_wizard_done(self, draft_id, **_kw):
        draft = self._order_wizard_draft(draft_id)
        if draft.state != "submitted" or not draft.sudo().order_id:
            raise NotFound()
        order_sudo = draft.sudo().order_id
        values = self._prepare_portal_layout_values()
        values.update(page_name="order_wizard", draft=draft, order=order_sudo)
        return request.render("customer_portal_orders.order_wizard_done", values)

    # ------------------------------------------------------------------
    # Step posts
    # ------------------------------------------------------------------
    def _order_wizard_post_type(self, draft, _action, post):
        errors = draft._save_type(post.get("route_order_type"))
        if errors:
            return self._order_wizard_render(draft, "type", errors=errors)
        return self._order_wizard_next(draft, "type")

    def _order_wizard_post_account(self, draft, action, post):
        errors = draft._save_account(post.get("partner_id"))
        if errors and action != "back":
            return self._order_wizard_render(
                draft, "account", errors=errors, chosen_account=post.get("partner_id")
            )
        return self._order_wizard_next(draft, "account", -1 if action == "back" else 1)

    def _order_wizard_post_collection(self, draft, action, post):
        return self._order_wizard_post_stops(draft, "collection", action, post)

    def _order_wizard_post_delivery(self, draft, action, post):
        return self._order_wizard_post_stops(draft, "delivery", action, post)

    def _order_wizard_post_stops(self, draft, kind, action, post):
        blocks = parse_blocks(post, "stop")
        if action == "add":
            blocks.append(draft._default_stop_input())
            return self._order_wizard_render(draft, kind, blocks=blocks)
        if action.startswith("remove-"):
            index = int(action.split("-")[1]) if action.split("-")[1].isdigit() else -1
            blocks = [block for position, block in enumerate(blocks) if position != index]
            return self._order_wizard_render(draft, kind, blocks=blocks)
        errors = draft._save_stops(kind, blocks)
        if action == "back":
            return self._order_wizard_next(draft, kind, -1)
        if errors:
            return self._order_wizard_render(
                draft,
                kind,
                blocks=blocks,
                block_errors=errors,
                errors={"common": errors.get("common", "")},
            )
        return self._order_wizard_next(draft, kind)

    def _order_wizard_post_goods(self, draft, action, post):
        rows = parse_blocks(post, "goods")
        if action == "add":
            rows.append(draft._default_goods_input())
            return self._order_wizard_render(draft, "goods", rows=rows)
        if action.startswith("remove-"):
            index = int(action.split("-")[1]) if action.split("-")[1].isdigit() else -1
            rows = [row for position, row in enumerate(rows) if position != index]
            return self._order_wizard_render(draft, "goods", rows=rows)
        errors = draft._save_goods(rows)
        if action == "back":
            return self._order_wizard_next(draft, "goods", -1)
        if errors:
            return self._order_wizard_render(
                draft,
                "goods",
                rows=rows,
                row_errors=errors,
                errors={"common": errors.get("common", "")},
            )
        return self._order_wizard_next(draft, "goods")

    def _order_wizard_uploaded_files(self):
        """The uploaded documents as (filename, content), read up to one byte
        more than the size limit (the model refuses bigger files)."""
        company = request.env.company
        limit = int((company.portal_order_max_file_mb or 10.0) * 1024 * 1024) + 1
        return [
            (upload.filename, upload.read(limit))
            for upload in request.httprequest.files.getlist("documents")
            if upload.filename
        ]

    def _order_wizard_post_final(self, draft, action, post):
        form = {key: post.get(key, "") for key in ("note", "client_order_ref", "request_kind")}
        file_errors = draft._add_documents(self._order_wizard_uploaded_files())
        if action.startswith("remove_document-"):
            draft._remove_document(action.split("-")[1])
        errors = draft._save_final(post)
        if action == "back":
            return self._order_wizard_next(draft, "final", -1)
        if action != "submit" or errors or file_errors:
            return self._order_wizard_render(
                draft, "final", form=form, errors=errors, file_errors=file_errors
            )
        order_sudo, problem = draft._submit()
        if not order_sudo:
            return self._order_wizard_render(draft, "final", form=form, errors={"common": problem})
        return request.redirect(f"{WIZARD_URL}/{draft.id}/done")
