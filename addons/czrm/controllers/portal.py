"""The citizen portal: choose a service, answer its questions, place the request, attach a photo, and
follow it with the tracking link; no login needed."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, redirect, render_template, request, url_for

from addons.czrm.controllers.map_common import CENTRE, MAP_LIMIT, map_policy, marker_rows, tile_url
from addons.service_desk.controllers.portal_common import (
    attach_upload,
    find_tracked,
    portal_partner,
    public_env_run,
)
from core.exceptions import UserError, ValidationError
from core.i18n import _
from web import i18n
from web.addon_pages import addon_blueprint

bp = addon_blueprint("czrm_portal", __name__, "/citizen", public=True, assets=True)
FIELDS = (
    "description",
    "address_string",
    "zipcode",
    "first_name",
    "last_name",
    "partner_email",
    "partner_phone",
)


def _page(template: str, status: int = 200, **values: Any) -> tuple[str, int]:
    return render_template(
        template,
        portal_title=_("Citizen services"),
        portal_home=url_for(".services"),
        portal_track=url_for(".track"),
        portal_map=url_for(".map_page"),
        **values,
    ), status


def _service_view(service: Any) -> dict[str, Any]:
    return {
        "code": service.code,
        "name": service.name,
        "description": service.description or "",
        "group": service.group or "",
        "attributes": [
            {
                "code": a.code,
                "label": a.description,
                "datatype": a.datatype,
                "required": a.required,
                "hint": a.datatype_description or "",
                "variable": a.variable,
                "choices": [(v.key, v.name) for v in a.value_ids],
            }
            for a in service.attribute_ids
        ],
    }


def _service(env: Any, code: str) -> Any:
    service = env["czrm.service.type"].search([("code", "=", code), ("public", "=", True)], limit=1)
    if not service:
        raise UserError(_("There is no service %(code)s.", code=code))
    return service


@bp.get("/")
def services() -> tuple[str, int]:
    """The catalogue, grouped."""
    rows = public_env_run(
        lambda env: [_service_view(s) for s in env["czrm.service.type"].search([("public", "=", True)])],
        readonly=True,
    )
    return _page("czrm/portal_services.html", services=rows)


@bp.route("/new/<code>", methods=["GET", "POST"])
def new(code: str) -> Any:
    """The form of one service; a new request and its tracking page once sent."""
    try:
        service = public_env_run(lambda env: _service_view(_service(env, code)), readonly=True)
    except UserError as error:
        return _page("czrm/portal_services.html", 404, services=[], error=str(error))
    if request.method == "GET":
        return _page("czrm/portal_new.html", service=service, values={}, answers={})
    values = {name: request.form.get(name, "").strip() for name in FIELDS}
    answers = {
        a["code"]: (
            request.form.getlist(f"attribute[{a['code']}]")
            if a["datatype"] == "multivaluelist"
            else request.form.get(f"attribute[{a['code']}]", "").strip()
        )
        for a in service["attributes"]
    }

    def create(env: Any) -> tuple[str, str]:
        vals: dict[str, Any] = {k: v for k, v in values.items() if v}
        vals.update(
            service_type_id=_service(env, code).id, attribute_values={k: v for k, v in answers.items() if v}
        )
        for name in ("lat", "long"):
            if request.form.get(name, "").strip():
                try:
                    vals[name] = float(request.form[name])
                except ValueError:
                    raise ValidationError(_("%(name)s must be a number of degrees.", name=name), field=name)
        if not (vals.get("address_string") or "lat" in vals):
            raise ValidationError(
                _("Tell us where: an address or a point on the map."), field="address_string"
            )
        if vals.get("first_name") or vals.get("last_name"):
            vals["partner_name"] = " ".join(filter(None, (vals.get("first_name"), vals.get("last_name"))))
        me = portal_partner(env)
        if me:  # filed from a portal account: in its list
            vals.update(partner_id=me.id, partner_email=vals.get("partner_email") or me.email or False)
        created = env["czrm.request"].sudo().create(vals)
        attach_upload(env, created, request.files.get("photo"))
        return created.name, created.access_token

    try:
        number, token = public_env_run(create)
    except (UserError, ValidationError) as error:
        return _page(
            "czrm/portal_new.html", 400, service=service, values=values, answers=answers, error=str(error)
        )
    return redirect(url_for(".follow", number=number, token=token, new=1))


@bp.get("/track")
def track() -> Any:
    """Find a request by its tracking number and the code of its link."""
    number, token = request.args.get("number", "").strip(), request.args.get("token", "").strip()
    if number and token:
        return redirect(url_for(".follow", number=number, token=token))
    return _page("czrm/portal_track.html")


@bp.get("/request/<number>")
def follow(number: str) -> tuple[str, int]:
    """The status of a request for whoever holds its tracking link."""
    token = request.args.get("token", "")

    def read(env: Any) -> dict[str, Any] | None:
        found = find_tracked(env, "czrm.request", "name", number, token)
        if not found:
            return None
        return {
            "number": found.name,
            "service": found.service_type_id.name,
            "status": found.status,
            "stage": found.stage_id.public_name or found.stage_id.name or "",
            "notes": found.status_notes or "",
            "address": found.address_string or "",
            "filed": i18n.format_date(found.sla_start or found.create_date) if found.sla_start else "",
            "expected": i18n.format_date(found.expected_datetime or found.sla_deadline)
            if (found.expected_datetime or found.sla_deadline)
            else "",
            "department": found.team_id.name or "",
        }

    shown = public_env_run(read, readonly=True)
    if shown is None:
        return _page("czrm/portal_track.html", 404, error=_("No request has this tracking number and code."))
    link = url_for(".follow", number=number, token=token, _external=True)
    return _page("czrm/portal_follow.html", req=shown, link=link, new=bool(request.args.get("new")))


@bp.get("/map")
def map_page() -> Response:
    """The open requests on a map (tiles from the czrm.map_tile_url setting; markers draw without them)."""
    tiles = public_env_run(tile_url, readonly=True)
    html, status = _page("czrm/portal_map.html", tiles=tiles, data_url=url_for(".map_data"), centre=CENTRE)
    return Response(html, status=status, headers={"Content-Security-Policy": map_policy(tiles)})


@bp.get("/media/<int:attachment_id>/<key>")
def media(attachment_id: int, key: str) -> Response:
    """A request's image sent through Open311 (its ``media_url``): public, found by id and checksum."""
    import hmac

    from addons.czrm.controllers.open311_media import media_key

    def read(env: Any) -> tuple[bytes, str] | None:
        found = env["ir.attachment"].sudo().browse(attachment_id).exists()
        if not found or found.res_model != "czrm.request" or not found.public or found.type != "binary":
            return None
        if not hmac.compare_digest(media_key(found), key):
            return None
        return found.raw or b"", found.mimetype or "application/octet-stream"

    shown = public_env_run(read, readonly=True)
    if shown is None:
        return Response(_("No such image."), status=404, content_type="text/plain; charset=utf-8")
    content, mimetype = shown
    return Response(content, content_type=mimetype, headers={
        "X-Content-Type-Options": "nosniff", "Cache-Control": "public, max-age=86400",
        "Content-Disposition": "inline"})


@bp.get("/map.json")
def map_data() -> Any:
    """``[{number, service, stage, lat, long}]`` of the open located requests (nothing personal)."""

    def read(env: Any) -> list[dict[str, Any]]:
        found = (
            env["czrm.request"]
            .sudo()
            .search(
                [("close_date", "=", False), ("has_location", "=", True)], order="id desc", limit=MAP_LIMIT
            )
        )
        return marker_rows(found)

    return jsonify(public_env_run(read, readonly=True))
