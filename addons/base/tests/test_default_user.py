"""The default user template: users created without groups get its groups, as in Odoo."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


def test_new_internal_user_gets_the_template_groups(env):
    user = env["res.users"].create({"name": "Nuevo", "login": "nuevo"})
    template = env.ref("base.default_user")
    assert user.groups_id == template.groups_id
    assert user.has_group("base.group_partner_manager") and user.has_group("base.group_user")
    contact = env(user=user.id, su=False)["res.partner"].create({"name": "Made by a new user"})
    assert contact.create_uid == user


def test_explicit_groups_are_kept(env):
    portal = env.ref("base.group_portal")
    user = env["res.users"].create({"name": "Cliente", "login": "cliente",
                                    "groups_id": [(6, 0, [portal.id])]})
    assert user.groups_id == portal and user.share


def test_template_groups_changed_in_the_settings_reach_the_next_users(env):
    multi_currency = env.ref("base.group_multi_currency")
    groups = env.ref("base.default_user").groups_id | multi_currency
    settings = env["res.config.settings"].create({"user_default_group_ids": [(6, 0, groups.ids)]})
    settings.execute()
    assert env.ref("base.default_user").groups_id == groups
    assert env["res.config.settings"].create({}).user_default_group_ids == groups
    assert env["res.users"].create({"name": "Later", "login": "later"}).has_group("base.group_multi_currency")


def test_settings_refuse_a_template_without_groups(env):
    settings = env["res.config.settings"].create({"user_default_group_ids": [(6, 0, [])]})
    with pytest.raises(ValidationError, match=r"at least one group.*'Default Access Rights'"):
        settings.execute()
    assert env.ref("base.default_user").groups_id


def test_the_template_never_logs_in(env):
    template = env.ref("base.default_user")
    assert not template.active and not template.partner_id.active
    assert template not in env["res.users"].search([])


def test_demo_user_creates_contacts_like_odoo_demo(env):
    assert env.ref("base.user_demo").has_group("base.group_partner_manager")
