"""Errors of the core name the field and speak the user's language: invalid field names come from
one helper (``invalid_field``), whatever met them (a read, a domain, an export)."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError
from core.i18n import use_lang


def test_an_unknown_field_in_a_domain_is_named_with_its_leaf(env):
    with pytest.raises(ValidationError) as caught:
        env["test.tag"].search([("nope", "=", 1)])
    assert str(caught.value) == "Invalid field test.tag.nope in leaf ('nope', '=', 1)"
    assert caught.value.field == "nope"


def test_an_unknown_field_of_an_export_path_is_named_with_its_path(env):
    with pytest.raises(ValidationError) as caught:
        env["test.tag"].search([], limit=1).export_data(["parent_id/nope"])
    assert str(caught.value) == "Invalid field 'nope' on model 'test.tag' (export path 'parent_id/nope')"


def test_domain_and_expression_errors_are_translated(env):
    with use_lang("es_ES"):
        with pytest.raises(ValidationError, match=r"Campo no válido test.tag.nope en la hoja"):
            env["test.tag"].search([("nope", "=", 1)])
        with pytest.raises(ValidationError, match=r"Hoja no válida \('name', 'near', 1\): operador"):
            env["test.tag"].search([("name", "near", 1)])
        with pytest.raises(ValidationError, match=r"Dominio no válido 'name': se esperaba una lista"):
            env["test.tag"].search("name")
        with pytest.raises(ValidationError, match=r"ID externo no válido 'nodot': se esperaba módulo.nombre"):
            env.ref("nodot")
