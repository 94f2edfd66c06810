"""Panels beside forms: any addon adds one (the mail addon's chatter is one), and the web client knows
no addon's model by name."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from jinja2 import ChoiceLoader, DictLoader

from tests.fixtures.web_client import text
from web.client.form_panels import FormPanel, add_form_panel

WEB = Path(__file__).resolve().parents[2] / "web"
ADDON_MODELS = re.compile(r"mail\.(message|activity|followers)")


def _notes_panel(env: Any, records: Any, record_id: int, back: str) -> dict[str, Any] | None:
    if records._name != "res.partner":
        return None  # a panel chooses the records it has something for
    return {"name": records.browse(record_id).name, "back": back}


def test_an_addon_panel_is_shown_beside_the_forms_it_chooses(
    app: Flask, login_as: Callable[[str], FlaskClient], in_db: Any
) -> None:
    app.jinja_env.loader = ChoiceLoader([
        DictLoader({"notes/panel.html": '<aside id="notes">Notes on {{ panel.data.name }}</aside>'}),
        app.jinja_env.loader,
    ])
    add_form_panel(app, FormPanel("notes", "notes/panel.html", _notes_panel))
    partner = in_db(lambda env: env["res.partner"].create({"name": "Panelled S.L."}).id)
    user = in_db(lambda env: env["res.users"].search([("login", "=", "admin")]).id)
    client = login_as("admin")
    page = text(client.get(f"/web/model/res.partner/{partner}"))
    assert '<aside id="notes">Notes on Panelled S.L.</aside>' in page
    assert "with-panels" in page
    assert 'id="notes"' not in text(client.get(f"/web/model/res.users/{user}"))
    assert 'id="notes"' not in text(client.get("/web/model/res.partner/new"))  # saved records only


def test_a_panel_name_is_taken_once(app: Flask) -> None:
    add_form_panel(app, FormPanel("notes", "notes/panel.html", _notes_panel))
    with pytest.raises(ValueError, match="'notes' is already registered"):
        add_form_panel(app, FormPanel("notes", "other.html", _notes_panel))


def test_the_web_client_names_no_model_of_the_mail_addon() -> None:
    found = [
        f"{path.relative_to(WEB.parent)}:{number}"
        for path in sorted(WEB.rglob("*"))
        if path.suffix in (".py", ".html", ".js")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ADDON_MODELS.search(line)
    ]
    assert not found, "the mail addon's screens belong in addons/mail: " + ", ".join(found)
