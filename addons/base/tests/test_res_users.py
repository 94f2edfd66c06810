"""Users: argon2 passwords, login with passwords and API keys, preferences without rights on users."""
from __future__ import annotations

import pytest

from addons.base.models import res_users_auth
from core.exceptions import AccessDenied, AccessError, UserError, ValidationError


@pytest.fixture
def demo(env):
    return env.ref("base.user_demo")


def test_password_is_stored_as_an_argon2_hash(env, demo):
    assert env["res.users"]._stored_hash(demo.id).startswith("$argon2")


def test_password_reads_as_an_empty_string(env, demo):
    assert demo.read(["password"])[0]["password"] == ""


def test_login_with_the_right_password_gives_the_uid(env, demo):
    assert env["res.users"].authenticate("demo", "demo") == demo.id


def test_login_with_a_wrong_password_is_denied(env):
    with pytest.raises(AccessDenied):
        env["res.users"].authenticate("demo", "not the password")


def test_login_of_an_archived_user_is_denied(env, demo):
    demo.active = False
    with pytest.raises(AccessDenied):
        env["res.users"].authenticate("demo", "demo")


def test_a_remembered_check_is_forgotten_when_the_password_changes(env, demo):
    env["res.users"].check(demo.id, "demo")
    assert (env.registry.db_name, demo.id) in res_users_auth._CHECK_CACHE
    demo.password = "new secret"
    with pytest.raises(AccessDenied):
        env["res.users"].check(demo.id, "demo")
    env["res.users"].check(demo.id, "new secret")


def test_a_remembered_check_fails_once_another_process_changed_the_hash(env, demo):
    env["res.users"].check(demo.id, "demo")
    # what another worker's password change leaves here: a new hash, and the access caches cleared by
    # the registry signal (tests/addon_system/test_registry_watch.py runs it in a real second process)
    table = env["res.users"]._table
    env.cr.execute(table.update().where(table.c.id == demo.id)
                   .values(password=res_users_auth.hash_password("elsewhere")))
    env.registry.security.clear()
    with pytest.raises(AccessDenied):
        env["res.users"].check(demo.id, "demo")


def test_a_remembered_check_costs_no_statement(env, demo):
    env["res.users"].check(demo.id, "demo")
    before = env.cr.sql_count
    env["res.users"].check(demo.id, "demo")
    assert env.cr.sql_count == before
    with pytest.raises(AccessDenied):
        env["res.users"].check(demo.id, "not the password")


def test_an_archived_user_is_refused_even_with_a_remembered_check(env, demo):
    env["res.users"].check(demo.id, "demo")
    demo.active = False
    with pytest.raises(AccessDenied):
        env["res.users"].check(demo.id, "demo")


def test_short_passwords_are_refused(env, demo):
    with pytest.raises(ValidationError, match="at least 4 characters"):
        demo.password = "abc"


def test_user_changes_their_own_preferences_without_rights_on_users(as_user, env, demo):
    as_user("demo")["res.users"].browse(demo.id).write({"lang": "es_ES", "tz": "Europe/Madrid"})
    assert (demo.lang, demo.tz) == ("es_ES", "Europe/Madrid")


def test_user_cannot_change_their_own_groups(as_user, env, demo):
    system = env.ref("base.group_system")
    with pytest.raises(AccessError):
        as_user("demo")["res.users"].browse(demo.id).write({"groups_id": [(4, system.id)]})
    assert system not in demo.groups_id


def test_user_cannot_change_another_user(as_user, env):
    admin = env.ref("base.user_admin")
    with pytest.raises(AccessError):
        as_user("demo")["res.users"].browse(admin.id).write({"tz": "Asia/Tokyo"})


def test_change_password_needs_the_old_one(as_user, env, demo):
    users = as_user("demo")["res.users"]
    with pytest.raises(AccessDenied, match="old password"):
        users.change_password("wrong", "brand new")
    assert users.change_password("demo", "brand new") is True
    assert env["res.users"].authenticate("demo", "brand new") == demo.id


def test_user_switches_only_to_their_companies(as_user, env, demo):
    with pytest.raises(ValidationError, match="company you belong to"):
        as_user("demo")["res.users"].switch_company(env.ref("base.company_2").id)


def test_api_key_works_instead_of_the_password(as_user, env, demo):
    key = as_user("demo")["res.users"].browse(demo.id).create_api_key("my script")
    assert env["res.users"].authenticate("demo", key) == demo.id
    stored = env["res.users.apikeys"].search([("user_id", "=", demo.id)])
    assert key not in (stored.key_hash or "") and stored.key_prefix == key[:8]


def test_api_key_is_refused_for_interactive_logins(as_user, env, demo):
    key = as_user("demo")["res.users"].browse(demo.id).create_api_key("my script")
    with pytest.raises(AccessDenied):
        env["res.users"].with_context(interactive=True).authenticate("demo", key)


def test_a_revoked_api_key_stops_working_at_once(as_user, env, demo):
    demo_env = as_user("demo")
    key = demo_env["res.users"].browse(demo.id).create_api_key("my script")
    env["res.users"].check(demo.id, key)
    demo_env["res.users.apikeys"].search([]).action_revoke()
    with pytest.raises(AccessDenied):
        env["res.users"].check(demo.id, key)


def test_user_cannot_create_keys_for_someone_else(as_user, env):
    with pytest.raises(AccessError, match="only create API keys for yourself"):
        as_user("demo")["res.users"].browse(env.ref("base.user_admin").id).create_api_key("theirs")


def test_user_sees_only_their_own_api_keys(as_user, env, demo):
    env.ref("base.user_admin").create_api_key("admin key")
    as_user("demo")["res.users"].browse(demo.id).create_api_key("demo key")
    assert as_user("demo")["res.users.apikeys"].search([]).mapped("name") == ["demo key"]


def test_new_user_gets_a_partner_and_internal_rights(env):
    user = env["res.users"].create({"name": "Nuria Sanz", "login": "nuria", "password": "secret1"})
    assert user.partner_id.name == "Nuria Sanz"
    assert user.has_group("base.group_user") and not user.share


def test_administrator_and_system_user_cannot_be_deleted(env):
    with pytest.raises(UserError, match="archive users instead"):
        env.ref("base.user_admin").unlink()


def test_users_cannot_archive_themselves(env):
    admin_env = env(user=env.ref("base.user_admin").id, su=False)
    with pytest.raises(UserError, match="logged in as"):
        admin_env["res.users"].browse(admin_env.uid).write({"active": False})


def test_context_get_answers_like_odoo(env, demo):
    assert env["res.users"].with_user(demo).context_get() == {"lang": "en_US", "tz": demo.tz or False,
                                                              "uid": demo.id}


def test_a_password_set_in_a_transaction_rolled_back_is_not_remembered(registry):
    from core.records.environment import Environment

    cr = registry.cursor()
    try:
        env = Environment(cr, 1, {})
        demo_id = env.ref("base.user_demo").id
        env["res.users"].browse(demo_id).password = "never committed"
        env["res.users"].check(demo_id, "never committed")
        cr.rollback()
        with pytest.raises(AccessDenied):
            Environment(cr, 1, {})["res.users"].check(demo_id, "never committed")
    finally:
        cr.close()


def test_concurrent_first_checks_of_one_password_hash_it_once(registry, monkeypatch):
    import threading
    import time

    from core.records.environment import Environment

    with registry.cursor(readonly=True) as cr:
        demo_id = Environment(cr, 1, {}).ref("base.user_demo").id
    res_users_auth.forget_checks(registry.db_name)
    real, hashed = res_users_auth._hasher, []

    class SlowHasher:
        def verify(self, stored, password):
            hashed.append(password)
            time.sleep(0.2)  # the others arrive while the first one hashes
            return real.verify(stored, password)

    monkeypatch.setattr(res_users_auth, "_hasher", SlowHasher())
    answers = []

    def check(password):
        with registry.cursor(readonly=True) as cr:
            try:
                Environment(cr, 1, {})["res.users"].check(demo_id, password)
                answers.append((password, "good"))
            except AccessDenied:
                answers.append((password, "denied"))

    threads = [threading.Thread(target=check, args=("demo",)) for _ in range(4)]
    threads += [threading.Thread(target=check, args=("wrong",)) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(answers) == [("demo", "good")] * 4 + [("wrong", "denied")] * 2
    assert hashed.count("demo") == 1  # a wrong password is never remembered: each try is hashed
    assert hashed.count("wrong") == 2
    assert not res_users_auth._checking
    res_users_auth.forget_checks(registry.db_name)
