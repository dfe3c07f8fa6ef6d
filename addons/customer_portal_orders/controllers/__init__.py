from . import quick_order
from . import order_upload
from . import cancel_link
from . import portal
from . import order_wizard
from . import order_link
