"""The studio's editor of a form or list: add a field, place one the view lacks, move, hide, show or take
out a field, delete a custom field, and undo every change of the view. Each change is one transaction
that stores metadata through the record API, then the editor shows the view again."""

from __future__ import annotations

from typing import Any

from flask import jsonify, redirect, request, url_for

from core.exceptions import ValidationError
from core.i18n import _
from core.records.environment import Environment
from web.client.pages import page
from web.client.request_env import flash
from web.studio import arch_edit, bp, editor, properties, removal
from web.studio.access import studio_route
from web.studio.arch_edit import Position
from web.studio.fields import FormErrors, field_values
from web.studio.store import StudioView, check_stamp, load, reset, save

KEPT_ARGS = ("view", "menu", "back")


def _view_param() -> int | None:
    raw = request.values.get("view", "")
    return int(raw) if raw.isdigit() else None


def editor_url(model: str, view_type: str, **extra: Any) -> str:
    """The editor of the view, keeping which view, app and return page the consultant came with."""
    kept = {key: request.values.get(key) for key in KEPT_ARGS if request.values.get(key)}
    return url_for("studio.editor_page", model=model, view_type=view_type, **kept, **extra)


def back_url(model: str, view_type: str) -> str:
    """Where "Close" leads: the page the studio was opened from, or the model's view."""
    back = request.values.get("back", "")
    if back.startswith("/web") and not back.startswith("//"):
        return back
    return url_for("client.model", model=model, view="list" if view_type == "list" else None)


def render_editor(
    env: Environment,
    model: str,
    view_type: str,
    forms: dict[str, dict[str, str]] | None = None,
    errors: dict[str, dict[str, str]] | None = None,
) -> str:
    records = editor.studio_model(env, model, view_type)
    view = load(env, model, view_type, _view_param())
    delete = request.args.get("delete")
    edit = request.values.get("edit") or ((forms or {}).get("edit") or {}).get("name")
    data = {
        "model": model,
        "model_label": records._model_description(),
        "view_type": view_type,
        "view_types": editor.VIEW_TYPES,
        "hideable": view_type in arch_edit.HIDEABLE,
        "outline": editor.outline(env, view),
        "positions": editor.position_choices(env, view),
        "default_position": editor.default_position(view),
        "addable": editor.addable_fields(env, view),
        "types": editor.studio_types(env),
        "relations": editor.relation_choices(env),
        "inverses": editor.inverse_choices(env, model),
        "stamp": view.stamp,
        "customized": bool(view.extension),
        "broken": view.broken,
        "forms": forms or {},
        "errors": errors or {},
        "deletion": removal.deletion(env, model, delete) if delete else None,
        "editing": properties.properties(env, model, edit) if edit else None,
        "preview": editor.list_preview(env, view) if view_type == "list" else None,
        "ribbons": arch_edit.ribbon_rows(view.arch) if view_type in arch_edit.RIBBON_VIEWS else None,
        "ribbon_colors": arch_edit.ribbon_colors(),
        "back": back_url(model, view_type),
        "url": lambda **extra: editor_url(model, view_type, **extra),
        "kept": {key: request.values.get(key) for key in KEPT_ARGS if request.values.get(key)},
    }
    title = _("Studio: %(model)s", model=data["model_label"])
    return page(env, "studio/editor.html", title=title, studio=data)


@bp.get("/<model>/<view_type>")
@studio_route(readonly=True)
def editor_page(env: Environment, model: str, view_type: str) -> Any:
    return render_editor(env, model, view_type)


def editor_again(env: Environment, model: str, view_type: str, form_name: str, errors: FormErrors) -> Any:
    """The editor with the submitted form and its errors (nothing was changed)."""
    forms = {form_name: request.form.to_dict()}
    return render_editor(env, model, view_type, forms, {form_name: errors.errors}), 422


def _refused_in(form_name: str | None, answer_script: bool = True) -> Any:
    """``recover`` of a change posted from the editor: the form ``form_name`` again with its errors,
    or the refusal as a message on the editor (a JSON answer for a script when ``answer_script``)."""

    def recover(env: Environment, error: Exception, model: str, view_type: str) -> Any:
        if isinstance(error, FormErrors) and form_name is not None:
            return editor_again(env, model, view_type, form_name, error)
        if isinstance(error, FormErrors) and answer_script:
            raise error  # a rearrangement has no form to show it on: the error page says it
        message = getattr(error, "message", str(error))
        if answer_script and request.headers.get("X-Requested-With") == "fetch":
            return jsonify({"error": message}), 409
        flash(message, "error")
        return redirect(editor_url(model, view_type))

    return recover


@bp.post("/<model>/<view_type>/add")
@studio_route(recover=_refused_in("add", answer_script=False))
def add_field(env: Environment, model: str, view_type: str) -> Any:
    """Create a custom field from the form and place it in the view."""
    form = request.form
    editor.studio_model(env, model, view_type)
    check_stamp(load(env, model, view_type, _view_param()), form.get("stamp"))
    try:
        values = field_values(model, form)
        position = Position.parse(form.get("position"))
        env["ir.model.fields"].create(values)
        view = load(env, model, view_type, _view_param())  # the registry of the transaction knows it now
        save(env, view, arch_edit.place(view.arch, view_type, {"field": values["name"]}, position), None)
    except ValidationError as error:
        raise FormErrors.from_validation(error) from None
    flash(_("The field %(label)s has been added.", label=values["field_description"]), "success")
    return redirect(editor_url(model, view_type))


@bp.post("/<model>/<view_type>/place")
@studio_route(recover=_refused_in("place"))
def place_field(env: Environment, model: str, view_type: str) -> Any:
    """Show a field of the model the view does not show yet."""
    name = request.form.get("name", "")

    def arrange(env: Environment, view: StudioView) -> dict[str, Any]:
        if name not in env[model]._fields or not env[model]._field_accessible(env[model]._fields[name]):
            raise ValidationError(_("Choose a field of the model."), field="name")
        position = Position.parse(request.form.get("position"))
        return arch_edit.place(view.arch, view_type, {"field": name}, position)

    return _edit(env, model, view_type, arrange)


@bp.post("/<model>/<view_type>/move")
@studio_route(recover=_refused_in(None))
def move_field(env: Environment, model: str, view_type: str) -> Any:
    """One step up or down among the field's neighbours, or (dragged) to a given position."""
    name = request.form.get("name", "")

    def arrange(env: Environment, view: StudioView) -> dict[str, Any]:
        if request.form.get("position"):
            node = arch_edit.find(view.arch, view_type, name)
            if node is None:
                raise ValidationError(_("The view has no field %(name)s.", name=name), field="name")
            position = Position.parse(request.form["position"])
            arch = view.arch
            target = (
                position.target
                if position.where == "inside"
                else arch_edit.section_of(view_type, position.target)
            )
            if arch_edit.section_of(view_type, name) not in (None, target):
                arch = arch_edit.remove(arch, view_type, name)  # dragged to another list of a search view
            return arch_edit.place(arch, view_type, node.node, position)
        step = -1 if request.form.get("direction") == "up" else 1
        return arch_edit.move(view.arch, view_type, name, step)

    return _edit(env, model, view_type, arrange)


@bp.post("/<model>/<view_type>/visibility")
@studio_route(recover=_refused_in(None))
def set_visibility(env: Environment, model: str, view_type: str) -> Any:
    name = request.form.get("name", "")
    hidden = request.form.get("hidden") == "1"

    def arrange(env: Environment, view: StudioView) -> dict[str, Any]:
        if view_type not in arch_edit.HIDEABLE:
            raise ValidationError(_("Take the field out of this view instead: it has no hidden fields."))
        base = arch_edit.find(view.base, view_type, name)
        return arch_edit.set_hidden(view.arch, view_type, name, hidden, base.node if base else None)

    return _edit(env, model, view_type, arrange)


@bp.post("/<model>/<view_type>/remove")
@studio_route(recover=_refused_in(None))
def remove_field(env: Environment, model: str, view_type: str) -> Any:
    """Take a field out of the view (the field and its values stay)."""
    name = request.form.get("name", "")

    def arrange(env: Environment, view: StudioView) -> dict[str, Any]:
        if arch_edit.find(view.arch, view_type, name) is None:
            raise ValidationError(_("The view has no field %(name)s.", name=name), field="name")
        return arch_edit.remove(view.arch, view_type, name)

    return _edit(env, model, view_type, arrange)


def _edit(env: Environment, model: str, view_type: str, arrange: Any) -> Any:
    """Rearrange the view in the request's transaction (a refusal is answered by ``_refused_in``)."""
    editor.studio_model(env, model, view_type)
    view = load(env, model, view_type, _view_param())
    check_stamp(view, request.form.get("stamp"))
    try:
        save(env, view, arrange(env, view), None)
    except ValidationError as error:
        if error.field in ("name", "position") and request.form.get("form"):
            raise FormErrors({error.field: error.message}) from None
        raise
    fetch = request.headers.get("X-Requested-With") == "fetch"
    return jsonify({"ok": True}) if fetch else redirect(editor_url(model, view_type))


@bp.post("/<model>/<view_type>/reset")
@studio_route(recover=_refused_in(None, answer_script=False))
def reset_view(env: Environment, model: str, view_type: str) -> Any:
    """Undo every studio change of the view."""
    editor.studio_model(env, model, view_type)
    reset(env, load(env, model, view_type, _view_param()), request.form.get("stamp"))
    flash(_("The view is back as its addon defines it."), "success")
    return redirect(editor_url(model, view_type))


@bp.post("/<model>/<view_type>/delete")
@studio_route(recover=_refused_in(None, answer_script=False))
def delete_field(env: Environment, model: str, view_type: str) -> Any:
    """Delete a custom field and its values (saved first in a file), confirmed on the editor."""
    name = request.form.get("name", "")
    editor.studio_model(env, model, view_type)
    if request.form.get("confirm") != "1":
        return redirect(editor_url(model, view_type, delete=name))
    label, saved_in = removal.delete_field(env, model, name)
    if saved_in:
        flash(_("The field %(label)s has been deleted; its values are saved in %(file)s, attached to the "
                "model.", label=label, file=saved_in), "success")
    else:
        flash(_("The field %(label)s has been deleted.", label=label), "success")
    return redirect(editor_url(model, view_type))
