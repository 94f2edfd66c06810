"""What the Open311 endpoints read and write: services, their definitions, requests as the
specification names their fields, the filters of GET requests and the filing of a new request."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from addons.czrm.attributes import parse_datetime
from addons.czrm.controllers.open311_format import w3c
from core import _, clock

DEFAULT_DAYS = 90
MAX_ROWS = 1000
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class ApiError(Exception):
    """A refusal with its HTTP status (400, 403, 404) and the description sent in the error list."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def service_row(service: Any) -> dict[str, Any]:
    return {
        "service_code": service.code,
        "service_name": service.name,
        "description": service.description or "",
        "metadata": bool(service.attribute_ids),
        "type": service.service_kind,
        "keywords": service.keywords or "",
        "group": service.group or "",
    }


def service_definition(service: Any) -> dict[str, Any]:
    attributes = []
    for order, attribute in enumerate(service.attribute_ids, start=1):
        row: dict[str, Any] = {
            "variable": attribute.variable,
            "code": attribute.code,
            "datatype": attribute.datatype,
            "required": attribute.required,
            "datatype_description": attribute.datatype_description or "",
            "order": order,
            "description": attribute.description,
        }
        if attribute.datatype in ("singlevaluelist", "multivaluelist"):
            row["values"] = [{"key": value.key, "name": value.name} for value in attribute.value_ids]
        attributes.append(row)
    return {"service_code": service.code, "attributes": attributes}


def request_row(request: Any) -> dict[str, Any]:
    service = request.service_type_id
    stage_note = request.stage_id.public_name or request.stage_id.name or ""
    return {
        "service_request_id": request.name,
        "status": request.status,
        "status_notes": request.status_notes or stage_note,
        "service_name": service.name,
        "service_code": service.code,
        "description": request.description or "",
        "agency_responsible": request.team_id.name or "",
        "service_notice": request.service_notice or "",
        "requested_datetime": w3c(request.sla_start or request.create_date),
        "updated_datetime": w3c(request.write_date),
        "expected_datetime": w3c(request.expected_datetime or request.sla_deadline or None),
        "address": request.address_string or "",
        "address_id": request.address_id or "",
        "zipcode": request.zipcode or "",
        "lat": request.lat if request.has_location else None,
        "long": request.long if request.has_location else None,
        "media_url": request.media_url or "",
    }


def _split(value: str | None) -> list[str]:
    return [item.strip() for item in (value or "").split(",") if item.strip()]


def _moment(params: dict[str, str], name: str) -> dt.datetime | None:
    if name not in params:
        return None
    try:
        return parse_datetime(params[name])
    except ValueError as error:
        raise ApiError(400, _("%(name)s: %(reason)s", name=name, reason=str(error)))


def search_requests(env: Any, params: dict[str, str]) -> Any:
    """The requests of GET requests: by ids (which overrides every other filter), else by service codes,
    dates (default: the last 90 days) and statuses; newest first, at most 1,000."""
    Requests = env["czrm.request"].sudo()
    ids = _split(params.get("service_request_id"))
    if ids:
        return Requests.search([("name", "in", ids)], order="id desc", limit=MAX_ROWS)
    start, end = _moment(params, "start_date"), _moment(params, "end_date")
    if start and end and start > end:
        raise ApiError(400, _("start_date must be before end_date."))
    if start is None and end is None:
        end = clock.utcnow()
    if start is None:
        start = end - dt.timedelta(days=DEFAULT_DAYS)
    domain: list[Any] = [("sla_start", ">=", start)]
    if end is not None:
        domain.append(("sla_start", "<=", end))
    codes = _split(params.get("service_code"))
    if codes:
        domain.append(("service_type_id.code", "in", codes))
    statuses = _split(params.get("status"))
    wrong = [s for s in statuses if s not in ("open", "closed")]
    if wrong:
        raise ApiError(400, _("status: %(value)s is not open or closed.", value=wrong[0]))
    if statuses:
        domain.append(("status", "in", statuses))
    return Requests.search(domain, order="sla_start desc, id desc", limit=MAX_ROWS)


def attribute_answers(form: Any) -> dict[str, Any]:
    """``attribute[CODE]`` fields (repeated, or ``attribute[CODE][]``, for several choices)."""
    answers: dict[str, Any] = {}
    for key in form:
        if key.startswith("attribute[") and "]" in key:
            code = key[len("attribute[") : key.index("]")]
            values = [v for v in form.getlist(key) if v.strip() != ""]
            if values:
                answers[code] = values if len(values) > 1 or key.endswith("[]") else values[0]
    return answers


def create_request(env: Any, params: dict[str, str], answers: dict[str, Any], api_key: Any) -> Any:
    """File a request from the POST parameters; ApiError naming the parameter when one is wrong."""
    code = params.get("service_code")
    if not code:
        raise ApiError(400, _("service_code is required."))
    service = env["czrm.service.type"].sudo().search([("code", "=", code), ("public", "=", True)], limit=1)
    if not service:
        raise ApiError(404, _("service_code %(code)s was not found.", code=code))
    values: dict[str, Any] = {
        "service_type_id": service.id,
        "api_key_id": api_key.id,
        "attribute_values": answers,
    }
    has_point = "lat" in params or "long" in params
    if has_point:
        try:
            values["lat"], values["long"] = float(params["lat"]), float(params["long"])
        except (KeyError, ValueError):
            raise ApiError(400, _("lat and long must both be given as decimal degrees."))
        if not (-90 <= values["lat"] <= 90 and -180 <= values["long"] <= 180):
            raise ApiError(400, _("lat and long must be within -90..90 and -180..180."))
    if "email" in params and not EMAIL.match(params["email"]):
        raise ApiError(400, _("email: %(value)s is not an email address.", value=params["email"]))
    if not (has_point or params.get("address_string") or params.get("address_id")):
        raise ApiError(400, _("A location is required: lat and long, address_string or address_id."))
    fields = {
        "address_string": "address_string",
        "address_id": "address_id",
        "description": "description",
        "media_url": "media_url",
        "first_name": "first_name",
        "last_name": "last_name",
        "device_id": "device_id",
        "account_id": "account_id",
        "email": "partner_email",
        "phone": "partner_phone",
        "zipcode": "zipcode",
    }
    values.update({field: params[name] for name, field in fields.items() if name in params})
    if params.get("first_name") or params.get("last_name"):
        values["partner_name"] = " ".join(filter(None, (params.get("first_name"), params.get("last_name"))))
    return env["czrm.request"].sudo().create(values)
