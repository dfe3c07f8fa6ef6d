from . import route_stop
from . import sale_order
