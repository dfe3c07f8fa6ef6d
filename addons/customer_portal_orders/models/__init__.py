from . import sale_order
from . import customer_portal_cancel_link
