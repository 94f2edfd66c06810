"""``/czrm/map``: the citizen requests the user may read on a map in the web client, filtered by service
and status; a marker opens the request's form. Tiles come from the czrm.map_tile_url setting; with no
tiles (or no network) the markers are drawn on a blank layer."""

from __future__ import annotations

from typing import Any

from flask import Response, jsonify, request, url_for

from addons.czrm.controllers.map_common import CENTRE, MAP_LIMIT, map_policy, marker_rows, tile_url
from core.exceptions import MissingError
from core.i18n import _
from core.records.environment import Environment
from web.addon_pages import addon_blueprint
from web.client.actions import model_action
from web.client.nav import Nav
from web.client.pages import menu_param, page
from web.client.request_env import with_env

bp = addon_blueprint("czrm", __name__, "/czrm")
STATUSES = ("open", "closed", "all")


def _filters() -> tuple[int | None, str]:
    """The service id and the status asked for (``open`` unless ``closed`` or ``all``)."""
    status = request.args.get("status", "open")
    return request.args.get("service", type=int), status if status in STATUSES else "open"


def _domain(service_id: int | None, status: str) -> list[Any]:
    domain: list[Any] = [("has_location", "=", True)]
    if service_id:
        domain.append(("service_type_id", "=", service_id))
    if status != "all":
        domain.append(("status", "=", status))
    return domain


def _requests(env: Environment) -> Any:
    if "czrm.request" not in env.registry.models:  # mounted for every database; the addon may be absent
        raise MissingError(_("Citizen requests are not installed in this database."))
    return env["czrm.request"]


@bp.route("/map")
@with_env(readonly=True)
def map_page(env: Environment) -> Any:
    """The map page with its filters."""
    _requests(env).check_access_rights("read")
    service_id, status = _filters()
    nav = Nav(model_action(env, "czrm.request"), menu_param())
    tiles = tile_url(env)
    services = env["czrm.service.type"].search_read([], ["name"])
    source = url_for(".map_data", service=service_id or None, status=status, menu=menu_param())
    html = page(env, "czrm/backoffice_map.html", nav, _("Requests on the Map"), tiles=tiles, source=source,
                services=services, service_id=service_id, status=status, menu_id=menu_param(), centre=CENTRE)
    return Response(html, headers={"Content-Security-Policy": map_policy(tiles)})


@bp.route("/map.json")
@with_env(readonly=True)
def map_data(env: Environment) -> Any:
    """``[{number, service, stage, status, lat, long, url}]`` of the located requests the user may read."""
    service_id, status = _filters()
    nav = Nav(model_action(env, "czrm.request"), menu_param())
    found = _requests(env).search(_domain(service_id, status), order="id desc", limit=MAP_LIMIT)
    return jsonify(marker_rows(found, lambda r: nav.record_url(r.id)))
