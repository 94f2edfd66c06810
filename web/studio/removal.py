"""Deleting a custom field from the studio: what the deletion would lose (shown before the consultant
confirms), and the deletion itself, once the studio's own views no longer show the field.

Views of addons that show the field keep it: the record API then refuses the deletion and names them.
Stored values go with the field once the consultant confirms; the record API saves them first in a CSV
file attached to the model, which an import into the field created again takes back."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from core.addon.customizations_ui import CUSTOMIZATION_MODULE
from core.exceptions import UserError
from core.i18n import _, translate
from core.records.environment import Environment
from web.studio import arch_edit
from web.studio.store import load, rebased, save


@dataclass
class Deletion:
    name: str
    label: str
    values: int


def custom_field(env: Environment, model: str, name: str) -> Any:
    """The ir.model.fields row of a custom field of ``model`` (UserError for any other field)."""
    row = env["ir.model.fields"].search([("model", "=", model), ("name", "=", name)], limit=1)
    if not row or row.state != "manual":
        raise UserError(
            _("Only custom fields can be deleted; %(name)s comes from an addon.", name=name)
            if row
            else _("%(model)s has no field %(name)s.", model=model, name=name)
        )
    return row


def deletion(env: Environment, model: str, name: str) -> Deletion:
    """What deleting the custom field ``name`` loses: the number of records holding a value."""
    row = custom_field(env, model, name)
    records = env[model].sudo().with_context(active_test=False)
    field = records._fields[name]
    if field.type == "boolean":
        count = records.search_count([(name, "=", True)])
    elif field.store or field.type in ("many2many", "one2many"):
        count = records.search_count([(name, "!=", False)])
    else:
        count = 0
    return Deletion(name, translate(row.field_description or name), count)


def delete_field(env: Environment, model: str, name: str) -> tuple[str, str | None]:
    """Take the field out of the studio's views of ``model``, then delete it with its values; the field's
    label and the name of the file its values were saved in (None when it held none)."""
    row = custom_field(env, model, name)
    label = translate(row.field_description or name)
    for view in _studio_views(env, model):
        if not view.exists():  # an extension left without changes by its primary's turn
            continue
        primary = view if view.mode == "primary" else view.inherit_id
        current = load(env, model, primary.type, primary.id)
        arranged = arch_edit.remove(current.arch, primary.type, name)
        if view.mode == "primary" and name in arch_edit.field_names(view.arch or {}, view.type):
            view.write({"arch": arch_edit.remove(view.arch, view.type, name)})
            current = rebased(env, current)
        save(env, current, arranged, None)
    row.unlink()
    return label, _saved_file(env, model, name)


def _saved_file(env: Environment, model: str, name: str) -> str | None:
    """The file the record API has just saved the field's values in."""
    ir_model = env["ir.model"].search([("model", "=", model)], limit=1)
    saved = env["ir.attachment"].sudo().search([("res_model", "=", "ir.model"), ("res_id", "=", ir_model.id),
                                                ("name", "=like", f"{model}.{name}-%.csv")],
                                               order="id desc", limit=1)
    return saved.name or None


def _studio_views(env: Environment, model: str) -> list[Any]:
    """The studio's views of ``model``: generated views it stored first, then its extensions."""
    Views = env["ir.ui.view"].with_context(active_test=False)
    views = Views.search([("model", "=", model), ("type", "in", list(arch_edit.SECTIONS))])
    ours = env["ir.model.data"].search_read(
        [("module", "=", CUSTOMIZATION_MODULE), ("model", "=", "ir.ui.view"), ("res_id", "in", views.ids)],
        ["res_id"],
    )
    ids = {row["res_id"] for row in ours}
    mine = views.filtered(lambda view: view.id in ids)
    return sorted(mine, key=lambda view: (view.mode != "primary", view.id))
