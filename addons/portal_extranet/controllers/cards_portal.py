"""Cards: the customer company's e-wallets, gift cards and loyalty cards.

Odoo's loyalty portal shows a person's own loyalty cards and e-wallets in the sidebar only.
B2B customers see every card of their company here (cards of the company or of any of its
contacts). Which cards a portal user may read is decided by the record rules of
``security/cards_security.xml``: the cards are searched with the user's own environment
first, and only the records found are read with ``sudo()`` (the program, the balance
display).

Where a card can be used depends on which modules are installed: ``sale_loyalty``
(``sale_ok``), ``website_sale_loyalty`` (``ecommerce_ok``) and ``pos_loyalty``
(``pos_ok``) each add a flag to ``loyalty.program``; this module depends on none of them.
"""

from urllib.parse import quote

from werkzeug.exceptions import NotFound

from odoo import _, fields, http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from .portal import searchbar_page

CARD_TYPES = ("ewallet", "gift_card", "loyalty")
MONEY_TYPES = ("ewallet", "gift_card")
CARDS_URL = "/my/cards"


class ExtranetCardsPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _extranet_card_type_labels(self):
        return {
            "ewallet": _("E-wallet"),
            "gift_card": _("Gift card"),
            "loyalty": _("Loyalty card"),
        }

    def _extranet_card_channels(self):
        """Program flag -> label; only flags of installed modules are shown."""
        return (
            ("sale_ok", _("Sales orders")),
            ("ecommerce_ok", _("Online shop")),
            ("pos_ok", _("Point of Sale")),
        )

    def _extranet_cards_domain(self):
        # The record rules restrict portal users to their company's cards; the partner
        # filter only keeps staff browsing the portal to their own company as well.
        partner = request.env.user.partner_id.commercial_partner_id
        return [
            ("partner_id", "child_of", partner.id),
            ("program_type", "in", CARD_TYPES),
        ]

    def _extranet_card_searchbar_sortings(self):
        return {
            "program": {"label": _("Program"), "order": "program_id, id desc"},
            "expiry": {"label": _("Expiry date"), "order": "expiration_date, id desc"},
            "newest": {"label": _("Newest"), "order": "id desc"},
        }

    def _extranet_card_searchbar_filters(self):
        filters = {"all": {"label": _("All"), "domain": []}}
        for card_type, label in self._extranet_card_type_labels().items():
            filters[card_type] = {"label": label, "domain": [("program_type", "=", card_type)]}
        return filters

    @staticmethod
    def _extranet_mask_code(code):
        code = code or ""
        return "•••• " + code[-4:] if len(code) > 4 else code

    def _extranet_card_info(self, card_sudo):
        """Display values of one card (already checked with the user's rights)."""
        program_sudo = card_sudo.program_id
        card_type = program_sudo.program_type
        channels = [
            label
            for fname, label in self._extranet_card_channels()
            if fname in program_sudo._fields and program_sudo[fname]
        ]
        today = fields.Date.context_today(card_sudo)
        return {
            "card": card_sudo,
            "program_name": program_sudo.name,
            "type": card_type,
            "type_label": self._extranet_card_type_labels().get(card_type, card_type),
            "is_money": card_type in MONEY_TYPES,
            "currency": card_sudo.currency_id,
            "points_display": card_sudo.points_display,
            "masked_code": self._extranet_mask_code(card_sudo.code),
            "expired": bool(card_sudo.expiration_date and card_sudo.expiration_date < today),
            "channels": channels,
        }

    # ------------------------------------------------------------------
    # Home counter
    # ------------------------------------------------------------------
    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "card_count" in counters:
            Card = request.env["loyalty.card"]
            values["card_count"] = (
                Card.search_count(self._extranet_cards_domain()) if Card.has_access("read") else 0
            )
        return values

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route(
        [CARDS_URL, f"{CARDS_URL}/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def extranet_cards(self, page=1, sortby=None, filterby=None, **_kw):
        Card = request.env["loyalty.card"]
        if not Card.has_access("read"):
            raise NotFound()
        searchbar = (
            self._extranet_card_searchbar_sortings(),
            self._extranet_card_searchbar_filters(),
            sortby,
            filterby,
            "program",
        )
        cards, values = searchbar_page(
            self, Card, self._extranet_cards_domain(), CARDS_URL, searchbar, page
        )
        values.update(
            cards=[self._extranet_card_info(card_sudo) for card_sudo in cards.sudo()],
            page_name="extranet_cards",
        )
        return request.render("portal_extranet.portal_my_cards", values)

    @http.route(
        [f"{CARDS_URL}/<int:card_id>", f"{CARDS_URL}/<int:card_id>/page/<int:page>"],
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def extranet_card(self, card_id, page=1, **_kw):
        Card = request.env["loyalty.card"]
        if not Card.has_access("read"):
            raise NotFound()
        # The user's own rights decide: another company's card is simply not found.
        card = Card.search([("id", "=", card_id), *self._extranet_cards_domain()], limit=1)
        if not card:
            raise NotFound()
        History = request.env["loyalty.history"]
        history_domain = [("card_id", "=", card.id)]
        pager = portal_pager(
            url=f"{CARDS_URL}/{card.id}",
            total=History.search_count(history_domain),
            page=page,
            step=self._items_per_page,
        )
        history = History.search(history_domain, limit=self._items_per_page, offset=pager["offset"])
        card_sudo = card.sudo()
        values = self._prepare_portal_layout_values()
        values.update(
            info=self._extranet_card_info(card_sudo),
            history=history,
            pager=pager,
            page_name="extranet_card",
            qr_url=f"/report/barcode/QR/{quote(card_sudo.code, safe='')}?width=200&height=200",
        )
        return request.render("portal_extranet.portal_my_card", values)
