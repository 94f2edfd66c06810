"""View files: validation at load (schema and fields, with file:line), extensions by container id,
and the resolution of a view with its extensions."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from core.addon.data import DataLoader
from core.addon.view_arch import ArchError, apply_changes, resolve_arch, resolved_arch
from core.exceptions import MetadataError, ValidationError
from core.loader.yaml_source import load_yaml_text

ARCH = {
    "title": [{"field": "name"}],
    "sheet": [
        {"group": "main", "children": [{"field": "email"}, {"field": "phone"}]},
        {"notebook": "pages", "children": [{"page": "notes", "children": [{"field": "comment"}]}]},
    ],
}


def _load(env, source: str) -> None:
    loader = DataLoader(env, env.registry.manifests["base"])
    document = load_yaml_text(source, "addons/base/views/test_view.yaml")
    loader.load_document(document, loader.manifest.path / "views" / "test_view.yaml")


def _fields(arch):
    found = []
    for value in arch.values():
        for node in value if isinstance(value, list) else ():
            found.extend([node["field"]] if "field" in node else _fields(node))
    return found


def test_inside_appends_to_a_container():
    arch = apply_changes(ARCH, [{"inside": "main", "nodes": [{"field": "mobile"}]}])
    assert _fields(arch) == ["name", "email", "phone", "mobile", "comment"]


def test_after_and_before_place_nodes_next_to_a_field():
    arch = apply_changes(
        ARCH,
        [
            {"after": "email", "nodes": [{"field": "mobile"}]},
            {"before": "email", "nodes": [{"field": "website"}]},
        ],
    )
    assert _fields(arch) == ["name", "website", "email", "mobile", "phone", "comment"]


def test_replace_remove_and_attributes():
    arch = apply_changes(
        ARCH,
        [
            {"replace": "phone", "nodes": [{"field": "mobile"}]},
            {"remove": "notes"},
            {"attributes": "email", "set": {"required": True}},
        ],
    )
    assert _fields(arch) == ["name", "email", "mobile"]
    assert arch["sheet"][0]["children"][0]["required"] is True


def test_changes_leave_the_original_arch_untouched():
    apply_changes(ARCH, [{"remove": "email"}])
    assert _fields(ARCH) == ["name", "email", "phone", "comment"]


def test_inside_starts_a_missing_form_section():
    arch = apply_changes(ARCH, [{"inside": "smart_buttons", "nodes": [{"field": "ticket_count"}]},
                                {"inside": "header", "nodes": [{"button": "action_x"}]}])
    assert arch["smart_buttons"] == [{"field": "ticket_count"}] and arch["header"] == [{"button": "action_x"}]
    with pytest.raises(ArchError, match="no container 'smart_buttons'"):
        apply_changes({"columns": [{"field": "name"}]}, [{"inside": "smart_buttons", "nodes": []}])


def test_change_with_a_missing_target_names_it():
    with pytest.raises(ArchError, match="no field or container 'fax'"):
        apply_changes(ARCH, [{"after": "fax", "nodes": [{"field": "mobile"}]}])


def test_view_naming_an_unknown_field_is_refused_with_file_and_line(env):
    source = """views:
  - id: test_bad_list
    model: res.partner
    type: list
    arch:
      columns:
        - field: name
        - field: emial
"""
    with pytest.raises(MetadataError) as caught:
        _load(env, source)
    message = str(caught.value)
    assert "test_view.yaml:8" in message and "no field 'emial'" in message and "'email'" in message


def test_view_with_an_unknown_key_is_refused_by_the_schema(env):
    source = """views:
  - id: test_bad_form
    model: res.partner
    type: form
    arch:
      sheet:
        - field: name
          colour: red
"""
    with pytest.raises(MetadataError, match="colour"):
        _load(env, source)


def test_condition_on_an_unknown_field_is_refused(env):
    source = """views:
  - id: test_bad_condition
    model: res.partner
    type: form
    arch:
      sheet:
        - field: name
          invisible: "not is_customer"
"""
    with pytest.raises(MetadataError, match="is_customer"):
        _load(env, source)


def test_extension_by_container_id_shows_in_the_resolved_view(env):
    _load(
        env,
        """views:
  - id: test_partner_form_extension
    inherit: base.view_partner_form
    changes:
      - inside: contact
        nodes:
          - field: company_registry
      - after: email
        nodes:
          - field: ref
""",
    )
    arch = resolved_arch(env, env.ref("base.view_partner_form"))
    contact = next(n for n in arch["sheet"][0]["children"] if n.get("group") == "contact")
    names = [child["field"] for child in contact["children"]]
    assert names[-1] == "company_registry"
    assert names[names.index("email") + 1] == "ref"


def test_extension_with_a_missing_target_is_refused_at_load(env):
    with pytest.raises(MetadataError, match="no container 'smart_buttonz'"):
        _load(
            env,
            """views:
  - id: test_partner_form_bad_extension
    inherit: base.view_partner_form
    changes:
      - inside: smart_buttonz
        nodes:
          - field: ref
""",
        )


def test_extension_restricted_to_a_group_applies_only_to_its_members(env, as_user):
    _load(
        env,
        """views:
  - id: test_partner_form_admin_only
    inherit: base.view_partner_form
    groups: [group_system]
    changes:
      - remove: email
""",
    )
    view = env.ref("base.view_partner_form")
    assert "email" not in _fields(resolved_arch(env(user=2, su=False), view))
    assert "email" in _fields(resolved_arch(as_user("demo"), view))


def _extension(env, name: str, parent, changes, priority: int = 16):
    """An extension as an upgrade can leave it: stored as it was, while what it names is gone (the record
    API refuses to write such an extension, so it goes straight to the table)."""
    table = env.registry["ir.ui.view"]._table
    now = sa.func.current_timestamp()
    created = env.cr.execute(
        table.insert()
        .values(name=name, model=parent.model, type=parent.type, mode="extension", inherit_id=parent.id,
                priority=priority, arch={"changes": changes}, active=True, create_date=now, write_date=now)
        .returning(table.c.id)
    )
    return env["ir.ui.view"].browse(created.scalar_one())


def test_an_extension_that_does_not_fit_is_refused_by_the_record_api(env):
    form = env.ref("base.view_partner_form")
    changes = [{"after": "fax_number", "nodes": [{"field": "email"}]}]
    with pytest.raises(ValidationError, match="no field or container 'fax_number' to change"):
        env["ir.ui.view"].create({"name": "test.gone", "inherit_id": form.id, "arch": {"changes": changes}})


def test_extension_whose_target_is_gone_is_skipped_with_a_warning(env, caplog):
    form = env.ref("base.view_partner_form")
    _extension(env, "test.gone.target", form, [{"after": "fax_number", "nodes": [{"field": "employee"}]}])
    _extension(env, "test.still.fine", form, [{"remove": "website"}], priority=20)
    with caplog.at_level("WARNING", logger="core.addon.view_arch"):
        arch = resolved_arch(env, form)
    assert "employee" not in _fields(arch) and "website" not in _fields(arch)
    warning = caplog.text
    assert "test.gone.target" in warning and "fax_number" in warning


def test_extension_naming_a_field_the_model_lost_is_skipped(env):
    form = env.ref("base.view_partner_form")
    _extension(env, "test.lost.field", form, [{"inside": "contact", "nodes": [{"field": "x_removed"}]}])
    arch, skipped = resolve_arch(env, form)
    assert "x_removed" not in _fields(arch)
    assert [(s.name, "x_removed" in s.reason) for s in skipped] == [("test.lost.field", True)]


def test_extensions_built_on_a_skipped_extension_are_skipped_too(env):
    form = env.ref("base.view_partner_form")
    broken = _extension(
        env, "test.broken.base", form,
        [{"after": "gone_field", "nodes": [{"group": "x_box", "children": []}]}],
    )
    _extension(env, "test.on.broken", broken, [{"inside": "x_box", "nodes": [{"field": "employee"}]}])
    arch = resolved_arch(env, form)
    assert "employee" not in _fields(arch)


def test_form_still_opens_for_users_when_an_extension_lost_its_target(admin, in_db):
    def break_it(env):
        form = env.ref("base.view_partner_form")
        changes = [{"inside": "gone_box", "nodes": [{"field": "employee"}]}]
        _extension(env, "test.upgrade.victim", form, changes)
        return env["res.partner"].search([], limit=1).id

    partner = in_db(break_it)
    response = admin.get(f"/web/model/res.partner/{partner}")
    assert response.status_code == 200 and 'data-field="email"' in response.get_data(as_text=True)
