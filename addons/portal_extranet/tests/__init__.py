from . import test_company_isolation
from . import test_portal_http
from . import test_sections
from . import test_my_details
from . import test_self_service
from . import test_reset_password
from . import test_account_request
from . import test_invoices
