from . import quick_order
from . import order_upload
