"""ir.ui.menu: the menu tree, the menus a user may see, and ``action``, the ``model,id`` reference Odoo's
scripts read and write beside ``action_id``."""
from __future__ import annotations

from typing import Any

from core import _, model
from core.exceptions import ValidationError
from core.i18n import DEFAULT_LANG, LANGUAGES

# the action models a menu may open (Odoo also has server and client actions; this suite has window ones)
ACTION_MODELS = ("ir.actions.act_window",)


@model("ir.ui.menu")
class IrUiMenu:
    def _compute_complete_name(self) -> None:
        # the path in each language that translates a part of it, so that a menu's display name follows
        # the context's language (the others read the English path)
        active = self.env["res.lang"].sudo().search([("active", "=", True)])
        langs = set(LANGUAGES) | set(active.mapped("code"))
        for menu in self:
            paths = {}
            for lang in sorted(langs):
                own = menu.with_context(lang=lang)
                parent = own.parent_id.complete_name if menu.parent_id else ""
                paths[lang] = f"{parent}/{own.name or ''}" if parent else (own.name or "")
            english = paths[DEFAULT_LANG]
            others = {lang: path for lang, path in paths.items() if path != english}
            menu.complete_name = {DEFAULT_LANG: english, **others}

    def _visible_menu_ids(self) -> set[int]:
        """Menus the user may see: groups allow it, its action's model is readable, its parents visible."""
        menus = self.sudo().search([])
        security = self.env.registry.security
        groups = security.user_groups(self.env) if not self.env.su and security.enabled else None
        visible: set[int] = set()
        for menu in menus:
            if groups is not None and menu.groups_id and not set(menu.groups_id.ids) & groups:
                continue
            action = menu.action_id
            if action and action.res_model in self.env and not self.env[action.res_model].check_access_rights(
                    "read", raise_exception=False):
                continue
            visible.add(menu.id)
        parents = {menu.id: menu.parent_id.id for menu in menus}
        result = set()
        for menu_id in visible:
            current, ok = parents.get(menu_id), True
            while current:
                if current not in visible:
                    ok = False
                    break
                current = parents.get(current)
            if ok:
                result.add(menu_id)
        # a menu without an action only shows when something below it does
        with_action = {m.id for m in menus if m.action_id}
        children: dict[int, list[int]] = {}
        for menu_id, parent in parents.items():
            if parent:
                children.setdefault(parent, []).append(menu_id)

        def useful(menu_id: int) -> bool:
            return menu_id in with_action or any(useful(c) for c in children.get(menu_id, ()) if c in result)

        return {m for m in result if useful(m)}

    def _compute_action(self) -> None:
        for menu in self:
            menu.action = f"{menu.action_id._name},{menu.action_id.id}" if menu.action_id else False

    def _inverse_action(self) -> None:
        for menu in self:
            menu.action_id = self._action_id_of(menu.action)

    def _search_action(self, operator: str, value: Any) -> list[Any]:
        if operator not in ("=", "!=", "in", "not in"):
            raise ValidationError(_("Invalid leaf ('action', %(operator)r, ...): menus are searched by "
                                    "action with =, !=, in or not in.", operator=operator))
        if operator in ("in", "not in"):
            values = value if isinstance(value, (list, tuple)) else [value]
            return [("action_id", operator, [self._action_id_of(v, must_exist=False) for v in values])]
        return [("action_id", operator, self._action_id_of(value, must_exist=False))]

    def _action_id_of(self, reference: Any, must_exist: bool = True) -> int | bool:
        """The window action id of a ``model,id`` reference (False for none); a clear error otherwise."""
        if reference in (False, None, ""):
            return False
        model_name, _comma, text = str(reference).partition(",")
        if not text.strip().isdigit():
            raise ValidationError(_("Invalid action %(value)r for a menu: expected 'model,id', for example "
                                    "'ir.actions.act_window,42'.", value=reference), field="action")
        if model_name.strip() not in ACTION_MODELS:
            raise ValidationError(_("Invalid action %(value)r for a menu: menus open window actions "
                                    "(%(models)s).", value=reference, models=", ".join(ACTION_MODELS)),
                                  field="action")
        action_id = int(text)
        if must_exist and not self.env[model_name.strip()].sudo().browse(action_id).exists():
            raise ValidationError(_("Invalid action %(value)r for a menu: that action does not exist.",
                                    value=reference), field="action")
        return action_id
