from markupsafe import Markup

from odoo import _, api, models
from odoo.tools import single_email_re

SITE_TYPES = ("delivery", "other", "invoice")


class PortalExtranetForm(models.AbstractModel):
    """Reads and writes the extranet's self-service forms (company, sites, contacts)
    within the company's field settings and rights. Controllers only parse HTTP."""

    _name = "portal.extranet.form"
    _description = "Extranet Self-service Forms"

    # ------------------------------------------------------------------
    # Who may do what
    # ------------------------------------------------------------------
    @api.model
    def _is_manager(self, user):
        return user.partner_id.extranet_role == "manager"

    @api.model
    def _can(self, user, section, action):
        """May ``user`` (a portal user) ``action`` (add/edit/archive) in ``section``?"""
        if not self._is_manager(user):
            return False
        company = user.company_id
        if section == "company":
            return action == "edit"
        prefix = "extranet_sites_can_" if section == "site" else "extranet_contacts_can_"
        return bool(company[prefix + action])

    @api.model
    def _domain(self, user, section):
        commercial = user.partner_id.commercial_partner_id
        domain = [("parent_id", "=", commercial.id)]
        if section == "site":
            return [*domain, ("type", "in", SITE_TYPES)]
        return [*domain, ("type", "=", "contact"), ("is_company", "=", False)]

    @api.model
    def _get_record(self, user, section, record_id):
        """The section's record ``record_id`` if ``user`` may see it, else an empty
        recordset (callers answer like a missing page)."""
        partner = self.env["res.partner"].with_user(user).browse(int(record_id)).exists()
        if not partner or not partner.has_access("read"):
            return self.env["res.partner"]
        in_section = (
            self.env["res.partner"]
            .sudo()
            .search_count([*self._domain(user, section), ("id", "=", partner.id)])
        )
        return partner.sudo() if in_section else self.env["res.partner"]

    # ------------------------------------------------------------------
    # Forms
    # ------------------------------------------------------------------
    @api.model
    def _field_settings(self, user, section):
        return self.env["portal.extranet.field"]._get_settings(user.company_id, section)

    @api.model
    def _parse(self, user, section, post, record=None):
        """Return (values to write, errors by field) from the posted form: only
        shown and editable fields of the section are read, anything else is ignored."""
        Partner = self.env["res.partner"]
        values, errors = {}, {}
        for setting in self._field_settings(user, section):
            name = setting["name"]
            if not setting["editable"] or name not in post:
                continue
            if name in ("name", "vat") and record and not record.can_edit_vat():
                continue
            raw = (post.get(name) or "").strip()
            if not raw:
                if setting["required"]:
                    errors[name] = _("This field is required.")
                else:
                    values[name] = False
                continue
            value, error = self._parse_value(Partner, name, raw, post)
            if error:
                errors[name] = error
            else:
                values[name] = value
        return values, errors

    @api.model
    def _parse_value(self, Partner, name, raw, post):
        if name in ("country_id", "extranet_membership_class_id"):
            model = "res.country" if name == "country_id" else "portal.membership.class"
            record = self.env[model].sudo().browse(int(raw) if raw.isdigit() else 0).exists()
            return (record.id, "") if record else (False, _("Choose a value from the list."))
        if name == "type":
            return (raw, "") if raw in SITE_TYPES else (False, _("Choose a value from the list."))
        if name == "email":
            return (raw, "") if single_email_re.match(raw) else (False, _("Enter a valid e-mail."))
        if name in ("phone", "mobile"):
            country = self.env["res.country"].browse(
                int(post["country_id"]) if str(post.get("country_id", "")).isdigit() else 0
            )
            formatted = Partner._extranet_format_phone(raw, country.exists())
            return (formatted, "") if formatted else (False, _("Enter a valid phone number."))
        return raw, ""

    @api.model
    def _log_changes(self, user, record, values, title):
        """Write what a customer changed in the commercial partner's chatter."""
        fields_ = record._fields
        items = Markup("").join(
            Markup("<li>%s: %s</li>")
            % (
                fields_[name]._description_string(self.env),
                fields_[name].convert_to_display_name(record[name], record) or "",
            )
            for name in values
        )
        body = Markup("<p>%s</p><ul>%s</ul>") % (
            _("%(title)s by %(user)s in the portal.", title=title, user=user.name),
            items,
        )
        record.commercial_partner_id.message_post(body=body)

    @api.model
    def save(self, user, section, post, record=None):
        """Create or update a record of the section for ``user``. Return
        (record, errors); nothing is written when there are errors."""
        action = "edit" if record else "add"
        if not self._can(user, section, action):
            return record, {"common": _("You are not allowed to do this.")}
        values, errors = self._parse(user, section, post, record=record)
        if errors:
            return record, errors
        role = post.get("extranet_role")
        # managers set their colleagues' role, never their own
        if section == "contact" and role in ("manager", "member") and record != user.partner_id:
            values["extranet_role"] = role
        if record:
            record.write(values)
            self._log_changes(user, record, values, _("%(name)s updated", name=record.name))
            return record, {}
        values["parent_id"] = user.partner_id.commercial_partner_id.id
        if section == "contact":
            values["type"] = "contact"
        values.setdefault("type", "delivery")
        record = self.env["res.partner"].sudo().create(values)
        self._log_changes(user, record, values, _("%(name)s added", name=record.name))
        return record, {}

    @api.model
    def set_portal_access(self, user, contact, grant=True):
        """Invite a colleague (or send the invitation again) or revoke their access,
        through Odoo's portal wizard, as staff would."""
        line = contact.sudo()._extranet_portal_wizard_line()
        if grant and line.is_portal:
            line.action_invite_again()
        elif grant:
            line.action_grant_access()
        elif line.is_portal:
            line.action_revoke_access()
        action = _("invited") if grant else _("access revoked")
        contact.commercial_partner_id.message_post(
            body=_(
                "%(name)s %(action)s by %(user)s in the portal.",
                name=contact.name,
                action=action,
                user=user.name,
            )
        )

    @api.model
    def set_role(self, user, contact, role):
        if not self._is_manager(user) or role not in ("manager", "member"):
            return False
        contact.extranet_role = role
        return True

    @api.model
    def archive(self, user, section, record):
        if not self._can(user, section, "archive") or record == user.partner_id:
            return False
        record.active = False
        record.commercial_partner_id.message_post(
            body=_("%(name)s removed by %(user)s in the portal.", name=record.name, user=user.name)
        )
        return True
