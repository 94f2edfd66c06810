"""Multi-company: each user works in some companies (one current); records of other companies stay hidden."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError

MODEL = "addon_secure.note"
MANAGER = "addon_secure.group_secure_manager"


@pytest.fixture
def notes(secure_env):
    main, branch = secure_env.ref("base.main_company"), secure_env.ref("base.company_2")
    Note = secure_env[MODEL]
    return {"main": Note.create({"name": "main note", "company_id": main.id}),
            "branch": Note.create({"name": "branch note", "company_id": branch.id}),
            "shared": Note.create({"name": "shared note", "company_id": False})}


def test_user_of_one_company_does_not_see_another_company_records(make_user, notes):
    boss = make_user("boss", [MANAGER])
    visible = boss[MODEL].search([])
    assert notes["main"] in visible and notes["shared"] in visible
    assert notes["branch"] not in visible


def test_reading_another_company_record_is_denied(make_user, notes):
    boss = make_user("boss", [MANAGER])
    with pytest.raises(AccessError):
        boss[MODEL].browse(notes["branch"].id).read(["name"])


def test_user_of_two_companies_sees_both(make_user, notes):
    boss = make_user("boss", [MANAGER], ["base.main_company", "base.company_2"])
    visible = boss[MODEL].search([])
    assert notes["main"] in visible and notes["branch"] in visible


def test_allowed_companies_in_the_context_narrow_what_is_seen(make_user, notes, secure_env):
    boss = make_user("boss", [MANAGER], ["base.main_company", "base.company_2"])
    only_branch = boss[MODEL].with_context(allowed_company_ids=[secure_env.ref("base.company_2").id])
    visible = only_branch.search([])
    assert notes["branch"] in visible and notes["main"] not in visible


def test_asking_for_a_company_the_user_is_not_in_is_denied(make_user, notes, secure_env):
    boss = make_user("boss", [MANAGER])
    outside = boss[MODEL].with_context(allowed_company_ids=[secure_env.ref("base.company_2").id])
    with pytest.raises(AccessError, match="unauthorized or invalid companies"):
        outside.search([])


def test_new_records_belong_to_the_current_company(make_user, secure_env):
    boss = make_user("boss", [MANAGER], ["base.main_company", "base.company_2"])
    branch = secure_env.ref("base.company_2")
    note = boss[MODEL].with_company(branch).create({"name": "made in the branch"})
    assert note.company_id == branch


def test_creating_a_record_in_a_foreign_company_is_denied(make_user, secure_env):
    boss = make_user("boss", [MANAGER])
    before = secure_env[MODEL].search_count([])
    # the refusal leaves nothing behind, even for code that catches it inside the same transaction
    with pytest.raises(AccessError, match="break a record rule"):
        boss[MODEL].create({"name": "smuggled", "company_id": secure_env.ref("base.company_2").id})
    assert secure_env[MODEL].search_count([]) == before


def test_partners_of_another_company_are_hidden_from_its_outsiders(secure_env, make_user):
    partner = secure_env["res.partner"].create({"name": "Branch customer",
                                                "company_id": secure_env.ref("base.company_2").id})
    employee = make_user("employee", ["base.group_user"])
    assert partner not in employee["res.partner"].search([("name", "=", "Branch customer")])


def test_user_sees_every_company_they_belong_to(make_user, secure_env):
    boss = make_user("boss", [MANAGER], ["base.main_company", "base.company_2"])
    companies = boss["res.company"].with_context(allowed_company_ids=[secure_env.ref("base.main_company").id])
    both = {secure_env.ref("base.main_company"), secure_env.ref("base.company_2")}
    assert both <= set(companies.search([]))


def test_a_user_added_to_a_company_sees_its_records_at_once(make_user, notes, secure_env):
    boss = make_user("boss", [MANAGER])
    assert notes["branch"] not in boss[MODEL].search([])  # the user's companies are now remembered
    branch = secure_env.ref("base.company_2")
    secure_env["res.users"].browse(boss.uid).write({"company_ids": [(4, branch.id)]})
    assert notes["branch"] in boss[MODEL].with_context(allowed_company_ids=None).search([])


def test_an_archived_company_leaves_its_users_allowed_companies(make_user, notes, secure_env):
    boss = make_user("boss", [MANAGER], ["base.main_company", "base.company_2"])
    assert notes["branch"] in boss[MODEL].search([])
    secure_env.ref("base.company_2").write({"active": False})
    secure_env.invalidate_all()  # as the user's next request starts with nothing read yet
    assert notes["branch"] not in boss[MODEL].search([])


def test_remembered_companies_of_an_undone_transaction_are_forgotten(secure_registry):
    from core.records.environment import SUPERUSER_ID, Environment

    with secure_registry.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        branch_id = env.ref("base.company_2").id
        admin = env.ref("base.user_admin")
        before = set(admin.company_ids.ids)
    cr = secure_registry.cursor()
    try:
        env = Environment(cr, SUPERUSER_ID, {})
        env["res.users"].browse(admin.id).write({"company_ids": [(6, 0, [branch_id])],
                                                 "company_id": branch_id})
        assert secure_registry.security.allowed_company_ids(env(user=admin.id)) == [branch_id]
    finally:
        cr.close()  # never committed
    with secure_registry.cursor() as cr:
        env = Environment(cr, admin.id, {})
        assert set(secure_registry.security.allowed_company_ids(env)) == before
