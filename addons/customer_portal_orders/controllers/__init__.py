from . import quick_order
from . import order_upload
from . import cancel_link
from . import portal
