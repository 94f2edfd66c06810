"""Guessing which field a column means: technical name, label in any shipped language, references."""

from __future__ import annotations

from core.exchange.mapping import describe_problems, guess_field, map_columns
from core.i18n import load_catalog_dir


def test_technical_name(env):
    assert guess_field(env["res.partner"], "email") == "email"


def test_label_ignores_case_and_accents(env):
    assert guess_field(env["res.partner"], "  eMAIL ") == "email"


def test_label_in_another_language(env, tmp_path):
    (tmp_path / "es.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
        'msgid "Email"\nmsgstr "Correo electrónico"\n',
        encoding="utf-8",
    )
    load_catalog_dir(tmp_path)
    assert guess_field(env["res.partner"], "Correo electronico") == "email"


def test_external_id_columns(env):
    partners = env["res.partner"]
    assert guess_field(partners, "id") == "id"
    assert guess_field(partners, "country_id/id") == "country_id/id"
    assert guess_field(partners, "Country/External ID") == "country_id/id"
    assert guess_field(partners, "country_id:id") == "country_id/id"


def test_unknown_column_is_none(env):
    assert guess_field(env["res.partner"], "Shoe size") is None


def test_magic_fields_are_not_guessed(env):
    assert guess_field(env["res.partner"], "Created on") is None


def test_remembered_choice_wins_and_empty_skips(env):
    assert map_columns(env["res.partner"], ["Name", "Mail"], {"mail": "email", "name": ""}) == [None, "email"]


def test_remembered_choice_of_a_vanished_field_is_ignored(env):
    assert map_columns(env["res.partner"], ["Name"], {"name": "x_gone"}) == ["name"]


def test_problems_get_file_lines_and_column_headers():
    messages = [
        {"type": "error", "message": "bad", "field": "country_id", "rows": {"from": 4, "to": 4}},
        {"type": "error", "message": "unknown column", "field": None, "rows": {"from": 0, "to": 9}},
    ]
    problems = describe_problems(messages, ["Name", "Pais"], ["name", "country_id"], 10)
    assert (problems[0].line, problems[0].column, problems[0].reason) == (6, "Pais", "bad")
    assert problems[1].line is None
