from . import ir_http
from . import portal_communication_topic
from . import portal_communication_preference
from . import portal_forget_request
from . import res_company
from . import res_config_settings
from . import res_partner
