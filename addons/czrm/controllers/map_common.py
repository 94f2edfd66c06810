"""What the portal's map and the back office's map share: the tile address of the settings, the page's
content security policy letting those tiles in, and the marker rows."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from web.auth.headers import CSP

DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MAP_LIMIT = 2000  # markers on one map: the most recent requests
CENTRE = "41.6523,-4.7245"  # where the map opens before the markers are fitted


def tile_url(env: Any) -> str:
    """The czrm.map_tile_url setting; OpenStreetMap when empty, "" (no tiles, a blank layer) for none."""
    value = (env["ir.config_parameter"].sudo().get_param("czrm.map_tile_url") or "").strip()
    if value.lower() == "none":
        return ""
    return value or DEFAULT_TILES


def map_policy(tiles: str) -> str:
    """The default content security policy with the tile server's images allowed."""
    parts = urlsplit(tiles)
    origin = (
        f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}" if parts.scheme in ("http", "https") else ""
    )
    return CSP.replace("img-src 'self' data: blob:", f"img-src 'self' data: blob: {origin}".rstrip())


def marker_rows(requests: Any, url_of: Callable[[Any], str] | None = None) -> list[dict[str, Any]]:
    """One marker per located request: number, service, stage, point (and its page, given ``url_of``)."""
    rows = []
    for r in requests:
        row = {
            "number": r.name,
            "service": r.service_type_id.name,
            "lat": r.lat,
            "long": r.long,
            "stage": r.stage_id.public_name or r.stage_id.name or "",
        }
        if url_of is not None:
            row["url"] = url_of(r)
            row["status"] = r.status
        rows.append(row)
    return rows
