from . import res_company
from . import res_config_settings
from . import route_packaging_type
from . import route_route
from . import route_stop
from . import route_goods
from . import sale_order
from . import sale_order_line
