"""Secret (write-only) fields: the password hash, API key hashes, SMTP passwords and webhook secrets are
written through the record API and never handed back by it, to anyone, by any verb."""
from __future__ import annotations

import pytest

from core.exceptions import MetadataError, ValidationError
from tests.core.test_metadata_errors import build, error_of, located

ADMIN_HASH_PREFIX = "$argon2"


@pytest.fixture(params=["demo", "admin", "superuser"])
def users(request, env, as_user):
    """res.users as the demo salesperson, as the administrator and as the superuser."""
    return env["res.users"] if request.param == "superuser" else as_user(request.param)["res.users"]


def test_read_and_search_read_give_an_empty_password(users):
    rows = users.search_read([], ["login", "password"])
    assert rows and all(row["password"] == "" for row in rows)
    admin = users.search([("login", "=", "admin")])
    assert admin.read(["password"])[0]["password"] == ""
    assert admin.password == ""


def test_the_hash_is_stored_and_reachable_only_through_the_internal_path(env):
    admin = env.ref("base.user_admin")
    assert admin._secret_value("password").startswith(ADMIN_HASH_PREFIX)
    with pytest.raises(ValueError, match="not a stored secret field"):
        admin._secret_values("login")


def test_read_without_field_names_gives_an_empty_password(users):
    row = users.search([("login", "=", "admin")]).read()[0]
    assert row.get("password", "") == "" and row.get("new_password", "") == ""


def test_a_password_just_written_reads_empty_in_the_same_transaction(env):
    demo = env.ref("base.user_demo")
    demo.write({"password": "fresh-password"})
    assert demo.password == "" and demo.read(["password"])[0]["password"] == ""
    assert env["res.users"].search_read([("id", "=", demo.id)], ["password"])[0]["password"] == ""
    env["res.users"].check(demo.id, "fresh-password")


def test_export_gives_an_empty_password(users):
    rows = users.search([]).export_data(["login", "password"])["datas"]
    assert rows and all(password == "" for _login, password in rows)


def test_read_group_cannot_group_or_aggregate_the_password(users):
    with pytest.raises(ValidationError, match="secret"):
        users.read_group([], ["login"], ["password"])
    with pytest.raises(ValidationError, match="secret"):
        users.read_group([], ["password:max"], ["company_id"])
    with pytest.raises(ValidationError, match="secret"):
        users.read_group([], ["hashes:count_distinct(password)"], ["company_id"])
    groups = users.read_group([], ["password"], ["company_id"])  # no aggregate asked: the field is left out
    assert groups and all("password" not in group for group in groups)


@pytest.mark.parametrize("leaf", [
    ("password", "=", "nope"),
    ("password", "like", "$argon2"),
    ("password", "=like", "$argon2id$%"),
    ("password", "!=", False),
    ("password", "=", False),
    ("password", "in", ["a", "b"]),
    ("password", ">", "$"),
])
def test_a_domain_on_the_password_does_not_filter(users, leaf):
    everyone = users.search([])
    assert users.search([leaf]) == everyone
    assert users.search(["!", leaf]) == everyone
    assert users.search(["&", leaf, ("login", "=", "admin")]) == users.search([("login", "=", "admin")])
    assert users.search_count([leaf]) == len(everyone)


def test_a_domain_through_a_relation_does_not_filter(env, as_user):
    partners = as_user("admin")["res.partner"].with_context(active_test=False)
    with_users = partners.search([("user_ids", "!=", False)])
    assert partners.search([("user_ids.password", "like", "$argon2")]) == with_users
    assert partners.search([("user_ids.password", "=", "nope")]) == with_users


def test_sorting_on_the_password_is_refused(users):
    with pytest.raises(ValidationError, match="secret"):
        users.search([], order="password")


def test_fields_get_says_it_cannot_be_searched_sorted_grouped_or_exported(users):
    description = users.fields_get(["password", "new_password"])
    for name in ("password", "new_password"):
        assert description[name]["searchable"] is False
        assert description[name]["sortable"] is False
        assert description[name]["groupable"] is False
        assert description[name]["exportable"] is False


def test_copy_leaves_the_password_behind(env):
    copy = env.ref("base.user_demo").copy({"login": "demo_copy"})
    assert copy._secret_value("password") is None


def test_new_password_sets_the_password_with_the_checks_of_a_change(env):
    demo = env.ref("base.user_demo")
    before = demo._secret_value("password")
    demo.write({"new_password": "another-one"})
    assert demo._secret_value("password") != before
    assert demo._secret_value("password").startswith(ADMIN_HASH_PREFIX)
    env["res.users"].check(demo.id, "another-one")
    with pytest.raises(ValidationError, match="at least"):
        demo.write({"new_password": "ab"})
    hashed = demo._secret_value("password")
    demo.write({"new_password": ""})  # empty: nothing changes
    assert demo._secret_value("password") == hashed


def test_new_password_on_create(env):
    user = env["res.users"].create({"name": "Nadia", "login": "nadia", "new_password": "nadia-pass"})
    env["res.users"].check(user.id, "nadia-pass")
    assert user.read(["new_password", "password"])[0] == {"id": user.id, "new_password": "", "password": ""}


def test_users_set_their_own_new_password(as_user, env):
    demo_env = as_user("demo")
    demo_env["res.users"].browse(demo_env.uid).write({"new_password": "my-own-pass"})
    env["res.users"].check(demo_env.uid, "my-own-pass")


def test_other_secret_fields_read_empty(env):
    key = env.ref("base.user_demo").create_api_key("script")
    stored = env["res.users.apikeys"].search([("user_id", "=", env.ref("base.user_demo").id)])
    assert stored.key_hash == "" and stored.read(["key_hash"])[0]["key_hash"] == ""
    assert env["res.users.apikeys"]._check_key(key) == stored.id
    hook = env["ir.webhook"].create({"name": "H", "model_name": "res.partner", "url": "http://127.0.0.1:9/x"})
    assert hook.secret == "" and len(hook._secret_value("secret")) == 64


def test_every_secret_of_the_standard_addons_is_declared(env):
    secret = {(name, field.name) for name in env.registry.models for field in env[name]._fields.values()
              if field.secret}
    assert {("res.users", "password"), ("res.users", "new_password"), ("res.users.apikeys", "key_hash"),
            ("ir.webhook", "secret")} <= secret
    if "ir.mail_server" in env:
        assert ("ir.mail_server", "smtp_pass") in secret


# -- the metadata language --------------------------------------------------------------------------
SECRET_MODEL = """\
model: x.vault
fields:
  name:
    type: char
  token:
    type: char
    secret: true
"""


def test_a_secret_field_is_declared_in_yaml(tmp_path):
    registry = build(tmp_path, {"vault.yaml": SECRET_MODEL})
    field = registry.models["x.vault"]._fields["token"]
    assert field.secret and not field.copy and not field.searchable and not field.sortable


@pytest.mark.parametrize(("extra", "line", "reason"), [
    ("    type: integer\n    secret: true\n", 5, "only char and text fields can be secret"),
    ("    type: char\n    secret: true\n    translate: true\n", 6, "one value, not one per language"),
    ("    type: char\n    secret: true\n    tracking: true\n", 6, "chatter"),
    ("    type: char\n    secret: true\n    unique: true\n", 6, "whether a value is taken"),
    ("    type: char\n    secret: true\n    compute: _compute_code\n    store: true\n", 7, "stored computed"),
])
def test_what_would_reveal_a_secret_is_refused_at_load(tmp_path, extra, line, reason):
    error = error_of(tmp_path, {"vault.yaml": f"model: x.vault\nfields:\n  code:\n{extra}"},
                     python={"vault.py": "from core import model\n\n@model('x.vault')\nclass V:\n"
                                         "    def _compute_code(self):\n        pass\n"})
    assert isinstance(error, MetadataError) and reason in str(error)
    located(error, "vault.yaml", line)


def test_a_related_field_cannot_read_a_secret(tmp_path):
    models = {"vault.yaml": SECRET_MODEL + """\
---
model: x.box
fields:
  vault_id:
    type: many2one
    comodel_name: x.vault
  token:
    type: char
    related: vault_id.token
"""}
    error = error_of(tmp_path, models)
    assert "reads the secret field 'vault_id.token'" in str(error)
