"""Users: their partner, groups, companies and preferences (authentication is in res_users_auth.py)."""
from __future__ import annotations

from typing import Any

from addons.base.models.res_lang import installed_languages
from addons.base.models.res_users_auth import forget_checks, hash_password
from core import _, model, public
from core.exceptions import UserError, ValidationError
from core.records.environment import SUPERUSER_ID

# what users may change on their own record without rights on res.users (Odoo's SELF_WRITEABLE_FIELDS, and
# the password: the web client asks for the old one first, RPC clients use change_password)
SELF_WRITABLE = frozenset({"lang", "tz", "signature", "email", "name", "image_1920", "company_id",
                           "password"})
# changes that alter what a user may do: access caches of every process are dropped
ACCESS_FIELDS = frozenset({"groups_id", "active", "company_ids", "company_id", "partner_id"})


@model("res.users")
class ResUsers:
    # -- defaults and computes -------------------------------------------------------------
    def _default_groups(self) -> list[Any]:
        """The groups of the default user template (Settings › Default Access Rights), as Odoo gives
        them to users created without groups; internal user when there is no template."""
        template = self.env.ref("base.default_user", raise_if_not_found=False)
        if template is not None and template.sudo().groups_id:
            return [(6, 0, template.sudo().groups_id.ids)]
        group = self.env.ref("base.group_user", raise_if_not_found=False)
        return [(6, 0, [group.id])] if group else []

    def _default_company_ids(self) -> list[Any]:
        company = self.env.company if "res.company" in self.env else None
        return [(6, 0, [company.id])] if company else []

    def _lang_get(self) -> list[tuple[str, str]]:
        """The options of ``lang``: the active languages."""
        return installed_languages(self.env)

    def _compute_share(self) -> None:
        internal = self.env.ref("base.group_user", raise_if_not_found=False)
        for user in self:
            user.share = not (internal and internal in user.groups_id)

    def _compute_new_password(self) -> None:
        for user in self:
            user.new_password = ""  # write-only: writing it sets the password (see _password_vals)

    def _compute_display_name(self) -> None:
        for user in self:
            user.display_name = user.name or user.login or ""

    # -- create, write, unlink -------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        prepared = []
        for vals in vals_list:
            vals = self._password_vals(vals)
            password = vals.pop("password", None)
            if not vals.get("partner_id"):
                partner_vals = {"name": vals.get("name") or vals.get("login"), "email": vals.get("email")}
                for key in ("lang", "tz"):
                    if vals.get(key):
                        partner_vals[key] = vals[key]
                vals["partner_id"] = self.env["res.partner"].create(
                    {k: v for k, v in partner_vals.items() if v}).id
            if password:
                vals["password"] = hash_password(self._check_password_strength(password))
            prepared.append(vals)
        users = super().create(prepared)
        for user in users:
            if user.company_id and user.company_id not in user.company_ids:
                user.company_ids = [(4, user.company_id.id)]
            if user.partner_id.company_id and user.partner_id.company_id != user.company_id:
                user.partner_id.sudo().company_id = False
        self.env.registry.security.clear()
        return users

    @staticmethod
    def _password_vals(vals: dict[str, Any]) -> dict[str, Any]:
        """``vals`` with ``new_password`` (Odoo's write-only field) turned into ``password``: a filled
        one sets the password with every check of a password change, an empty one changes nothing."""
        vals = dict(vals)
        new_password = vals.pop("new_password", None)
        if new_password:
            vals["password"] = new_password
        return vals

    def write(self, vals: dict[str, Any]) -> bool:
        vals = self._password_vals(vals)
        if not self.env.su and self.ids == [self.env.uid] and set(vals) <= SELF_WRITABLE:
            self._check_own_company(vals)
            # users change their own preferences without rights on res.users
            return self.sudo().write(vals)
        vals = dict(vals)
        if "active" in vals and not vals["active"] and self.env.uid in self.ids and not self.env.su:
            raise UserError(_("You cannot archive the user you are logged in as."))
        if "password" in vals:
            password = vals.pop("password")
            if password:
                vals["password"] = hash_password(self._check_password_strength(password))
        result = super().write(vals)
        if "active" in vals:
            # an archived user's contact is archived with it, and comes back with it
            self.sudo().mapped("partner_id").write({"active": bool(vals["active"])})
        if "password" in vals or ACCESS_FIELDS & set(vals):
            self._forget_checks(self.ids)
            # the other processes drop their remembered checks with their access caches
            self.env.registry.signal_changes(self.env.cr)
        return result

    def _forget_checks(self, uids: list[int]) -> None:
        """Forget the remembered password checks of ``uids`` now, and again when the transaction ends:
        at commit a check running meanwhile in another thread may have remembered the old password, at
        rollback a check in this transaction may have remembered the new one."""
        db = self.env.registry.db_name

        def forget() -> None:
            for uid in uids:
                forget_checks(db, uid)

        forget()
        self.env.cr.postcommit.append(forget)
        self.env.cr.postrollback.append(forget)

    def _check_own_company(self, vals: dict[str, Any]) -> None:
        company = vals.get("company_id")
        if company and company not in self.sudo().company_ids.ids:
            raise ValidationError(_("You can only switch to a company you belong to."), field="company_id")

    def unlink(self) -> bool:
        protected = {SUPERUSER_ID, self.env.uid}
        admin = self.env.ref("base.user_admin", raise_if_not_found=False)
        if admin is not None:
            protected.add(admin.id)
        if protected & set(self.ids) and not self.env.context.get("install_mode"):
            raise UserError(_("You cannot delete the system user, the administrator, or yourself; archive "
                              "users instead."))
        ids = list(self.ids)
        result = super().unlink()
        self._forget_checks(ids)
        self.env.registry.signal_changes(self.env.cr)
        return result

    # -- groups, preferences and context ---------------------------------------------------
    def has_group(self, group_xmlid: str) -> bool:
        """Whether the user belongs to the group (implied groups included)."""
        self.ensure_one()
        group_id = self.env.registry.security.group_id(self.env, group_xmlid)
        if group_id is None:
            return False
        env = self.env(user=self.id, su=False)
        return group_id in self.env.registry.security.user_groups(env)

    @public
    def context_get(self) -> dict[str, Any]:
        """The user's context: language, time zone and uid."""
        user = self.env.user
        return {"lang": user.lang or "en_US", "tz": user.tz or False, "uid": user.id}

    @public
    def preference_save(self) -> bool:
        return True

    @public
    def switch_company(self, company_id: int) -> bool:
        """Make ``company_id`` (one of the user's companies) the current one; True."""
        self.env["res.users"].browse(self.env.uid).write({"company_id": company_id})
        return True
