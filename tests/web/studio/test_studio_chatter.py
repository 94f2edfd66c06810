"""A model made in the studio with a chatter shows the chatter panel beside its form, never the mail
fields (followers, messages) as plain inputs, and the studio does not offer them as fields to place."""

from __future__ import annotations

from tests.fixtures.web_client import text
from tests.web.studio.test_studio_models import create_model


def _visit_page(admin, in_db):
    create_model(admin, label="Visit", app="new", chatter="1")
    visit = in_db(lambda env: env["x_visit"].create({"x_name": "First visit"}).id)
    return text(admin.get(f"/web/model/x_visit/{visit}"))


def test_the_form_of_a_model_with_chatter_has_the_chatter_panel(admin, in_db):
    page = _visit_page(admin, in_db)
    assert 'class="chatter"' in page and "First visit" in page
    form = page.split('class="chatter"')[0]
    for name in ("message_follower_ids", "message_is_follower", "message_ids", "message_partner_ids"):
        assert f'name="{name}"' not in form and f'data-field="{name}"' not in form
    assert ">Followers<" not in form and ">Is Follower<" not in form and ">Messages<" not in form


def test_the_studio_does_not_offer_the_chatters_fields(admin, in_db):
    create_model(admin, label="Visit", app="new", chatter="1")
    editor = text(admin.get("/web/studio/x_visit/form"))
    assert "(x_name)" in editor or "x_name" in editor
    assert "(message_ids)" not in editor and "(message_follower_ids)" not in editor
