"""Mistakes in an addon's views, actions, models and catalogs are refused at install with file:line,
instead of failing when a user clicks."""
from __future__ import annotations

from pathlib import Path

import pytest

from core.addon.lifecycle import install
from core.exceptions import MetadataError

MODEL = """\
model: x_check.visit
description: Visit
fields:
  name:
    type: char
  partner_id:
    type: many2one
    comodel_name: res.partner
  level:
    type: selection
    selection: [[bronze, Bronze], [silver, Silver]]
    default: bronze
  amount:
    type: float
{extra}"""
HOOKS = """\
from core import model, public


@model("x_check.visit")
class Visit:
    @public
    def action_done(self):
        return True

    def _helper(self):
        return True

    def helper(self):
        return True
"""
ACTION = """\
actions:
  - id: action_visit
    name: Visits
    model: x_check.visit
    domain: {domain}
"""
FORM = """\
views:
  - id: visit_form
    model: x_check.visit
    type: form
    arch:
      header:
        - {{button: {button}, string: Done}}
      sheet:
        - {{field: name}}
"""
LIST = """\
views:
  - id: visit_list
    model: x_check.visit
    type: list
    arch:
      decorations: {{danger: "{condition}"}}
      columns:
        - {{field: name}}
"""
SEARCH = """\
views:
  - id: visit_search
    model: x_check.visit
    type: search
    arch:
      filters:
        - {{filter: mine, string: Mine, domain: "{domain}"}}
"""


def write_addon(root: Path, model_extra: str = "", views: str = "", po: str | None = None) -> None:
    folder = root / "x_check"
    for sub in ("models", "views", "i18n"):
        (folder / sub).mkdir(parents=True, exist_ok=True)
    data = "data: [views/visit.yaml]\n" if views else ""
    (folder / "manifest.yaml").write_text(f"name: Check\nversion: '1.0'\ndepends: [base]\n{data}",
                                          encoding="utf-8")
    (folder / "__init__.py").write_text("", encoding="utf-8")
    (folder / "models" / "__init__.py").write_text("", encoding="utf-8")
    (folder / "models" / "visit.yaml").write_text(MODEL.format(extra=model_extra), encoding="utf-8")
    (folder / "models" / "visit.py").write_text(HOOKS, encoding="utf-8")
    if views:
        (folder / "views" / "visit.yaml").write_text(views, encoding="utf-8")
    if po is not None:
        (folder / "i18n" / "es.po").write_text(po, encoding="utf-8")


@pytest.fixture
def try_install(fresh_registry, tmp_path):
    """``try_install(**files)``: the MetadataError of installing x_check written so (None if it installs)."""

    def attempt(**files: str) -> MetadataError | None:
        write_addon(tmp_path, **files)
        registry = fresh_registry()
        registry.addons_path = str(tmp_path)
        try:
            install(registry, ["x_check"])
        except MetadataError as error:
            return error
        return None

    return attempt


def located(error: MetadataError | None, file_name: str, line: int) -> str:
    assert error is not None, "the broken addon was installed"
    assert error.file and error.file.endswith(file_name), error
    assert error.line == line, error
    return error.reason


def test_a_correct_addon_installs(try_install):
    domain = "[('partner_id.name', 'ilike', 'a'), '|', ('level', '=', uid), (1, '=', 1)]"
    views = ACTION.format(domain=f'"{domain}"')
    views += FORM.format(button="action_done")[len("views:\n"):].join(["views:\n", ""])
    views += LIST.format(condition="amount > 100")[len("views:\n"):]
    views += SEARCH.format(domain="[('partner_id', 'any', [('name', 'ilike', 'a')])]")[len("views:\n"):]
    assert try_install(views=views) is None


def test_action_domain_naming_an_unknown_field(try_install):
    error = try_install(views=ACTION.format(domain="\"[('partner_id.nmae', '=', 'x')]\""))
    reason = located(error, "visit.yaml", 5)
    assert "names 'nmae', but res.partner has no field 'nmae' (did you mean 'name'?)" in reason
    assert reason.startswith("action action_visit: domain")


def test_action_domain_with_a_syntax_error(try_install):
    error = try_install(views=ACTION.format(domain="\"[('name', '=', 'x'\""))
    assert "Invalid expression" in located(error, "visit.yaml", 5)


def test_action_domain_with_an_unknown_operator(try_install):
    error = try_install(views=ACTION.format(domain="[[name, ilke, x]]"))
    assert "unknown operator 'ilke' (did you mean 'ilike'?)" in located(error, "visit.yaml", 5)


def test_filter_domain_naming_an_unknown_field(try_install):
    error = try_install(views=SEARCH.format(domain="[('lvl', '=', 'silver')]"))
    reason = located(error, "visit.yaml", 7)
    assert "x_check.visit has no field 'lvl' (did you mean 'level'?)" in reason


def test_button_naming_a_missing_method(try_install):
    error = try_install(views=FORM.format(button="action_dnoe"))
    reason = located(error, "visit.yaml", 7)
    assert reason == ("view visit_form: button 'action_dnoe': model x_check.visit has no method "
                      "'action_dnoe' (did you mean 'action_done'?)")


def test_button_naming_a_method_that_is_not_public(try_install):
    error = try_install(views=FORM.format(button="helper"))
    assert "method 'helper' of x_check.visit is not public" in located(error, "visit.yaml", 7)


def test_action_button_naming_a_missing_action(try_install):
    error = try_install(views=FORM.format(button="action_nowhere, type: action"))
    assert "external id 'x_check.action_nowhere' not found" in located(error, "visit.yaml", 7)


def test_decoration_naming_an_unknown_field(try_install):
    error = try_install(views=LIST.format(condition="amunt > 100"))
    reason = located(error, "visit.yaml", 6)
    assert "uses 'amunt', which is not a field of x_check.visit (did you mean 'amount'?)" in reason


def test_selection_default_that_is_not_a_value(try_install):
    error = try_install(model_extra="  tier:\n    type: selection\n    selection: [[a, A], [b, B]]\n"
                                    "    default: c\n")
    assert located(error, "visit.yaml", 18) == (
        "field 'tier' of 'x_check.visit': default 'c' is not one of its values (a, b)")


def test_selection_written_as_one_string_is_refused_with_a_hint(try_install):
    error = try_install(model_extra="  tier:\n    type: selection\n    selection: bronze, silver\n")
    reason = located(error, "visit.yaml", 17)
    assert "write selection: [[bronze, Bronze], [silver, Silver]]" in reason


def test_sql_constraint_naming_a_missing_column(try_install):
    extra = "constraints:\n  - name: positive\n    sql: CHECK (amont >= 0)\n    message: Positive.\n"
    error = try_install(model_extra=extra)
    reason = located(error, "visit.yaml", 16)
    assert reason == ("constraint 'positive' of 'x_check.visit': 'CHECK (amont >= 0)' reads 'amont', which "
                      "is not a column of x_check_visit (did you mean 'amount'?)")


def test_unknown_key_suggests_the_right_one(try_install):
    error = try_install(model_extra="  note:\n    type: char\n    sting: Note\n")
    reason = located(error, "visit.yaml", 17)
    assert reason == "at 'fields.note': unknown key 'sting' (did you mean 'string'?)"


def test_unknown_key_in_a_view_file_suggests_the_right_one(try_install):
    error = try_install(views=ACTION.format(domain="[]").replace("    model:", "    modle: x\n    model:"))
    assert "unknown key 'modle' (did you mean 'model'?)" in located(error, "visit.yaml", 4)


PO_HEADER = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'


def test_broken_po_file_is_refused(try_install):
    error = try_install(po=PO_HEADER + 'msgid "Visit"\nmsgstr "Visita\n')
    assert "invalid catalog line 'msgstr \"Visita'" in located(error, "es.po", 6)


def test_po_translation_with_a_foreign_placeholder_is_refused(try_install):
    error = try_install(po=PO_HEADER + 'msgid "%(count)s visits"\nmsgstr "%(cuenta)s visitas"\n')
    reason = located(error, "es.po", 5)
    assert "uses %(cuenta)s, which the message does not have (it has count)" in reason


def test_fixing_a_refused_addon_lets_it_install(fresh_registry, tmp_path):
    write_addon(tmp_path, views=FORM.format(button="action_dnoe"))
    registry = fresh_registry()
    registry.addons_path = str(tmp_path)
    with pytest.raises(MetadataError):
        install(registry, ["x_check"])
    with registry.environment() as env:
        assert not env["ir.module.module"].search([("name", "=", "x_check"), ("state", "=", "installed")])
    write_addon(tmp_path, views=FORM.format(button="action_done"))
    registry = install(registry, ["x_check"])
    with registry.environment() as env:
        assert env.ref("x_check.visit_form").arch["header"][0]["button"] == "action_done"
