"""Routes in the user's transaction (``@with_env``): a transaction retried after a serialization
conflict shows its messages once, and a refused one shows none of its own."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import Any

import flask
from flask import Blueprint, Flask, get_flashed_messages, jsonify
from flask.testing import FlaskClient
from sqlalchemy.exc import OperationalError

from core.exceptions import UserError
from web.client.request_env import after_commit, flash, with_env
from web.client.session_env import run_as_user


def _conflict() -> OperationalError:
    """What the database answers when another transaction holds the rows (retried by the server)."""
    return OperationalError("UPDATE res_partner ...", {}, sqlite3.OperationalError("database is locked"))


def _mount(app: Flask) -> dict[str, Any]:
    """Test routes on ``app``; the returned dict counts the attempts and the after-commit calls."""
    seen: dict[str, Any] = {"attempts": 0, "committed": 0}
    bp = Blueprint("retry_probe", __name__, url_prefix="/probe")

    @bp.post("/conflict-once")
    @with_env()
    def conflict_once(env: Any) -> Any:
        seen["attempts"] += 1
        env["res.partner"].create({"name": f"Probe {seen['attempts']}"})
        flash("Partner saved.", "success")
        after_commit(lambda: seen.__setitem__("committed", seen["committed"] + 1))
        if seen["attempts"] == 1:
            raise _conflict()
        return "ok"

    @bp.post("/refused")
    @with_env(recover=lambda env, error: (flash(error.message, "error"), "refused")[1])
    def refused(env: Any) -> Any:
        flash("Partner saved.", "success")
        raise UserError("The partner needs a name.")

    @bp.post("/plain-flash")
    def plain_flash() -> Any:
        """Code written without ``@with_env`` (flask-admin's views) flashes inside the transaction."""

        def work(env: Any) -> str:
            seen["attempts"] += 1
            flask.flash("Record was successfully created.", "success")
            if seen["attempts"] == 1:
                raise _conflict()
            return "ok"

        return run_as_user(work)

    @bp.get("/messages")
    def messages() -> Any:
        return jsonify(get_flashed_messages(with_categories=True))

    app.register_blueprint(bp)
    return seen


def _post(client: FlaskClient, path: str) -> Any:
    return client.post(path, data={"csrf_token": client.csrf})  # type: ignore[attr-defined]


def test_a_flash_inside_a_retried_transaction_appears_once(
    app: Flask, login_as: Callable[[str], FlaskClient], in_db: Any
) -> None:
    seen = _mount(app)
    client = login_as("admin")
    response = _post(client, "/probe/conflict-once")
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    assert seen["attempts"] == 2  # the conflict was retried
    assert seen["committed"] == 1
    assert client.get("/probe/messages").get_json() == [["success", "Partner saved."]]
    probes = [("name", "in", ["Probe 1", "Probe 2"])]
    names = in_db(lambda env: env["res.partner"].search(probes).mapped("name"))
    assert names == ["Probe 2"]  # the first attempt's partner was rolled back with it


def test_a_refused_transaction_shows_only_the_refusal(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    _mount(app)
    client = login_as("admin")
    assert _post(client, "/probe/refused").get_data(as_text=True) == "refused"
    assert client.get("/probe/messages").get_json() == [["error", "The partner needs a name."]]


def test_a_flask_flash_of_a_retried_attempt_is_dropped(
    app: Flask, login_as: Callable[[str], FlaskClient]
) -> None:
    seen = _mount(app)
    client = login_as("admin")
    assert _post(client, "/probe/plain-flash").status_code == 200
    assert seen["attempts"] == 2
    assert client.get("/probe/messages").get_json() == [["success", "Record was successfully created."]]
