"""action_archive, action_unarchive and toggle_active on every model with an ``active`` field."""
from __future__ import annotations

import pytest

from core.exceptions import AccessError, UserError


def test_archive_and_unarchive_return_true_and_flip_active(env, make_tag):
    tag = make_tag("to archive")
    assert tag.action_archive() is True
    assert tag.active is False and tag not in env["test.tag"].search([])
    assert tag.action_unarchive() is True
    assert tag.active is True


def test_archiving_a_mix_leaves_archived_records_archived(env, make_tag):
    shown, hidden = make_tag("shown"), make_tag("hidden", active=False)
    (shown | hidden).action_archive()
    assert (shown.active, hidden.active) == (False, False)
    (shown | hidden).action_unarchive()
    assert (shown.active, hidden.active) == (True, True)


def test_toggle_active_swaps_each_record(env, make_tag):
    shown, hidden = make_tag("shown"), make_tag("hidden", active=False)
    assert (shown | hidden).toggle_active() is True
    assert (shown.active, hidden.active) == (False, True)


def test_a_model_without_active_refuses_clearly(env):
    country = env["res.country"].search([], limit=1)
    for method in ("action_archive", "action_unarchive", "toggle_active"):
        with pytest.raises(UserError, match=r"res.country records cannot be archived: the model has no "
                                            r"'active' field"):
            getattr(country, method)()


def test_archiving_needs_the_right_to_write(env, as_user):
    currency = env["res.currency"].search([("name", "=", "USD")])
    with pytest.raises(AccessError):
        currency.with_env(as_user("demo")).action_archive()
    assert currency.active is True
