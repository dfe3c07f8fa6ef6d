from odoo import api, models

WEB_ORDERS_MENU = "customer_portal_orders.sale_order_menu_web_orders"


class IrUiMenu(models.Model):
    _inherit = "ir.ui.menu"

    @api.model
    def load_menus(self, debug):
        """Show how many web orders wait for staff next to the Web Orders menu.

        Odoo caches the menus per user; the count is added to a copy, on every load,
        so the web client's menu hash changes (and menus are fetched again) whenever
        the count does.
        """
        menus = super().load_menus(debug)
        menu = self.env.ref(WEB_ORDERS_MENU, raise_if_not_found=False)
        if not menu or menu.id not in menus:
            return menus
        count = self.env["sale.order"]._get_web_orders_to_acknowledge_count()
        if not count:
            return menus
        menus = dict(menus)
        menus[menu.id] = dict(menus[menu.id], name=f"{menus[menu.id]['name']} ({count})")
        return menus
