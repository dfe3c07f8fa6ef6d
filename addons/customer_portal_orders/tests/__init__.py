from . import test_portal_orders
from . import test_route_stop_access
from . import test_document_access_http
from . import test_quick_order
from . import test_order_upload
from . import test_status_digest
from . import test_status_concurrency
