"""The studio's "Add a filter" form of a search view: a label and a domain become a filter of the view's
filters (the view's checks refuse a domain naming a field the model lacks, naming it)."""

from __future__ import annotations

from typing import Any

from flask import redirect, request

from core.exceptions import ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client.request_env import flash
from web.studio import arch_edit, bp, editor
from web.studio.access import studio_route
from web.studio.fields import FormErrors, slug
from web.studio.routes import _refused_in, _view_param, editor_url
from web.studio.store import check_stamp, load, save


def filter_node(arch: dict[str, Any], label: str, domain: str) -> dict[str, Any]:
    """The filter node for the form's values (a name made from the label, unique among the filters)."""
    errors = {}
    if not label:
        errors["label"] = _("Give the filter a label, e.g. My visits.")
    if not domain:
        errors["domain"] = _("Write the domain the filter applies, e.g. [('user_id', '=', uid)].")
    if errors:
        raise FormErrors(errors)
    taken = {arch_edit.plain_name(key) for key in arch_edit.field_names(arch, "search")}
    taken |= {node.get("filter") or node.get("separator") for node in arch.get("filters") or []}
    base = f"x_{slug(label)[:40] or 'filter'}"
    name, counter = base, 2
    while name in taken:
        name, counter = f"{base}_{counter}", counter + 1
    return {"filter": name, "string": label, "domain": domain}


def _filter_refused(env: Environment, error: Exception, model: str) -> Any:
    return _refused_in("filter", answer_script=False)(env, error, model, "search")


@bp.post("/<model>/search/filter")
@studio_route(recover=_filter_refused)
def add_filter(env: Environment, model: str) -> Any:
    """Add a filter at the end of the search view's filters."""
    form = request.form
    editor.studio_model(env, model, "search")
    view = load(env, model, "search", _view_param())
    check_stamp(view, form.get("stamp"))
    node = filter_node(view.arch, (form.get("label") or "").strip(), (form.get("domain") or "").strip())
    position = arch_edit.Position("inside", "filters")
    try:
        save(env, view, arch_edit.place(view.arch, "search", node, position), None)
    except ValidationError as error:
        raise FormErrors({"domain": error.message}) from None
    flash(_("The filter %(label)s has been added.", label=node["string"]), "success")
    return redirect(editor_url(model, "search"))
