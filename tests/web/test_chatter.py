"""The chatter under records of models with ``chatter: true``: notes, messages and tracked changes."""

from __future__ import annotations

import pytest

from tests.fixtures.web_client import text


@pytest.fixture
def partner(in_db):
    return in_db(
        lambda env: env["res.partner"].create({"name": "Chatty Co", "email": "old@chatty.example.com"}).id
    )


def test_logging_a_note_shows_it_in_the_chatter(admin, in_db, partner):
    if "mail.message" not in in_db(lambda env: list(env.registry.models)):
        pytest.skip("the mail addon is not installed")
    response = admin.post(
        f"/web/data/res.partner/{partner}/message",
        data={"csrf_token": admin.csrf, "body": "Called <b>them</b> today", "kind": "note"},
    )
    assert response.status_code == 302
    page = text(admin.get(f"/web/model/res.partner/{partner}"))
    assert "Called &lt;b&gt;them&lt;/b&gt; today" in page  # plain text stays text
    assert 'class="message note"' in page


def test_empty_note_is_refused_and_nothing_is_posted(admin, in_db, partner):
    if "mail.message" not in in_db(lambda env: list(env.registry.models)):
        pytest.skip("the mail addon is not installed")
    before = in_db(lambda env: len(env["res.partner"].browse(partner).message_ids))
    response = admin.post(
        f"/web/data/res.partner/{partner}/message", data={"csrf_token": admin.csrf, "body": " "}
    )
    assert "Write something before posting" in text(admin.get(response.headers["Location"]))
    assert in_db(lambda env: len(env["res.partner"].browse(partner).message_ids)) == before


def test_tracked_change_appears_with_old_and_new_values(admin, in_db, partner):
    if "mail.tracking.value" not in in_db(lambda env: list(env.registry.models)):
        pytest.skip("the mail addon is not installed")
    in_db(lambda env: env["res.partner"].browse(partner).write({"email": "new@chatty.example.com"}))
    page = text(admin.get(f"/web/model/res.partner/{partner}"))
    assert "old@chatty.example.com" in page and "<strong>new@chatty.example.com</strong>" in page
