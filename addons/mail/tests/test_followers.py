"""Followers: the creator follows, others subscribe and unsubscribe, as Odoo's API."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError


def test_the_creator_follows_what_they_create(env):
    admin_env = env(user=env.ref("base.user_admin").id, su=False)
    partner = admin_env["res.partner"].create({"name": "Followed"})
    assert partner.message_partner_ids == env.ref("base.partner_admin")
    assert partner.message_is_follower


def test_subscribe_adds_followers_with_default_subtypes(env, partner):
    demo = env.ref("base.partner_demo")
    assert partner.message_subscribe(partner_ids=[demo.id]) is True
    follower = env["mail.followers"].search([("res_model", "=", "res.partner"), ("res_id", "=", partner.id),
                                             ("partner_id", "=", demo.id)])
    assert follower and env.ref("mail.mt_comment") in follower.subtype_ids
    assert demo in partner.message_partner_ids


def test_subscribing_twice_keeps_one_follower(env, partner):
    demo = env.ref("base.partner_demo")
    partner.message_subscribe(partner_ids=[demo.id])
    partner.message_subscribe(partner_ids=[demo.id])
    assert env["mail.followers"].search_count([("res_model", "=", "res.partner"), ("res_id", "=", partner.id),
                                               ("partner_id", "=", demo.id)]) == 1


def test_unsubscribe_removes_the_follower(env, partner):
    demo = env.ref("base.partner_demo")
    partner.message_subscribe(partner_ids=[demo.id])
    assert partner.message_unsubscribe(partner_ids=[demo.id]) is True
    assert demo not in partner.message_partner_ids


def test_followers_are_searchable(env, partner):
    demo = env.ref("base.partner_demo")
    partner.message_subscribe(partner_ids=[demo.id])
    assert partner in env["res.partner"].search([("message_partner_ids", "in", [demo.id])])


def test_a_user_follows_what_they_can_read(as_user, env, partner):
    demo_env = as_user("demo")
    demo_env["res.partner"].browse(partner.id).message_subscribe(partner_ids=[demo_env.user.partner_id.id])
    assert partner in demo_env["res.partner"].search([("message_is_follower", "=", True)])


def test_subscribing_someone_else_needs_write_access(env, partner):
    reader = env["res.users"].create({"name": "Reader", "login": "reader_only",
                                      "groups_id": [(6, 0, [env.ref("base.group_user").id])]})
    with pytest.raises(AccessError):
        env(user=reader.id, su=False)["res.partner"].browse(partner.id).message_subscribe(
            partner_ids=[env.ref("base.partner_admin").id])


def test_followers_go_with_the_record(env, partner):
    partner.message_subscribe(partner_ids=[env.ref("base.partner_demo").id])
    partner_id = partner.id
    partner.unlink()
    assert not env["mail.followers"].search([("res_model", "=", "res.partner"), ("res_id", "=", partner_id)])
