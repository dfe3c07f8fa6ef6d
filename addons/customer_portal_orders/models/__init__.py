from . import sale_order
from . import res_company
from . import res_config_settings
from . import res_partner
from . import customer_portal_order_draft_stop
from . import customer_portal_order_draft_goods
from . import customer_portal_order_draft
from . import customer_portal_order_link
