from odoo.tests import new_test_user


class CancelLinkSetupMixin:
    """Two customer companies with a portal user each, and helpers to build orders."""

    @classmethod
    def _setup_customers(cls):
        cls.env.company.route_cancel_cutoff_hours = 24
        cls.company_a, cls.user_a = cls._customer("Kestrel Cancel Oy", "cl_a")
        cls.company_b, cls.user_b = cls._customer("Lynx Cancel ApS", "cl_b")
        cls.colleague_a = new_test_user(
            cls.env,
            login="cl_a2",
            groups="base.group_portal",
            partner_id=cls.env["res.partner"]
            .create(
                {
                    "name": "Kestrel Colleague",
                    "parent_id": cls.company_a.id,
                    "email": "c@k.example.com",
                }
            )
            .id,
            password="cl_a2-pass",
        )
        cls.shared_route = cls.env["route.route"].create(
            {"name": "Cancel test route", "code": "CTR"}
        )

    @classmethod
    def _customer(cls, name, login):
        company = cls.env["res.partner"].create(
            {"name": name, "is_company": True, "email": f"office@{login}.example.com"}
        )
        contact = cls.env["res.partner"].create(
            {"name": f"{name} Buyer", "parent_id": company.id, "email": f"{login}@example.com"}
        )
        user = new_test_user(
            cls.env,
            login=login,
            groups="base.group_portal",
            partner_id=contact.id,
            password=f"{login}-pass",
        )
        return company, user

    @classmethod
    def _route_order(cls, company, day, hour=10.0, shared=False, confirm=True, goods=None):
        """A confirmed 1 -> 1 order of ``company`` whose stops are at ``day`` ``hour`` UTC."""
        vals = {
            "partner_id": company.id,
            "route_order_type": "one_to_one",
            "route_stop_ids": [
                (
                    0,
                    0,
                    {
                        "kind": kind,
                        "partner_id": company.id,
                        "sequence": seq,
                        "time_mode": "slot",
                        "date": day,
                        "time_from": hour,
                        "time_to": hour + 1,
                        "tz": "UTC",
                    },
                )
                for seq, kind in enumerate(("collection", "delivery"), start=1)
            ],
        }
        if shared:
            vals.update(route_transport="shared", route_id=cls.shared_route.id, route_date=day)
        order = cls.env["sale.order"].create(vals)
        if goods:
            cls.env["route.goods"].create(
                {"stop_id": order.route_stop_ids[0].id, "description": goods, "quantity": 2}
            )
        if confirm:
            order.action_confirm()
        return order
