"""Panels beside a record's form, contributed by addons: the web client knows none of them by name.

An addon that shows something next to saved records (the mail addon's chatter and activities, a
document preview, a map) registers a panel on the app from its ``erp.blueprints`` entry point:

    def register(app):
        app.register_blueprint(bp)   # its routes, and its templates (template_folder)
        add_form_panel(app, FormPanel("chatter", "mail/chatter.html", chatter_panel))

``build(env, records, record_id, back)`` returns the template's data for that record, or None when
the panel has nothing to show there (its addon is not installed in this database, the model has no
chatter, the user may not read it). The form template includes each panel's template with
``panel.data`` set; ``back`` is the record page's URL, where the panel's forms return.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from flask import Flask, current_app

from core.records.environment import Environment
from core.records.model import BaseModel

EXTENSION = "erp.form_panels"


@dataclass(frozen=True)
class FormPanel:
    """One panel beside forms: its name, its template, the function giving its data, its place."""

    name: str
    template: str
    build: Callable[[Environment, BaseModel, int, str], dict[str, Any] | None]
    sequence: int = 100


def add_form_panel(app: Flask, panel: FormPanel) -> None:
    """Show ``panel`` beside the forms of saved records on ``app`` (ValueError on a name taken twice)."""
    panels: list[FormPanel] = app.extensions.setdefault(EXTENSION, [])
    if any(known.name == panel.name for known in panels):
        raise ValueError(f"a form panel named {panel.name!r} is already registered")
    panels.append(panel)
    panels.sort(key=lambda known: (known.sequence, known.name))


def form_panels(env: Environment, records: BaseModel, record_id: int, back: str) -> list[dict[str, Any]]:
    """The panels that have something to show beside record ``record_id``, in their order."""
    shown = []
    for panel in current_app.extensions.get(EXTENSION, ()):
        data = panel.build(env, records, record_id, back)
        if data is not None:
            shown.append({"name": panel.name, "template": panel.template, "data": data})
    return shown
