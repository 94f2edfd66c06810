"""Broken definitions are refused at load time with file:line and a reason that says how to fix it."""
from __future__ import annotations

import re

import pytest

from core.exceptions import MetadataError
from core.registry.registry import Registry
from tests.core.conftest import write_addon

GOOD = """\
model: x.thing
fields:
  name:
    type: char
  partner_id:
    type: many2one
    comodel_name: x.other
---
model: x.other
fields:
  name:
    type: char
"""


def build(tmp_path, models: dict[str, str], python: dict[str, str] | None = None, name: str = "x_broken",
          extra: list[tuple[str, dict[str, str]]] = ()) -> Registry:
    root = tmp_path / "addons"
    write_addon(root, name, models, python=python)
    depends = [name]
    for extra_name, extra_models in extra:
        write_addon(root, extra_name, extra_models, depends=[name])
        depends.append(extra_name)
    registry = Registry(f"sqlite:///{tmp_path / 'meta.sqlite'}", addons_path=str(root))
    registry.build(depends)
    return registry


def error_of(tmp_path, models, **kwargs) -> MetadataError:
    with pytest.raises(MetadataError) as info:
        build(tmp_path, models, **kwargs)
    return info.value


def located(error: MetadataError, file_name: str, line: int) -> None:
    assert error.file and error.file.endswith(file_name), error
    assert error.line == line, error
    assert str(error).startswith(f"{error.file}:{line}: ")


def test_a_correct_addon_builds(tmp_path):
    registry = build(tmp_path, {"thing.yaml": GOOD})
    assert {"x.thing", "x.other"} <= set(registry.models)


def test_unknown_field_type(tmp_path):
    error = error_of(tmp_path, {"thing.yaml": "model: x.thing\nfields:\n  name:\n    type: string\n"})
    located(error, "thing.yaml", 4)
    assert "'string' is not one of: char, text, html" in error.reason


def test_unknown_comodel_suggests_the_closest_name(tmp_path):
    error = error_of(tmp_path, {"thing.yaml": GOOD.replace("comodel_name: x.other", "comodel_name: x.othre")})
    located(error, "thing.yaml", 7)
    assert error.reason == ("field 'partner_id' of 'x.thing' refers to unknown model 'x.othre' "
                            "(did you mean 'x.other'?)")


def test_bad_depends_path_names_the_missing_field(tmp_path):
    text = GOOD + """\
---
inherit: x.thing
fields:
  label:
    type: char
    compute: _compute_label
    depends: [partner_id.nmae]
"""
    python = {"thing.py": "from core import model\n\n@model('x.thing')\nclass T:\n"
                          "    def _compute_label(self):\n        pass\n"}
    error = error_of(tmp_path, {"thing.yaml": text}, python=python)
    located(error, "thing.yaml", 19)
    assert error.reason == (
        "field 'label' of 'x.thing': depends 'partner_id.nmae' names 'nmae', but x.other has no "
        "field 'nmae' (did you mean 'name'?)"
    )


def test_depends_path_through_a_scalar_is_refused(tmp_path):
    text = GOOD.replace(
        "  name:\n    type: char\n  partner_id",
        "  name:\n    type: char\n  label:\n    type: char\n"
        "    compute: _compute_label\n    depends: [name.size]\n  partner_id",
        1,
    )
    error = error_of(tmp_path, {"thing.yaml": text})
    assert "depends 'name.size' goes through 'name', which is a char, not a relational field" in error.reason


def test_bad_related_path(tmp_path):
    text = GOOD.replace("comodel_name: x.other\n", "comodel_name: x.other\n  other_name:\n    type: char\n"
                        "    related: partner_id.title\n", 1)
    error = error_of(tmp_path, {"thing.yaml": text})
    located(error, "thing.yaml", 10)
    assert "related 'partner_id.title' names 'title', but x.other has no field 'title'" in error.reason


def test_related_of_another_type_is_refused(tmp_path):
    text = GOOD.replace("comodel_name: x.other\n", "comodel_name: x.other\n  other_name:\n    type: integer\n"
                        "    related: partner_id.name\n", 1)
    error = error_of(tmp_path, {"thing.yaml": text})
    assert (
        "related field 'other_name' of 'x.thing' is a integer, but 'partner_id.name' is a char"
        in error.reason
    )


def test_duplicate_field_in_one_mapping(tmp_path):
    error = error_of(tmp_path, {"thing.yaml": "model: x.thing\nfields:\n  name:\n    type: char\n"
                                              "  name:\n    type: text\n"})
    located(error, "thing.yaml", 5)
    assert error.reason == "duplicate key 'name'"


def test_duplicate_field_in_two_documents_of_one_file(tmp_path):
    text = ("model: x.thing\nfields:\n  name:\n    type: char\n"
            "---\ninherit: x.thing\nfields:\n  name:\n    type: char\n")
    error = error_of(tmp_path, {"thing.yaml": text})
    located(error, "thing.yaml", 8)
    assert re.match(
        r"duplicate field 'name' on model 'x.thing' \(first declared at .*thing.yaml:3\)", error.reason
    )


def test_duplicate_model(tmp_path):
    error = error_of(tmp_path, {"a.yaml": GOOD, "b.yaml": "\n\nmodel: x.thing\n"})
    located(error, "b.yaml", 3)
    assert re.match(r"model 'x.thing' is already defined at .*a.yaml:1; use 'inherit: x.thing' to extend it",
                    error.reason)


def test_unknown_key_in_a_field(tmp_path):
    error = error_of(
        tmp_path, {"thing.yaml": "model: x.thing\nfields:\n  name:\n    type: char\n    requird: true\n"}
    )
    located(error, "thing.yaml", 5)
    assert error.reason == "at 'fields.name': unknown key 'requird' (did you mean 'required'?)"


def test_unknown_key_in_a_model(tmp_path):
    error = error_of(tmp_path, {"thing.yaml": "model: x.thing\ndescripton: Thing\n"})
    located(error, "thing.yaml", 2)
    assert error.reason == "unknown key 'descripton' (did you mean 'description'?)"


def test_invalid_yaml(tmp_path):
    error = error_of(tmp_path, {"thing.yaml": "model: x.thing\nfields:\n  name: [char\n  other: 1\n"})
    assert error.file.endswith("thing.yaml") and error.line in (3, 4)
    assert error.reason.startswith("invalid YAML:")


def test_missing_compute_method(tmp_path):
    text = "model: x.thing\nfields:\n  name:\n    type: char\n  label:\n    type: char\n" \
           "    compute: _compute_label\n"
    error = error_of(tmp_path, {"thing.yaml": text})
    located(error, "thing.yaml", 7)
    assert error.reason == ("field 'label' of 'x.thing': method '_compute_label' not found (define it in a "
                            "@model(\"x.thing\") class of the addon)")


def test_missing_constraint_method(tmp_path):
    text = "model: x.thing\nfields:\n  name:\n    type: char\nconstraints:\n  - name: check_name\n" \
           "    python: _check_name\n    fields: [name]\n"
    error = error_of(tmp_path, {"thing.yaml": text})
    located(error, "thing.yaml", 6)
    assert "constraint 'check_name' of 'x.thing': method '_check_name' not found" in error.reason


def test_inherit_of_unknown_model(tmp_path):
    error = error_of(tmp_path, {"thing.yaml": "inherit: x.nothing\n"})
    located(error, "thing.yaml", 1)
    assert "cannot extend unknown model 'x.nothing'" in error.reason


def test_selection_add_on_a_missing_field(tmp_path):
    error = error_of(
        tmp_path,
        {"thing.yaml": GOOD},
        extra=[
            (
                "x_ext",
                {
                    "ext.yaml": "inherit: x.thing\nfields:\n  state:\n    type: selection\n"
                    "    selection_add: [[a, A]]\n"
                },
            )
        ],
    )
    located(error, "ext.yaml", 5)
    assert (
        "selection_add extends an existing selection field, but x.thing has no field 'state'" in error.reason
    )


def test_inherit_cannot_change_a_field_type(tmp_path):
    error = error_of(tmp_path, {"thing.yaml": GOOD},
                     extra=[("x_ext", {"ext.yaml": "inherit: x.thing\nfields:\n  name:\n    type: text\n"})])
    located(error, "ext.yaml", 4)
    assert (
        "field 'name' of 'x.thing' is a char" in error.reason and "cannot change it to text" in error.reason
    )


def test_one2many_with_unknown_inverse(tmp_path):
    text = GOOD.replace(
        "model: x.other\nfields:\n",
        "model: x.other\nfields:\n  thing_ids:\n    type: one2many\n"
        "    comodel_name: x.thing\n    inverse_name: other_id\n",
    )
    error = error_of(tmp_path, {"thing.yaml": text})
    assert "inverse_name 'other_id' is not a field of 'x.thing'" in error.reason


def test_order_on_unknown_field(tmp_path):
    error = error_of(
        tmp_path, {"thing.yaml": "model: x.thing\norder: nmae\nfields:\n  name:\n    type: char\n"}
    )
    located(error, "thing.yaml", 2)
    assert "order uses unknown field 'nmae' (did you mean 'name'?)" in error.reason


def test_automatic_field_cannot_be_declared(tmp_path):
    error = error_of(
        tmp_path, {"thing.yaml": "model: x.thing\nfields:\n  create_date:\n    type: datetime\n"}
    )
    located(error, "thing.yaml", 3)
    assert "is automatic and cannot be declared" in error.reason


def test_store_without_compute_is_refused(tmp_path):
    error = error_of(
        tmp_path, {"thing.yaml": "model: x.thing\nfields:\n  name:\n    type: char\n    store: true\n"}
    )
    assert error.file.endswith("thing.yaml") and error.line


def test_index_on_unknown_field(tmp_path):
    text = "model: x.thing\nfields:\n  name:\n    type: char\nindexes:\n  - name: x_idx\n    fields: [nmae]\n"
    error = error_of(tmp_path, {"thing.yaml": text})
    located(error, "thing.yaml", 6)
    assert error.reason == "index 'x_idx' of 'x.thing' names unknown field 'nmae' (did you mean 'name'?)"
