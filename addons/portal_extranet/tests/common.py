from odoo.tests import new_test_user


def create_customer_company(env, name, login):
    """Create a customer company with one portal user; return (company, user)."""
    company = env["res.partner"].create({"name": name, "is_company": True})
    contact = env["res.partner"].create(
        {"name": f"{name} Buyer", "parent_id": company.id, "email": f"{login}@example.com"}
    )
    user = new_test_user(
        env,
        login=login,
        groups="base.group_portal",
        partner_id=contact.id,
        password=f"{login}-pass",
    )
    return company, user
