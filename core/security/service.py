"""Access decisions of one registry: model access rights, record rules and field groups.

What the rows of ``ir.model.access``, ``ir.rule`` and ``res.groups`` say is read once and kept
until they change (a signal through the database tells the other processes); each decision
for a user is then a dictionary lookup.
"""
from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

from core.domain.parse import AND_, OR_, normalize
from core.exceptions import AccessError, ValidationError
from core.i18n import _, translate
from core.safe_eval import base_scope, safe_eval

if TYPE_CHECKING:
    from core.records.environment import Environment
    from core.registry.registry import Registry

OPERATIONS = ("read", "write", "create", "unlink")


class Security:
    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self._lock = threading.RLock()
        self.clear()

    def clear(self) -> None:
        with getattr(self, "_lock", threading.RLock()):
            # what is remembered on top of these caches (good password checks) holds for one generation
            self.generation = getattr(self, "generation", 0) + 1
            self._acl: dict[str, list[tuple[int | None, dict[str, bool]]]] | None = None
            self._rules: dict[str, list[dict[str, Any]]] | None = None
            self._groups_of: dict[int, frozenset[int]] = {}
            self._group_xmlids: dict[str, int | None] = {}
            self._decisions: dict[tuple[int, str, str], bool] = {}
            # uid -> (current company first, then the user's others; all of them): rules read it on
            # every request, so it is kept like the groups and dropped with them when users change
            self._companies_of: dict[int, tuple[tuple[int, ...], frozenset[int]]] = {}

    @property
    def enabled(self) -> bool:
        return "ir.model.access" in self.registry.models and "res.users" in self.registry.models

    # -- groups ----------------------------------------------------------------------------
    def user_groups(self, env: Environment) -> frozenset[int]:
        """Ids of the user's groups, implied groups included."""
        uid = env.uid
        groups = self._groups_of.get(uid)
        if groups is None:
            sudo = env(su=True)
            direct = set(sudo["res.users"].browse(uid).exists().groups_id.ids)
            implied = self._implied_map(sudo)
            pending, groups_set = list(direct), set(direct)
            while pending:
                for other in implied.get(pending.pop(), ()):
                    if other not in groups_set:
                        groups_set.add(other)
                        pending.append(other)
            groups = frozenset(groups_set)
            self._groups_of[uid] = groups
        return groups

    @staticmethod
    def _implied_map(sudo: Environment) -> dict[int, list[int]]:
        groups = sudo["res.groups"].with_context(active_test=False).search([])
        return {group.id: group.implied_ids.ids for group in groups}

    def group_id(self, env: Environment, xml_id: str) -> int | None:
        if xml_id not in self._group_xmlids:
            record = env(su=True).ref(xml_id.strip(), raise_if_not_found=False)
            self._group_xmlids[xml_id] = record.id if record is not None else None
        return self._group_xmlids[xml_id]

    def user_in_any_group(self, env: Environment, groups_csv: str) -> bool:
        if env.su:
            return True
        if not self.enabled:
            return True
        mine = self.user_groups(env)
        for xml_id in groups_csv.split(","):
            xml_id = xml_id.strip()
            negate = xml_id.startswith("!")
            group = self.group_id(env, xml_id.lstrip("!"))
            if negate:
                if group is None or group not in mine:
                    return True
            elif group is not None and group in mine:
                return True
        return False

    # -- model access ----------------------------------------------------------------------
    def _load_acl(self, env: Environment) -> dict[str, list[tuple[int | None, dict[str, bool]]]]:
        if self._acl is None:
            acl: dict[str, list[tuple[int | None, dict[str, bool]]]] = {}
            sudo = env(su=True)
            for line in sudo["ir.model.access"].with_context(active_test=True).search([]):
                perms = {op: bool(line[f"perm_{op}"]) for op in OPERATIONS}
                acl.setdefault(line.model_id.model, []).append((line.group_id.id or None, perms))
            self._acl = acl
        return self._acl

    def has_model_access(self, env: Environment, model: str, operation: str) -> bool:
        if env.su or not self.enabled:
            return True
        key = (env.uid, model, operation)
        decision = self._decisions.get(key)
        if decision is None:
            groups = self.user_groups(env)
            decision = any(perms.get(operation) and (group is None or group in groups)
                           for group, perms in self._load_acl(env).get(model, ()))
            self._decisions[key] = decision
        return decision

    def check_model(self, env: Environment, model: str, operation: str) -> None:
        """AccessError naming the model and the operation unless the user's groups grant it."""
        if not self.has_model_access(env, model, operation):
            description = translate(env.registry.models[model]._description if model in env.registry.models
                                    else model)
            raise AccessError(_denied(operation, description, model))

    # -- record rules ----------------------------------------------------------------------
    def _load_rules(self, env: Environment) -> dict[str, list[dict[str, Any]]]:
        if self._rules is None:
            rules: dict[str, list[dict[str, Any]]] = {}
            if "ir.rule" in self.registry.models:
                sudo = env(su=True)
                for rule in sudo["ir.rule"].search([]):
                    rules.setdefault(rule.model_id.model, []).append({
                        "domain": rule.domain_force or "[]",
                        "groups": frozenset(rule.groups.ids),
                        "perms": {op: bool(rule[f"perm_{op}"]) for op in OPERATIONS},
                        "name": rule.name,
                    })
            self._rules = rules
        return self._rules

    def rule_domain(self, env: Environment, model: str, operation: str) -> list[Any] | None:
        """The domain the user's records must match for ``operation``, or None when unrestricted."""
        if env.su or not self.enabled:
            return None
        rules = [r for r in self._load_rules(env).get(model, ()) if r["perms"][operation]]
        if not rules:
            return None
        cache = env.cr.data.setdefault("rule_domains", {})
        key = (env.uid, model, operation, tuple(env.context.get("allowed_company_ids") or ()))
        if key in cache:
            return cache[key]
        groups = self.user_groups(env)
        scope = self.eval_scope(env)
        global_domains, group_domains = [], []
        for rule in rules:
            domain = self._evaluate(rule, scope)
            if not rule["groups"]:
                global_domains.append(domain)
            elif rule["groups"] & groups:
                group_domains.append(domain)
        parts = list(global_domains)
        if group_domains:
            parts.append(OR_(group_domains))
        combined = AND_(parts) if parts else None
        cache[key] = combined or None
        return cache[key]

    @staticmethod
    def _evaluate(rule: dict[str, Any], scope: dict[str, Any]) -> list[Any]:
        try:
            return normalize(safe_eval(rule["domain"], scope))
        except ValidationError as error:
            raise ValidationError(_("Record rule %(rule)r has an invalid domain: %(reason)s",
                                    rule=rule["name"], reason=error.message)) from None

    def eval_scope(self, env: Environment) -> dict[str, Any]:
        """Names a rule's domain may use: ``user``, ``uid``, ``company_ids`` (the companies the user works
        in now) and ``company_id`` (the current one)."""
        sudo = env(su=True)
        user = sudo["res.users"].browse(env.uid)
        company_ids = self.allowed_company_ids(env) if "res.company" in env.registry.models else []
        scope = base_scope()
        scope.update({"user": user, "uid": env.uid, "company_ids": company_ids,
                      "company_id": company_ids[0] if company_ids else False})
        return scope

    def allowed_company_ids(self, env: Environment) -> list[int]:
        """The companies of ``allowed_company_ids`` in the context (the first is the current one), or all
        the user's companies (theirs first), as Odoo; asking for a company the user does not belong to is
        an AccessError."""
        ordered, members = self._user_companies(env)
        requested = env.context.get("allowed_company_ids")
        if not requested:
            return list(ordered)
        if isinstance(requested, (int, str)) or not all(isinstance(c, int) for c in requested):
            raise AccessError(_("Invalid allowed_company_ids %(value)r: expected a list of company ids.",
                                value=requested))
        if not env.su:
            unknown = sorted(set(requested) - members)
            if unknown:
                raise AccessError(_("Access to unauthorized or invalid companies: %(ids)s.",
                                    ids=", ".join(str(c) for c in unknown)))
        return list(requested)

    def _user_companies(self, env: Environment) -> tuple[tuple[int, ...], frozenset[int]]:
        cached = self._companies_of.get(env.uid)
        if cached is None:
            user = env(su=True)["res.users"].browse(env.uid)
            current, members = user.company_id.ids, user.company_ids.ids
            cached = (tuple(current + [c for c in members if c not in current]), frozenset(members))
            self._companies_of[env.uid] = cached
        return cached


def _denied(operation: str, description: str, model: str) -> str:
    """The message of a refused ``operation``, naming the model."""
    if operation == "read":
        return _("You are not allowed to read %(description)s (%(model)s) records. Ask your administrator "
                 "for access.", description=description, model=model)
    if operation == "write":
        return _("You are not allowed to modify %(description)s (%(model)s) records. Ask your "
                 "administrator for access.", description=description, model=model)
    if operation == "create":
        return _("You are not allowed to create %(description)s (%(model)s) records. Ask your "
                 "administrator for access.", description=description, model=model)
    return _("You are not allowed to delete %(description)s (%(model)s) records. Ask your administrator for "
             "access.", description=description, model=model)
