from . import auth_signup
from . import portal
from . import account_portal
