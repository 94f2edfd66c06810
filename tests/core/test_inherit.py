"""A second addon extends a model (``inherit:``): fields, selection values, Python hooks; and an
addon made of YAML alone."""
from __future__ import annotations

import sqlalchemy as sa

from core.model_hooks import hooks_of_module
from core.records.model import BaseModel


def test_inherit_adds_fields_with_columns(env):
    Record = env["test.record"]
    assert {"ext_note", "priority"} <= set(Record._fields)
    assert {"ext_note", "priority"} <= set(Record._table.c.keys())


def test_inherit_added_field_has_its_default(make_record):
    assert make_record().priority == 5


def test_inherit_can_change_attributes_of_an_existing_field(env):
    field = env["test.record"]._fields["name"]
    assert field.help == "Extended by test_core_ext."
    assert field.size == 64 and field.required


def test_inherit_remembers_every_declaring_file(env):
    sources = env["test.record"]._fields["name"].definition.sources
    assert [source.addon for source in sources] == ["test_core", "test_core_ext"]
    assert all(source.file.endswith("test_record.yaml") and source.line for source in sources)


def test_model_sources_list_both_addons(env):
    assert env["test.record"]._def.addons == ["test_core", "test_core_ext"]


def test_hook_create_of_second_addon_runs_and_calls_super(env):
    record = env["test.record"].create({"name": "hooked"})
    assert record.ext_note == "set by test_core_ext"
    assert env.cr.data["test_core_ext.created"] == [record.id]


def test_hook_create_receives_the_batch(env):
    records = env["test.record"].create([{"name": "a"}, {"name": "b", "ext_note": "given"}])
    assert records.mapped("ext_note") == ["set by test_core_ext", "given"]
    assert env.cr.data["test_core_ext.created"] == records.ids


def test_hook_write_of_second_addon_runs_and_calls_super(make_record):
    record = make_record("before")
    record.write({"name": "after"})
    assert (record.name, record.ext_note) == ("after", "renamed to after")


def test_hook_stack_puts_the_latest_addon_first(env):
    Record = type(env["test.record"])
    modules = [cls.__module__ for cls in Record._hook_stack]
    assert modules == ["addons.test_core_ext.models.test_record", "addons.test_core.models.test_record"]
    assert Record.__mro__[-len(BaseModel.__mro__):] == BaseModel.__mro__


def test_super_goes_down_the_stack_to_the_core(env):
    assert env["test.record"]._hook_trace() == ["test_core_ext", "test_core"]


def test_public_method_of_second_addon_is_marked(env, make_record):
    record = make_record()
    assert getattr(type(record).action_done, "_public", False)
    assert record.action_done() is True and record.state == "done"


def test_hook_classes_are_registered_per_module():
    entries = hooks_of_module("addons.test_core_ext.models.test_record")
    assert [name for name, _cls in entries] == ["test.record"]


def test_models_without_hooks_get_only_the_core(env):
    assert type(env["test.yaml.thing"])._hook_stack == ()


# -- an addon without Python ------------------------------------------------------------------
def test_yaml_only_addon_model_works_end_to_end(env, make_record):
    record = make_record("target")
    thing = env["test.yaml.thing"].create({"name": "thing", "record_id": record.id})
    assert thing.kind == "small"
    assert thing.record_name == "target"
    assert env["test.yaml.thing"].search([("record_name", "=", "target")]) == thing


def test_yaml_only_addon_extends_a_model_of_another_addon(env, make_tag):
    assert make_tag("t").yaml_label == "from yaml"
    assert "yaml_label" in env["test.tag"]._table.c


def test_yaml_only_addon_is_recorded_installed(env):
    module = env["ir.module.module"].search([("name", "=", "test_yaml_only")])
    assert module.state == "installed"


def test_yaml_only_addon_tables_exist(env):
    assert sa.inspect(env.cr.connection).has_table("test_yaml_thing")
