"""The Open311 GeoReport v2 endpoints, under a configurable root (``ERP_OPEN311_ROOT``, default
``/open311/v2``): discovery, services, services/{code} (also service/{code}), requests (GET and POST),
requests/{id} and tokens/{token}, each as ``.json`` or ``.xml``. Every answer, errors included, is in
the requested format (XML when none is given); nothing answers HTML under the root."""

from __future__ import annotations

import os
import re
from typing import Any

from flask import Blueprint, Flask, Response, current_app, request, url_for
from werkzeug.datastructures import CombinedMultiDict

from addons.czrm.controllers import open311_data as data
from addons.czrm.controllers import open311_media as media
from addons.czrm.controllers.open311_format import answer, error
from core.exceptions import AccessError, UserError, ValidationError
from core.i18n import _
from core.records.environment import SUPERUSER_ID, Environment
from web import i18n
from web.databases import registry_for, run_in_env

DEFAULT_ROOT = "/open311/v2"
PATH = re.compile(r"^(?P<path>.*?)(?:\.(?P<fmt>[A-Za-z0-9]+))?$")
SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-12-01T00:00:00Z"


def root_of(app: Flask) -> str:
    """The URL root of the API: the ERP_OPEN311_ROOT setting of the app, else of the environment."""
    root = app.config.get("ERP_OPEN311_ROOT") or os.environ.get("ERP_OPEN311_ROOT") or DEFAULT_ROOT
    return "/" + root.strip("/")


def make_blueprint(root: str) -> Blueprint:
    bp = Blueprint("czrm_open311", __name__, url_prefix=root)
    bp.before_request(i18n.begin_request_lang)
    bp.add_url_rule(
        "/", "endpoint", _dispatch, defaults={"tail": ""}, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]
    )
    bp.add_url_rule("/<path:tail>", "endpoint", _dispatch, methods=["GET", "POST", "PUT", "PATCH", "DELETE"])
    return bp


def _params() -> dict[str, str]:
    """Query string and form body together (the body wins); empty values count as absent."""
    merged = {**request.args.to_dict(), **request.form.to_dict()}
    return {key: value.strip() for key, value in merged.items() if value.strip() != ""}


def _dispatch(tail: str) -> Response:
    found = PATH.match(tail)
    path, fmt = (found["path"], (found["fmt"] or "xml").lower()) if found else (tail, "xml")
    if fmt not in ("json", "xml"):
        return error("xml", 404, _("Unknown format %(fmt)s: use .json or .xml.", fmt=fmt))
    parts = [p for p in path.split("/") if p]
    try:
        return _route(parts, fmt)
    except data.ApiError as refused:
        return error(fmt, refused.status, refused.description)
    except ValidationError as refused:
        return error(fmt, 400, str(refused))
    except AccessError as refused:
        return error(fmt, 403, str(refused))
    except UserError as refused:
        return error(fmt, 400, str(refused))
    except LookupError:
        return error(fmt, 404, _("This database has no citizen requests."))


def _route(parts: list[str], fmt: str) -> Response:
    method = request.method
    if method not in ("GET", "POST"):
        return error(fmt, 405, _("Method %(method)s is not allowed here.", method=method))
    if parts == ["discovery"] and method == "GET":
        return answer(fmt, "discovery", _discovery(fmt))
    if parts == ["services"] and method == "GET":
        return _in_env(lambda env: answer(fmt, "services", [data.service_row(s) for s in _services(env)]))
    if len(parts) == 2 and parts[0] in ("services", "service") and method == "GET":
        return _in_env(
            lambda env: answer(fmt, "service_definition", data.service_definition(_service(env, parts[1])))
        )
    if parts == ["requests"]:
        if method == "POST":
            return _in_env(lambda env: _post_request(env, fmt), readonly=False)
        return _in_env(
            lambda env: answer(
                fmt, "service_requests", [data.request_row(r) for r in data.search_requests(env, _params())]
            )
        )
    if len(parts) == 2 and parts[0] == "requests" and method == "GET":
        return _in_env(
            lambda env: answer(fmt, "service_requests", [data.request_row(_request(env, parts[1]))])
        )
    if len(parts) == 2 and parts[0] == "tokens" and method == "GET":
        return _in_env(lambda env: answer(fmt, "service_requests", [_token(env, parts[1])]))
    return error(fmt, 404, _("No such Open311 endpoint: %(path)s.", path="/".join(parts) or "/"))


def _in_env(work: Any, readonly: bool = True) -> Response:
    def run(env: Environment) -> Any:
        if "czrm.request" not in env:
            raise LookupError("czrm")
        return work(env)

    return run_in_env(registry_for(), SUPERUSER_ID, {"lang": i18n.request_lang()}, run, readonly=readonly)


def _discovery(fmt: str) -> dict[str, Any]:
    url = request.host_url.rstrip("/") + root_of(current_app)
    return {
        "changeset": CHANGESET,
        "contact": _("Write to the town hall through its citizen portal."),
        "key_service": _("Ask the town hall for an API key; it is made with erp open311-key."),
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": url,
                "changeset": CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }


def _services(env: Environment) -> Any:
    return env["czrm.service.type"].sudo().search([("public", "=", True)])


def _service(env: Environment, code: str) -> Any:
    service = env["czrm.service.type"].sudo().search([("code", "=", code), ("public", "=", True)], limit=1)
    if not service:
        raise data.ApiError(404, _("service_code %(code)s was not found.", code=code))
    return service


def _request(env: Environment, name: str) -> Any:
    found = env["czrm.request"].sudo().search([("name", "=", name)], limit=1)
    if not found:
        raise data.ApiError(404, _("service_request_id %(id)s was not found.", id=name))
    return found


def _token(env: Environment, token: str) -> dict[str, Any]:
    found = (
        env["czrm.request"]
        .sudo()
        .search([("access_token", "=", token), ("api_key_id", "!=", False)], limit=1)
    )
    if not found:
        raise data.ApiError(404, _("token %(token)s was not found.", token=token))
    return {"service_request_id": found.name, "token": token}


def _post_request(env: Environment, fmt: str) -> Response:
    params = _params()
    key = env["czrm.api.key"]._authenticate(params.get("api_key"))
    if not key:
        raise data.ApiError(403, _("api_key is missing or not valid."))
    media_url = media.check_media_url(params.get("media_url"))
    upload = media.read_media(request.files.get("media"))
    created = data.create_request(
        env, params, data.attribute_answers(CombinedMultiDict([request.form, request.args])), key
    )
    image = media.attach_media(env, created, upload, media_url)
    if image and not media_url:  # the uploaded image's own address is the request's media_url
        created.with_context(service_desk_sla_write=True).write(
            {"media_url": url_for("czrm_portal.media", attachment_id=image.id, key=media.media_key(image),
                                  _external=True)}
        )
    row: dict[str, Any] = {
        "service_notice": created.service_notice or "",
        "account_id": params.get("account_id"),
    }
    if created.service_type_id.service_kind == "batch":
        row = {"token": created.access_token, **row}
    else:
        row = {"service_request_id": created.name, **row}
    return answer(fmt, "service_requests", [row])
