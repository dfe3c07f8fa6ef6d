from . import cancel_link
from . import portal
