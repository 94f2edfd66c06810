"""The technical models of the back office (Settings › Technical) and how each list and form looks."""

from __future__ import annotations

from dataclasses import dataclass

from core.i18n import _


def _l(text: str) -> str:
    """Mark a label for the catalogs; it is translated when a page shows it."""
    return text


@dataclass(frozen=True)
class TechnicalModel:
    """One model in the back office: its list columns, search fields, filters and form fields."""

    model: str
    slug: str
    label: str
    columns: tuple[str, ...]
    search: tuple[str, ...] = ()
    filters: tuple[str, ...] = ()
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
        columns=("name", "login", "company_id", "share", "active"),
        search=("name", "login"),
        filters=("active", "share", "company_id", "groups_id"),
        form=("name", "login", "new_password", "email", "lang", "tz", "company_id", "company_ids",
              "groups_id", "active"),
    ),
    TechnicalModel(
        "res.groups",
        "groups",
        _l("Groups"),
        columns=("full_name", "category_id", "share"),
        search=("name",),
        filters=("category_id", "share"),
        form=("name", "category_id", "implied_ids", "share", "comment"),
    ),
    TechnicalModel(
        "ir.model.access",
        "access",
        _l("Access Rights"),
        columns=(
            "name",
            "model_id",
            "group_id",
            "perm_read",
            "perm_write",
            "perm_create",
            "perm_unlink",
            "active",
        ),
        search=("name",),
        filters=("model_id", "group_id", "active"),
    ),
    TechnicalModel(
        "ir.rule",
        "rules",
        _l("Record Rules"),
        columns=("name", "model_id", "domain_force", "global", "active"),
        search=("name", "domain_force"),
        filters=("model_id", "global", "active"),
    ),
    TechnicalModel(
        "ir.model",
        "models",
        _l("Models"),
        columns=("model", "name", "state", "modules", "transient"),
        search=("model", "name"),
        filters=("state", "transient"),
        form=("name", "model", "info", "order", "is_mail_thread"),
    ),
    TechnicalModel(
        "ir.model.fields",
        "fields",
        _l("Fields"),
        columns=("model", "name", "field_description", "ttype", "required", "state"),
        search=("name", "field_description", "model"),
        filters=("model", "ttype", "state", "required"),
        form=("model_id", "name", "field_description", "ttype", "relation", "selection", "required", "help"),
    ),
    TechnicalModel(
        "ir.ui.view",
        "views",
        _l("Views"),
        columns=("name", "model", "type", "mode", "priority", "inherit_id", "active"),
        search=("name", "model"),
        filters=("model", "type", "mode", "active"),
        form=("name", "model", "type", "mode", "inherit_id", "priority", "groups_id", "active", "arch"),
    ),
    TechnicalModel(
        "ir.ui.menu",
        "menus",
        _l("Menus"),
        columns=("complete_name", "action_id", "sequence", "active"),
        search=("name",),
        filters=("active",),
        form=("name", "parent_id", "action_id", "sequence", "web_icon", "groups_id", "active"),
    ),
    TechnicalModel(
        "ir.sequence",
        "sequences",
        _l("Sequences"),
        columns=("name", "code", "prefix", "padding", "number_next", "active"),
        search=("name", "code"),
        filters=("active",),
    ),
    TechnicalModel(
        "ir.model.data",
        "external_ids",
        _l("External IDs"),
        columns=("module", "name", "model", "res_id", "noupdate"),
        search=("module", "name", "model"),
        filters=("module", "model", "noupdate"),
        form=("module", "name", "model", "res_id", "noupdate"),
    ),
    TechnicalModel(
        "ir.schema.migration",
        "migrations",
        _l("Migration Log"),
        columns=("create_date", "operation", "table_name", "column_name", "details", "destructive", "reason"),
        search=("name", "table_name", "reason"),
        filters=("operation", "table_name", "destructive"),
        read_only=True,
    ),
    TechnicalModel(
        "ir.mail_server",
        "mail_servers",
        _l("Outgoing Mail Servers"),
        columns=("sequence", "name", "smtp_host", "smtp_port", "smtp_encryption", "smtp_user", "active"),
        search=("name", "smtp_host"),
        filters=("smtp_encryption", "active"),
        form=("name", "smtp_host", "smtp_port", "smtp_encryption", "smtp_user", "smtp_pass", "sequence",
              "active"),
    ),
    TechnicalModel(
        "mail.mail",
        "emails",
        _l("Emails"),
        columns=("create_date", "subject", "email_from", "recipient_ids", "state", "failure_reason"),
        search=("subject", "email_to", "email_from"),
        filters=("state",),
        form=("subject", "email_from", "email_to", "recipient_ids", "body_html", "state", "auto_delete"),
    ),
)
