from . import auth_signup
from . import portal
from . import account_portal
from . import cards_portal
