from . import test_portal_orders
from . import test_route_stop_access
from . import test_order_wizard
from . import test_order_wizard_http
from . import test_order_link
