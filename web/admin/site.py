"""The technical models of the back office (Settings › Technical) and how each list and form looks."""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import _


def _l(text: str) -> str:
    """Mark a label for the catalogs; it is translated when a page shows it."""
    return text


@dataclass(frozen=True)
class TechnicalModel:
    """One model in the back office; its list's columns, search and filters come from the model's views
    (web/admin/layout.py), its form fields are named here (write-only secrets are in no view)."""

    model: str
    slug: str
    label: str
    form: tuple[str, ...] | None = None  # None: every field the user may change
    read_only: bool = False

    @property
    def endpoint(self) -> str:
        return f"technical_{self.slug}"

    def title(self) -> str:
        return _(self.label)


TECHNICAL: tuple[TechnicalModel, ...] = (
    TechnicalModel(
        "res.users",
        "users",
        _l("Users"),
        form=("name", "login", "new_password", "email", "lang", "tz", "company_id", "company_ids",
              "groups_id", "active"),
    ),
    TechnicalModel(
        "res.groups",
        "groups",
        _l("Groups"),
        form=("name", "category_id", "implied_ids", "share", "comment"),
    ),
    TechnicalModel(
        "ir.model.access",
        "access",
        _l("Access Rights"),
    ),
    TechnicalModel(
        "ir.rule",
        "rules",
        _l("Record Rules"),
    ),
    TechnicalModel(
        "ir.model",
        "models",
        _l("Models"),
        form=("name", "model", "info", "order", "is_mail_thread"),
    ),
    TechnicalModel(
        "ir.model.fields",
        "fields",
        _l("Fields"),
        form=("model_id", "name", "field_description", "ttype", "relation", "selection", "required", "help"),
    ),
    TechnicalModel(
        "ir.ui.view",
        "views",
        _l("Views"),
        form=("name", "model", "type", "mode", "inherit_id", "priority", "groups_id", "active", "arch"),
    ),
    TechnicalModel(
        "ir.ui.menu",
        "menus",
        _l("Menus"),
        form=("name", "parent_id", "action_id", "sequence", "web_icon", "groups_id", "active"),
    ),
    TechnicalModel(
        "ir.sequence",
        "sequences",
        _l("Sequences"),
    ),
    TechnicalModel(
        "ir.model.data",
        "external_ids",
        _l("External IDs"),
        form=("module", "name", "model", "res_id", "noupdate"),
    ),
    TechnicalModel(
        "ir.schema.migration",
        "migrations",
        _l("Migration Log"),
        read_only=True,
    ),
)
