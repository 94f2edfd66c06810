"""Views written through the record API (RPC, scripts, the studio) pass the checks of addon views.

An ``arch`` may be our view definition (a dict) or Odoo XML text, converted on the way in (see
``core.addon.odoo_xml``); an extension's arch is its ``changes``. Anything that would break the view
for its users is refused with a ValidationError naming the problem, before it is stored."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.addon.arch_nodes import ArchError
from core.addon.odoo_xml import xml_to_arch
from core.addon.odoo_xml_inherit import xml_to_changes
from core.addon.view_arch import apply_changes, primary_of, resolved_arch
from core.addon.view_checks import action_buttons, check_arch
from core.exceptions import ValidationError
from core.i18n import _
from core.loader.validate import first_violation

if TYPE_CHECKING:
    from core.records.environment import Environment
    from core.records.model import BaseModel

# Odoo's names of the arch column, accepted as ``arch``
ARCH_ALIASES = ("arch_base", "arch_db")
CHECKED_KEYS = frozenset({"arch", "type", "model", "inherit_id", "mode", *ARCH_ALIASES})


def prepared_view_values(env: Environment, vals: dict[str, Any],
                         view: BaseModel | None = None) -> dict[str, Any]:
    """``vals`` of a view to create (or of ``view`` to write) with the arch converted and checked."""
    vals = dict(vals)
    for alias in ARCH_ALIASES:
        if alias in vals:
            vals.setdefault("arch", vals.pop(alias))
    if view is not None and not CHECKED_KEYS & set(vals):
        return vals
    label = vals.get("name") or (view.name if view is not None else "") or "?"
    try:
        inherit_id = vals.get("inherit_id", view.inherit_id.id if view is not None else False)
        if inherit_id and vals.get("mode") == "primary":
            raise ArchError([], "a primary view cannot inherit another one here: copy its arch, or make "
                                "it an extension (mode: extension)")
        if inherit_id:
            _prepare_extension(env, vals, inherit_id, view)
        else:
            _prepare_primary(env, vals, view)
    except ArchError as error:
        where = ".".join(str(part) for part in error.path)
        raise ValidationError(_("Invalid view %(view)s: %(reason)s", view=label,
                                reason=f"at '{where}': {error.reason}" if where else error.reason),
                              field="arch") from None
    return vals


def _prepare_primary(env: Environment, vals: dict[str, Any], view: BaseModel | None) -> None:
    arch = vals.get("arch", view.arch if view is not None else None)
    view_type = vals.get("type") or (view.type if view is not None else None)
    if isinstance(arch, str):
        xml_type, arch = xml_to_arch(arch)
        said = "list" if vals.get("type") == "tree" else vals.get("type")
        if said and said != xml_type:
            raise ArchError([], f"the arch is a {xml_type} view, but type says {vals['type']}")
        view_type = xml_type
    if view_type == "tree":
        view_type = "list"
    model = vals.get("model") or (view.model if view is not None else None)
    if not model or model not in env.registry.models:
        raise ArchError([], f"unknown model {model!r}: a view needs the model it shows")
    if not isinstance(arch, dict):
        raise ArchError([], "the arch must be a view definition or Odoo XML text")
    if view_type not in ("list", "form", "kanban", "calendar", "search", "pivot", "graph"):
        raise ArchError([], f"unknown view type {view_type!r}")
    violation = first_violation(arch, "view", f"{view_type}_arch")
    if violation:
        raise ArchError(*violation)
    check_arch(env[model], view_type, arch)
    _check_action_buttons(env, arch)
    vals.update(arch=arch, type=view_type, model=model)
    if view is None:
        vals.setdefault("mode", "primary")


def _prepare_extension(env: Environment, vals: dict[str, Any], inherit_id: int,
                       view: BaseModel | None) -> None:
    Views = env["ir.ui.view"].sudo()
    parent = Views.browse(inherit_id).exists()
    if not parent:
        raise ArchError([], f"the inherited view {inherit_id} does not exist")
    primary = primary_of(parent)
    arch = vals.get("arch", view.arch if view is not None else None)
    if isinstance(arch, str):
        arch = {"changes": xml_to_changes(arch, primary.type)}
    changes = arch.get("changes") if isinstance(arch, dict) else None
    if not isinstance(changes, list) or not changes:
        raise ArchError([], "an extension's arch is {'changes': [...]} or Odoo XML with <xpath> specs")
    for index, change in enumerate(changes):
        violation = first_violation(change, "view", "change")
        if violation:
            raise ArchError(["changes", index, *violation[0]], violation[1])
    exclude = frozenset({view.id}) if view is not None else frozenset()
    result = apply_changes(resolved_arch(env(su=True), primary, exclude), changes)
    check_arch(env[primary.model], primary.type, result)
    _check_action_buttons(env, changes)
    vals.update(arch={"changes": changes}, model=primary.model, type=primary.type, mode="extension")


def _check_action_buttons(env: Environment, value: Any) -> None:
    # the superuser's writes come from addon loading, which checks them once its files are loaded
    if env.su:
        return
    for path, xmlid in action_buttons(value):
        record = env(su=True).ref(xmlid, raise_if_not_found=False) if "." in xmlid else None
        if record is None or record._name != "ir.actions.act_window":
            raise ArchError(path, f"button '{xmlid}' does not name a window action")
