"""Import screens: upload a CSV/XLSX file, check the column mapping, test it (dry run) and import."""

from __future__ import annotations

from typing import Any

from flask import request

from core.exceptions import UserError
from core.exchange.files import read_table
from core.exchange.load import Loader, import_context
from core.exchange.mapping import (
    describe_problems,
    importable_fields,
    map_columns,
    remember_mapping,
    remembered_mapping,
)
from core.i18n import _, translate
from core.records.environment import Environment
from web.client.pages import page
from web.client.request_env import after_commit, with_env
from web.dataio import bp, uploads

MAX_UPLOAD = 50 * 1024 * 1024
PREVIEW_ROWS = 5


def back_url() -> str | None:
    """Where the import was opened from (a list of the web client), carried along its pages so the last
    one leads back there; anything but a path of the client is ignored."""
    back = request.args.get("back") or ""
    return back if back.startswith("/web/") and "//" not in back and "\\" not in back else None


def _model(env: Environment, model: str) -> Any:
    if model not in env or env.registry.models[model]._abstract:
        raise UserError(_("Unknown model %(model)s", model=model))
    records = env[model]
    records.check_access_rights("create")
    return records


def field_choices(records: Any) -> list[tuple[str, str]]:
    """(path, label) of what a column may fill: fields, and external ids of relational fields."""
    choices = [("id", _("External ID"))]
    for name, field in sorted(
        importable_fields(records).items(), key=lambda item: translate(item[1].string or "")
    ):
        label = f"{translate(field.string or name)} ({name})"
        choices.append((name, label))
        if field.relational:
            choices.append((f"{name}/id", f"{label} / {_('External ID')}"))
    return choices


@bp.get("/import/<model>")
@with_env(readonly=True)
def upload_form(env: Environment, model: str) -> Any:
    return page(
        env,
        "dataio/import_upload.html",
        title=_("Import"),
        model=model,
        back=back_url(),
        model_label=_model(env, model)._model_description(),
    )


@bp.post("/import/<model>")
def upload(model: str) -> Any:
    file = request.files.get("file")
    if file is None or not file.filename:
        raise UserError(_("Choose a .csv or .xlsx file to import."))
    content = file.read(MAX_UPLOAD + 1)
    if len(content) > MAX_UPLOAD:
        raise UserError(_("The file is larger than %(size)s MB.", size=MAX_UPLOAD // (1024 * 1024)))
    header, rows = read_table(content, file.filename)
    token = uploads.store(content, file.filename, model)  # once, outside the (retried) transaction
    return _first_mapping(model, token, file.filename, header, rows)


@with_env(readonly=True)
def _first_mapping(
    env: Environment, model: str, token: str, filename: str, header: list[str], rows: list[list[Any]]
) -> Any:
    records = _model(env, model)
    fields = map_columns(records, header, remembered_mapping(env, model))
    return _mapping_page(records, model, token, filename, header, rows, fields, [])


@bp.post("/import/<model>/run")
@with_env()
def run(env: Environment, model: str) -> Any:
    token = request.form.get("token", "")
    content, filename = uploads.load(token, model)
    header, rows = read_table(content, filename)
    fields = [request.form.get(f"column_{index}") or None for index in range(len(header))]
    dry_run = request.form.get("action") != "import"
    tracking = request.form.get("tracking") == "1"

    records = _model(env, model)
    allowed = {path for path, _label in field_choices(records)}
    if any(field and field not in allowed for field in fields):
        raise UserError(_("A column is mapped to a field that cannot be imported."))
    problems, count = _load(records.with_context(**import_context(tracking)), header, rows, fields,
                            dry_run)
    if problems or dry_run:
        return _mapping_page(
            records, model, token, filename, header, rows, fields, problems, checked=count,
            tracking=tracking,
        )
    remember_mapping(env, model, header, fields)
    after_commit(lambda: uploads.discard(token))  # a retried attempt still finds the file
    return page(
        env,
        "dataio/import_done.html",
        title=_("Import"),
        model=model,
        back=back_url(),
        count=count,
        filename=filename,
        model_label=records._model_description(),
    )


def _load(
    records: Any, header: list[str], rows: list[list[Any]], fields: list[str | None], dry_run: bool
) -> tuple[list[Any], int]:
    """(problems, records written or checked): every problem of the file before anything is written."""
    keep = [index for index, field in enumerate(fields) if field]
    if not keep:
        raise UserError(_("Map at least one column to a field."))
    names = [fields[index] for index in keep]
    result = Loader(records, names, [[row[i] for i in keep] for row in rows], dryrun=dry_run).run()
    errors = [m for m in result["messages"] if m.get("type") == "error"]
    if result["ids"] is False or errors:
        return describe_problems(result["messages"], [header[i] for i in keep], names, len(rows)), 0
    return [], len(result["ids"])


def _mapping_page(
    records: Any,
    model: str,
    token: str,
    filename: str,
    header: list[str],
    rows: list[list[Any]],
    fields: list[str | None],
    problems: list[Any],
    checked: int | None = None,
    tracking: bool = False,
) -> str:
    return page(
        records.env,
        "dataio/import_map.html",
        title=_("Import"),
        model=model,
        back=back_url(),
        model_label=records._model_description(),
        token=token,
        filename=filename,
        header=header,
        preview=rows[:PREVIEW_ROWS],
        row_count=len(rows),
        fields=fields,
        choices=field_choices(records),
        problems=problems,
        checked=checked,
        tracking=tracking,
    )
