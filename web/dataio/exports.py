"""Export screen: the selected records or all matching ones, chosen fields (related fields by dotted
path), as CSV or XLSX."""

from __future__ import annotations

import json
from typing import Any

from flask import Response, redirect, request, url_for

from core.exceptions import UserError
from core.exchange.files import export_table, path_label
from core.exchange.mapping import importable_fields
from core.i18n import _, translate
from core.records.environment import Environment
from web.client.actions import check_reachable
from web.client.pages import page
from web.client.request_env import flash, with_env
from web.dataio import bp

MIMETYPES = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def _ids(text: str | None) -> list[int]:
    return [int(part) for part in (text or "").split(",") if part.strip().isdigit()]


def _domain(text: str | None) -> list[Any]:
    if not text:
        return []
    try:
        domain = json.loads(text)
    except ValueError:
        raise UserError(_("The search to export is not a valid domain.")) from None
    if not isinstance(domain, list):
        raise UserError(_("The search to export is not a valid domain."))
    return domain


def _model(env: Environment, model: str) -> Any:
    if model not in env or env.registry.models[model]._abstract:
        raise UserError(_("Unknown model %(model)s", model=model))
    records = env[model]
    records.check_access_rights("read")
    check_reachable(env, model)  # the users' export is for administrators, as their pages are
    return records


@bp.get("/export/<model>")
@with_env(readonly=True)
def export_form(env: Environment, model: str) -> Any:
    ids, domain = _ids(request.args.get("ids")), request.args.get("domain", "")

    records = _model(env, model)
    fields = sorted(
        ((name, translate(field.string or name)) for name, field in importable_fields(records).items()
         if not field.secret),  # write-only: an export column of it would only ever be empty
        key=lambda item: item[1].lower(),
    )
    total = records.search_count(_domain(domain))
    templates = env["ir.exports"].search([("resource", "=", model)])
    template = templates.browse(request.args.get("template", type=int) or 0) & templates
    chosen = template.export_fields.mapped("name") if template else ["name", "display_name"]
    known = {name for name, _label in fields}
    return page(
        env,
        "dataio/export.html",
        title=_("Export"),
        model=model,
        model_label=records._model_description(),
        fields=fields,
        ids=",".join(map(str, ids)),
        selected=len(ids),
        domain=domain,
        total=total,
        templates=[(t.id, t.name) for t in templates],
        template_id=template.id if template else None,
        chosen=set(chosen),
        extra=", ".join(path for path in chosen if path not in known),
    )


def _posted_paths() -> list[str]:
    paths = [path.strip() for path in request.form.getlist("fields") if path.strip()]
    paths += [path.strip() for path in request.form.get("extra", "").split(",") if path.strip()]
    return list(dict.fromkeys(paths))


@bp.post("/export/<model>/template")
@with_env()
def save_template(env: Environment, model: str) -> Any:
    """Keep the chosen fields as an export template (``ir.exports``) under a name."""
    records = _model(env, model)
    name = request.form.get("template_name", "").strip()
    if not name:
        raise UserError(_("Give the export template a name (field Template name)."))
    paths = _posted_paths()
    if not paths:
        raise UserError(_("Choose at least one field to keep in the template."))
    for path in paths:
        path_label(records, path)
    template = env["ir.exports"].create(
        {"name": name, "resource": model, "export_fields": [(0, 0, {"name": path}) for path in paths]}
    )
    flash(_("Export template %(name)s saved.", name=name), "success")
    return redirect(url_for("dataio.export_form", model=model, template=template.id,
                            ids=request.form.get("ids") or None, domain=request.form.get("domain") or None))


@bp.post("/export/<model>")
@with_env()
def export(env: Environment, model: str) -> Response:
    paths = _posted_paths()
    file_format = request.form.get("format", "csv")
    if file_format not in MIMETYPES:
        raise UserError(_("Unsupported export format %(format)r: use csv or xlsx", format=file_format))
    scope, labels = request.form.get("scope", "all"), request.form.get("header") == "labels"

    records = _model(env, model)
    ids = _ids(request.form.get("ids"))
    found = (
        records.browse(ids).exists()
        if scope == "selected" and ids
        else records.search(_domain(request.form.get("domain")))
    )
    for path in paths:
        path_label(records, path)
    if not paths:
        raise UserError(_("Choose at least one field to export."))
    content = export_table(found, paths, file_format, labels)
    filename = f"{model.replace('.', '_')}.{file_format}"
    return Response(
        content,
        mimetype=MIMETYPES[file_format],
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
