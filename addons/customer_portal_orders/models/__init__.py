from . import sale_order
from . import sale_order_quick
from . import route_order_import
