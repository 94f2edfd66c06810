"""Citizen requests: tracking numbers, routing to a department, the answers to the service's questions,
the public status, and the duplicates nearby."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import quote

from addons.czrm import geo
from core import _, clock, model

DUPLICATE_WINDOW = dt.timedelta(days=30)  # only requests this recent count as duplicates


@model("czrm.request")
class CzrmRequest:
    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        if not all(isinstance(vals, dict) for vals in vals_list):
            return super().create(vals_list)
        Sequence = self.env["ir.sequence"].sudo()
        Type = self.env["czrm.service.type"]
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            vals["name"] = vals.get("name") or Sequence.next_by_code("czrm.request")
            service = Type.browse(vals["service_type_id"]) if vals.get("service_type_id") else Type
            if service:
                vals["attribute_values"] = (
                    service.exists()._normalise_answers(vals.get("attribute_values"))
                    if service.exists()
                    else vals.get("attribute_values")
                )
                if not vals.get("team_id"):
                    vals["team_id"] = self._route(service, vals).id or False
                if not vals.get("ticket_type_id") and service.ticket_type_id:
                    vals["ticket_type_id"] = service.ticket_type_id.id
            vals["has_location"] = bool(vals.get("lat") or vals.get("long"))
            prepared.append(vals)
        requests = super().create(prepared)
        requests._flag_duplicates()
        return requests

    def write(self, vals: dict[str, Any]) -> bool:
        if (
            isinstance(vals, dict)
            and "attribute_values" in vals
            and not self.env.context.get("service_desk_sla_write")
        ):
            for request in self:
                service = self.env["czrm.service.type"].browse(
                    vals.get("service_type_id") or request.service_type_id.id
                )
                super(CzrmRequest, request).write(
                    {**vals, "attribute_values": service._normalise_answers(vals["attribute_values"])}
                )
            return True
        if isinstance(vals, dict) and ("lat" in vals or "long" in vals):
            result = super().write(vals)
            for request in self:
                request.with_context(service_desk_sla_write=True).write(
                    {"has_location": bool(request.lat or request.long)}
                )
            return result
        return super().write(vals)

    def _check_attribute_values(self) -> bool:
        for request in self:
            request.service_type_id._normalise_answers(request.attribute_values)
        return True

    # -- routing ------------------------------------------------------------------------------
    def _route(self, service: Any, vals: dict[str, Any]) -> Any:
        """The department of the first routing rule that matches the request, else the service's own."""
        rules = self.env["czrm.routing.rule"].sudo().search([])
        zipcode = (vals.get("zipcode") or "").strip()
        text = (vals.get("description") or "").lower()
        for rule in rules:
            if rule.service_type_ids and service not in rule.service_type_ids:
                continue
            if rule.zip_prefix and not zipcode.startswith(rule.zip_prefix.strip()):
                continue
            if rule.keyword and rule.keyword.lower() not in text:
                continue
            return rule.team_id
        return service.team_id

    # -- district -----------------------------------------------------------------------------
    def _compute_district_id(self) -> None:
        districts = self.env["czrm.district"].sudo().search([])
        by_zip = {
            code.strip(): district
            for district in districts
            for code in (district.zip_codes or "").split(",")
            if code.strip()
        }
        for request in self:
            found = by_zip.get((request.zipcode or "").strip())
            request.district_id = found.id if found else False

    # -- status -------------------------------------------------------------------------------
    def _compute_status(self) -> None:
        for request in self:
            request.status = "closed" if request.close_date else "open"

    def _search_status(self, operator: str, value: Any) -> list[Any]:
        values = value if isinstance(value, (list, tuple)) else [value]
        wanted = {"open", "closed"} & set(values)
        if operator in ("!=", "not in"):
            wanted = {"open", "closed"} - wanted
        if wanted == {"open"}:
            return [("close_date", "=", False)]
        if wanted == {"closed"}:
            return [("close_date", "!=", False)]
        return [] if wanted else [("id", "=", 0)]

    # -- duplicates ---------------------------------------------------------------------------
    def _duplicate_candidates(self) -> Any:
        """Open requests of the same service within the service's distance, filed in the last 30 days,
        nearest first."""
        self.ensure_one()
        distance = self.service_type_id.duplicate_distance
        if not self.has_location or not distance:
            return self.browse()
        lat_min, lat_max, lon_min, lon_max = geo.bounding_box(self.lat, self.long, distance)
        since = (self.sla_start or self.create_date or clock.utcnow()) - DUPLICATE_WINDOW
        nearby = self.sudo().search(
            [
                ("id", "!=", self.id),
                ("service_type_id", "=", self.service_type_id.id),
                ("close_date", "=", False),
                ("has_location", "=", True),
                ("sla_start", ">=", since),
                ("lat", ">=", lat_min),
                ("lat", "<=", lat_max),
                ("long", ">=", lon_min),
                ("long", "<=", lon_max),
            ]
        )
        measured = [(geo.haversine(self.lat, self.long, r.lat, r.long), r.id) for r in nearby]
        return self.browse([rid for metres, rid in sorted(measured) if metres <= distance])

    def _flag_duplicates(self) -> None:
        for request in self:
            found = request._duplicate_candidates()
            if found:
                original = found[0]
                request.with_context(service_desk_sla_write=True).write({"duplicate_of_id": original.id})
                request.sudo().message_post(
                    body=_(
                        "Possible duplicate of %(request)s, %(metres)s m away.",
                        request=original.name,
                        metres=round(geo.haversine(request.lat, request.long, original.lat, original.long)),
                    ),
                    subtype_xmlid="mail.mt_note",
                )

    def _compute_display_name(self) -> None:
        for request in self:
            request.display_name = f"{request.name} {request.service_type_id.name or ''}".strip()


@model("czrm.request")
class CzrmRequestDemo:
    def _demo_generate_requests(self, count: int = 320, seed: int = 11) -> bool:
        """Demo data: a year of requests around the city centre."""
        from addons.czrm import demo_requests

        demo_requests.generate(self.env, count, seed, clock.utcnow())
        return True


@model("czrm.request")
class CzrmRequestReport:
    def _dashboard_breakdowns(self) -> list[tuple[str, str]]:
        """The statistics of a town hall: by district, service and department."""
        return [
            ("district_id", _("By district")),
            ("service_type_id", _("By service")),
            ("team_id", _("By department")),
        ]


@model("czrm.request")
class CzrmRequestPortal:
    def _portal_path(self) -> str:
        return f"/citizen/request/{quote(self.name)}?token={quote(self.access_token or '')}"

    def _portal_number(self) -> str:
        return self.name

    def _portal_subject(self) -> str:
        return self.service_type_id.name or ""
