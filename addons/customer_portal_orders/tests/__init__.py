from . import test_portal_orders
from . import test_route_stop_access
from . import test_cancel_link
from . import test_cancel_link_http
from . import test_web_orders
from . import test_order_pages
