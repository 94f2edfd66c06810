"""``/api/v1/<model>``: list, create; ``/api/v1/<model>/<id>``: get, update (PATCH), delete.

Every call is one transaction through the record API (access rights, rules, validation apply), is
counted by the rate limiter, and answers JSON; errors use the shape of ``web.rest.errors``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from flask import Blueprint, Response, request, url_for

from core.db.transaction import run_with_retry
from core.i18n import _, use_lang
from core.records.environment import SUPERUSER_ID, Environment
from core.rpc.dispatch import model_of
from web import wire_json
from web.rest import auth
from web.rest.convert import body_values, parse_fields, record_json
from web.rest.errors import ApiError, error_response, json_response

bp = Blueprint("rest", __name__, url_prefix="/api/v1")
DEFAULT_LIMIT = 80
MAX_LIMIT = 1000


def _serve(work: Callable[[Environment], Response], readonly: bool = False) -> Response:
    """Authenticate, rate-limit and run ``work(env)`` in one transaction (retried on conflicts)."""
    headers: dict[str, str] = {}
    try:
        creds = auth.credentials()
        verdict = auth.rate_limit(creds)
        headers = {"X-RateLimit-Limit": str(verdict.limit), "X-RateLimit-Remaining": str(verdict.remaining)}
        if not verdict.allowed:
            headers["Retry-After"] = str(verdict.reset_in)
            raise ApiError(429, _("Too many requests: at most %(limit)s per minute.", limit=verdict.limit))
        registry = auth.registry_of(creds)
        lang = request.headers.get("Accept-Language", "").split(",")[0].strip().replace("-", "_")
        context = {"lang": lang} if lang in ("en_US", "es_ES") else {}

        def attempt() -> Response:
            with registry.cursor(readonly=readonly) as cr, use_lang(context.get("lang")):
                uid = auth.authenticate(Environment(cr, SUPERUSER_ID, {}), creds)
                return work(Environment(cr, uid, context))

        response = run_with_retry(attempt)
    except Exception as error:  # noqa: BLE001 - the API boundary answers every failure as JSON
        return error_response(error, headers)
    response.headers.update(headers)
    return response


@bp.route("/<model>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def collection(model: str) -> Response:
    if request.method == "GET":
        return _serve(lambda env: _list(env, model), readonly=True)
    if request.method == "POST":
        return _serve(lambda env: _create(env, model))
    return error_response(
        ApiError(405, _("Method %(method)s is not allowed here: use GET or POST.", method=request.method))
    )


@bp.route("/<model>/<record_id>", methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
def member(model: str, record_id: str) -> Response:
    if not record_id.isdigit() or not 0 < int(record_id) < 2**31:
        return error_response(
            ApiError(404, _("No %(model)s record with id %(id)s", model=model, id=record_id))
        )
    rid = int(record_id)
    if request.method == "GET":
        return _serve(lambda env: _get(env, model, rid), readonly=True)
    if request.method == "PATCH":
        return _serve(lambda env: _update(env, model, rid))
    if request.method == "DELETE":
        return _serve(lambda env: _delete(env, model, rid))
    return error_response(
        ApiError(
            405, _("Method %(method)s is not allowed here: use GET, PATCH or DELETE.", method=request.method)
        )
    )


# -- operations -------------------------------------------------------------------------------
def _model(env: Environment, name: str) -> Any:
    try:
        return model_of(env, name)
    except Exception:  # noqa: BLE001 - any failure to resolve the name is a 404
        raise ApiError(404, _("Unknown model %(model)s", model=name)) from None


def _list(env: Environment, name: str) -> Response:
    model = _model(env, name)
    fields = parse_fields(model, request.args.get("fields"))
    domain = _domain(request.args.get("domain"))
    limit = _int_arg("limit", DEFAULT_LIMIT, 0, MAX_LIMIT)
    offset = _int_arg("offset", 0, 0, 2**31 - 1)
    order = request.args.get("order") or None
    records = model.search(domain, offset=offset, limit=limit, order=order)
    total = model.search_count(domain)
    rows = records.read(fields) if records else []
    data = [record_json(model, row) for row in rows]
    links = _links(name, offset, limit, total)
    response = json_response({"data": data, "count": total, "offset": offset, "limit": limit, "links": links})
    response.headers["Link"] = ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)
    response.headers["X-Total-Count"] = str(total)
    return response


def _get(env: Environment, name: str, record_id: int) -> Response:
    model = _model(env, name)
    record = _existing(model, record_id)
    row = record.read(parse_fields(model, request.args.get("fields")))[0]
    response = json_response({"data": record_json(model, row)})
    response.headers["ETag"] = _etag(record)
    return response


def _create(env: Environment, name: str) -> Response:
    model = _model(env, name)
    record = model.create(body_values(model, _json_body(), partial=False))
    row = record.read(parse_fields(model, request.args.get("fields")))[0]
    response = json_response({"data": record_json(model, row)}, 201)
    response.headers["Location"] = url_for("rest.member", model=name, record_id=record.id)
    return response


def _update(env: Environment, name: str, record_id: int) -> Response:
    model = _model(env, name)
    record = _existing(model, record_id)
    expected = request.headers.get("If-Match")
    if expected and expected.strip() not in ("*", _etag(record)):
        raise ApiError(409, _("The record was changed since you read it (ETag mismatch): read it again."))
    record.write(body_values(model, _json_body(), partial=True))
    row = record.read(parse_fields(model, request.args.get("fields")))[0]
    response = json_response({"data": record_json(model, row)})
    response.headers["ETag"] = _etag(record)
    return response


def _delete(env: Environment, name: str, record_id: int) -> Response:
    model = _model(env, name)
    _existing(model, record_id).unlink()
    return Response(status=204)


# -- request parts ----------------------------------------------------------------------------
def _existing(model: Any, record_id: int) -> Any:
    record = model.browse(record_id)
    if not record.exists():
        raise ApiError(404, _("No %(model)s record with id %(id)s", model=model._name, id=record_id))
    record.check_access_rule("read")
    return record


def _etag(record: Any) -> str:
    stamp = record.write_date
    return '"' + hashlib.sha1(f"{record._name},{record.id},{stamp}".encode()).hexdigest()[:20] + '"'


def _json_body() -> Any:
    if request.mimetype != "application/json":
        raise ApiError(415, _("Send the record as a JSON object (Content-Type: application/json)."))
    try:
        return wire_json.loads(request.get_data(cache=False) or b"")
    except (ValueError, UnicodeDecodeError):
        raise ApiError(400, _("The request body is not valid JSON.")) from None


def _domain(text: str | None) -> list[Any]:
    if not text:
        return []
    try:
        domain = json.loads(text)
    except ValueError:
        raise ApiError(
            400,
            _('Parameter domain is not valid JSON: expected a list like [["name", "ilike", "a"]]'),
            field="domain",
        ) from None
    if not isinstance(domain, list):
        raise ApiError(400, _("Parameter domain must be a JSON list of conditions."), field="domain")
    return domain


def _int_arg(name: str, default: int, minimum: int, maximum: int) -> int:
    text = request.args.get(name)
    if text is None or text == "":
        return default
    try:
        value = int(text)
    except ValueError:
        raise ApiError(400, _("Parameter %(name)s must be a whole number.", name=name), field=name) from None
    if not minimum <= value <= maximum:
        raise ApiError(
            400,
            _(
                "Parameter %(name)s must be between %(minimum)s and %(maximum)s.",
                name=name,
                minimum=minimum,
                maximum=maximum,
            ),
            field=name,
        )
    return value


def _links(model: str, offset: int, limit: int, total: int) -> dict[str, str | None]:
    def page(start: int) -> str:
        args = {k: v for k, v in request.args.items() if k not in ("offset", "limit")}
        args.update(offset=str(start), limit=str(limit))
        return f"{request.base_url}?{urlencode(args)}"

    last = max(((total - 1) // limit) * limit, 0) if limit else 0
    return {
        "self": page(offset),
        "first": page(0),
        "last": page(last),
        "next": page(offset + limit) if limit and offset + limit < total else None,
        "prev": page(max(offset - limit, 0)) if limit and offset > 0 else None,
    }
