"""Where imported orders come from: ``web_origin`` on the orders the importer creates.

Backend imports (the import wizard, scripts) mark their orders ``import``; the portal
upload runs the importer with the context key ``route_order_import_origin="upload"``
(its orders cannot be signed by the customer) and ``route_order_import_subscriber_id``
(the uploading contact follows the orders, besides the customer company).
"""

from odoo import api, models

ORIGIN_CONTEXT_KEY = "route_order_import_origin"
SUBSCRIBER_CONTEXT_KEY = "route_order_import_subscriber_id"


class RouteOrderImport(models.AbstractModel):
    _inherit = "route.order.import"

    @api.model
    def _web_origin(self):
        return self.env.context.get(ORIGIN_CONTEXT_KEY) or "import"

    @api.model
    def _validate_order(self, order, batch):
        plan = super()._validate_order(order, batch)
        if plan:
            origin = self._web_origin()
            plan["vals"]["web_origin"] = origin
            if origin == "upload":
                # staff confirm customer orders; the customer does not sign their own
                plan["vals"].update(require_signature=False, require_payment=False)
        return plan

    @api.model
    def _subscribe_customers(self, orders, plans):
        result = super()._subscribe_customers(orders, plans)
        subscriber_id = self.env.context.get(SUBSCRIBER_CONTEXT_KEY)
        if subscriber_id:
            orders.message_subscribe(partner_ids=[subscriber_id])
        return result
