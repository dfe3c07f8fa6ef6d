from . import pos_portal
