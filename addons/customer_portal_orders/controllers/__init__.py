from . import order_wizard
from . import order_link
