"""Routes that work in the logged-in user's transaction: ``@with_env`` and the after-commit queue.

A transaction that meets a serialization conflict is run again from the start, so whatever a route
does besides the database (a message shown to the user, a notice to another system) must not happen
inside it: ``flash`` and ``after_commit`` queue it on the transaction, and the queue runs once, after
the commit that counts. A retried or failed attempt drops its queue.

    @bp.post("/data/<model>/<int:record_id>/delete")
    @with_env(recover=show_error_on_record)
    def delete(env, model, record_id):
        env[model].browse(record_id).unlink()
        flash(_("The record has been deleted."), "success")   # shown once, only if the delete commits
        return redirect(...)
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from flask import flash as flask_flash
from flask import g, jsonify

from core.exceptions import AccessError, UserError, ValidationError
from web.client.session_env import run_as_user

View = Callable[..., Any]
Recover = Callable[..., Any]


def after_commit(callback: Callable[[], None]) -> None:
    """Run ``callback`` once the request's transaction has committed (at once outside one)."""
    env = g.get("env")
    if env is None:
        callback()
    else:
        env.cr.postcommit.append(callback)


def flash(message: str, category: str = "message") -> None:
    """Flask's ``flash``, shown only when (and once) the request's transaction commits."""
    after_commit(lambda: flask_flash(message, category))


def with_env(
    readonly: bool | Callable[[], bool] = False,
    recover: Recover | None = None,
    refusals: tuple[type[Exception], ...] = (UserError, AccessError),
) -> Callable[[View], View]:
    """Decorate a route so that it runs as ``view(env, *args, **kwargs)`` in one transaction of the
    logged-in user (NotLoggedIn without a valid session), retried alone on a conflict.

    ``readonly`` is a flag or a function of the request (``lambda: request.method == "GET"``).
    ``recover(env, error, *args, **kwargs)`` answers a refusal (``refusals``) after the rollback, in a
    read-only transaction of its own; without it the refusal reaches the blueprint's error pages.
    """

    def decorate(view: View) -> View:
        @functools.wraps(view)
        def route(*args: Any, **kwargs: Any) -> Any:
            only_read = readonly() if callable(readonly) else readonly
            try:
                return run_as_user(lambda env: view(env, *args, **kwargs), readonly=only_read)
            except refusals as error:
                if recover is None:
                    raise
                return _recovered(recover, error, args, kwargs)

        return route

    return decorate


def _recovered(recover: Recover, error: Exception, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
    """The answer to a refused request, in a read-only transaction of its own (the refused one is gone)."""
    return run_as_user(lambda env: recover(env, error, *args, **kwargs), readonly=True)


def json_refusal(env: Any, error: Exception, *args: Any, **kwargs: Any) -> Any:
    """``recover`` of the client's fetch calls: ``{"error", "field"}`` (422), or ``{"error"}`` (403/400)."""
    message = getattr(error, "message", str(error))
    if isinstance(error, ValidationError):
        return jsonify({"error": message, "field": error.field}), 422
    return jsonify({"error": message}), 403 if isinstance(error, AccessError) else 400
