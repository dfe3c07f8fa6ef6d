from werkzeug.exceptions import NotFound

from odoo import models
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _pre_dispatch(cls, rule, args):
        result = super()._pre_dispatch(rule, args)
        cls._extranet_check_section(request.httprequest.path)
        return result

    @classmethod
    def _extranet_check_section(cls, path):
        """A section the company switched off answers like a missing page to customers."""
        if not path.startswith("/my/") or request.env.user._is_internal():
            return
        if request.env.company.sudo()._extranet_is_path_disabled(path):
            raise NotFound()
