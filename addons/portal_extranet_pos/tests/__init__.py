from . import test_pos_portal
