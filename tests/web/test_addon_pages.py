"""An addon's pages get the language, CSRF and error handling of the web client from one
declaration (web.addon_pages.addon_blueprint)."""

from __future__ import annotations

from flask import Flask, g

from core.exceptions import AccessError
from web.addon_pages import addon_blueprint
from web.auth.csrf import csrf


def _app(public: bool) -> Flask:
    app = Flask(__name__)
    app.config.update(SECRET_KEY="test", WTF_CSRF_CHECK_DEFAULT=False)
    csrf.init_app(app)
    bp = addon_blueprint("sample", __name__, "/sample", public=public)

    @bp.route("/lang")
    def lang() -> str:
        return str(g.lang)

    @bp.route("/save", methods=["POST"])
    def save() -> str:
        return "saved"

    @bp.route("/secret")
    def secret() -> str:
        raise AccessError("You may not read this.")

    app.register_blueprint(bp)
    return app


def test_pages_speak_the_visitors_language():
    client = _app(public=True).test_client()
    assert client.get("/sample/lang", headers={"Accept-Language": "es-ES,es;q=0.9"}).text == "es_ES"


def test_a_form_posted_without_its_token_is_refused():
    for public in (True, False):
        response = _app(public).test_client().post("/sample/save", data={"name": "x"})
        assert response.status_code == 400 and "saved" not in response.text


def test_signed_in_pages_answer_a_refusal_as_the_client_does_and_public_pages_do_not():
    app = _app(public=False)
    response = app.test_client().get("/sample/secret", headers={"X-Requested-With": "fetch"})
    assert response.status_code == 403 and response.json == {"error": "You may not read this."}
    public = _app(public=True)
    public.config["PROPAGATE_EXCEPTIONS"] = False
    assert public.test_client().get("/sample/secret").status_code == 500
