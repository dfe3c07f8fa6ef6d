from . import test_order_type_rules
from . import test_stops_and_goods
from . import test_cancellation
from . import test_views
from . import test_import
from . import test_regular_orders
from . import test_regular_orders_concurrency
