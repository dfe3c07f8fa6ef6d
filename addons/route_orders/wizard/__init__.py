from . import route_regular_order_generate
from . import route_order_import_wizard
