"""Citizen requests: tracking numbers, routing to departments, answers checked against the service's
questions, and possible duplicates found by distance and service."""

from __future__ import annotations

import datetime as dt

import pytest

from addons.czrm import geo
from core import clock
from core.exceptions import ValidationError

PLAZA = (41.6523, -4.7245)


def metres_north(lat: float, metres: float) -> float:
    return lat + metres / 111_195.0


def file(env, service: str, **values):
    return env["czrm.request"].create(
        {"service_type_id": env.ref(f"czrm.service_{service}").id, "description": "Please fix it", **values}
    )


def test_haversine_matches_known_distances():
    assert geo.haversine(*PLAZA, *PLAZA) == 0
    assert geo.haversine(40.4168, -3.7038, 41.3874, 2.1686) == pytest.approx(505_000, rel=0.01)  # Madrid-BCN
    assert geo.haversine(*PLAZA, metres_north(PLAZA[0], 100), PLAZA[1]) == pytest.approx(100, abs=0.5)


def test_requests_get_a_tracking_number_and_the_service_department(env):
    request = file(env, "streetlight", attribute_values={"POLE": "A-17"})
    assert request.name.startswith(f"R{clock.utcnow().year}-")
    assert request.team_id == env.ref("czrm.dept_lighting") and request.status == "open"
    assert request.stage_id == env.ref("service_desk.stage_new") and request.sla_id == env.ref(
        "czrm.sla_lighting"
    )


def test_routing_rules_come_before_the_service_department(env):
    tree = {"attribute_values": {"BLOCKING": "yes"}}
    assert file(env, "tree", **tree).team_id == env.ref("czrm.dept_parks")
    routed = file(env, "tree", **tree, description="Árbol sobre la calzada")
    assert routed.team_id == env.ref("czrm.dept_roads")
    env["czrm.routing.rule"].create(
        {
            "name": "North district waste",
            "zip_prefix": "47010",
            "sequence": 0,
            "team_id": env.ref("czrm.dept_parks").id,
        }
    )
    bins = {"attribute_values": {"KIND": ["glass"]}}
    assert file(env, "bin_full", zipcode="47010", **bins).team_id == env.ref("czrm.dept_parks")
    assert file(env, "bin_full", zipcode="47001", **bins).team_id == env.ref("czrm.dept_waste")


def test_answers_are_checked_and_normalised(env):
    request = file(env, "pothole", attribute_values={"SIZE": "large", "DEPTH": "7.0"})
    assert request.attribute_values == {"SIZE": "large", "DEPTH": 7}
    light = file(env, "streetlight", attribute_values={"SINCE": "2026-03-02T09:00:00+01:00"})
    assert light.attribute_values == {"SINCE": "2026-03-02T08:00:00Z"}
    bins = file(env, "bin_full", attribute_values={"KIND": "glass,paper"})
    assert bins.attribute_values == {"KIND": ["glass", "paper"]}
    cases = [
        ("pothole", {}, r"attribute\[SIZE\] is required"),
        ("pothole", {"SIZE": "huge"}, r"attribute\[SIZE\]: 'huge' is not one of large, medium, small"),
        ("pothole", {"SIZE": "small", "DEPTH": "deep"}, r"attribute\[DEPTH\] must be a number"),
        ("pothole", {"SIZE": "small", "COLOUR": "red"}, r"attribute\[COLOUR\] is not a question"),
        ("streetlight", {"SINCE": "2026-03-02T09:00:00"}, r"attribute\[SINCE\]: a time zone is required"),
        ("bin_full", {"KIND": ["glass", "wood"]}, r"attribute\[KIND\]: 'wood' is not one of"),
    ]
    for service, answers, message in cases:
        with pytest.raises(ValidationError, match=message):
            file(env, service, attribute_values=answers)
    with pytest.raises(ValidationError, match=r"attribute\[SIZE\]"):
        request.attribute_values = {"SIZE": "gigantic"}


def test_requests_nearby_for_the_same_service_are_possible_duplicates(env):
    answers = {"attribute_values": {"SIZE": "small"}}
    first = file(env, "pothole", lat=PLAZA[0], long=PLAZA[1], **answers)
    near = file(env, "pothole", lat=metres_north(PLAZA[0], 20), long=PLAZA[1], **answers)
    far = file(env, "pothole", lat=metres_north(PLAZA[0], 80), long=PLAZA[1], **answers)  # pothole: 30 m
    other = file(env, "streetlight", lat=metres_north(PLAZA[0], 5), long=PLAZA[1])
    assert near.duplicate_of_id == first and near in first.duplicate_ids
    assert not far.duplicate_of_id and not other.duplicate_of_id
    assert "20 m away" in near.message_ids.filtered(lambda m: first.name in (m.body or ""))[0].body
    again = file(env, "pothole", lat=PLAZA[0], long=PLAZA[1], **answers)
    assert again.duplicate_of_id == first  # the nearest: 0 m rather than 20 m
    (first | again).write(
        {"stage_id": env.ref("service_desk.stage_solved").id}
    )  # closed ones no longer count
    assert file(env, "pothole", lat=PLAZA[0], long=PLAZA[1], **answers).duplicate_of_id == near


def test_the_duplicate_distance_is_configurable_per_service(env):
    env.ref("czrm.service_pothole").duplicate_distance = 60
    answers = {"attribute_values": {"SIZE": "small"}}
    first = file(env, "pothole", lat=PLAZA[0], long=PLAZA[1], **answers)
    assert (
        file(env, "pothole", lat=metres_north(PLAZA[0], 45), long=PLAZA[1], **answers).duplicate_of_id
        == first
    )
    env.ref("czrm.service_pothole").duplicate_distance = 0
    assert not file(env, "pothole", lat=PLAZA[0], long=PLAZA[1], **answers).duplicate_of_id


def test_old_requests_are_not_duplicates(env):
    answers = {"attribute_values": {"SIZE": "small"}}
    with clock.frozen(dt.datetime(2026, 1, 1, 10)):
        old = file(env, "pothole", lat=PLAZA[0], long=PLAZA[1], **answers)
    with clock.frozen(dt.datetime(2026, 3, 1, 10)):
        new = file(env, "pothole", lat=PLAZA[0], long=PLAZA[1], **answers)
    assert new.duplicate_of_id != old


def test_status_follows_closing_stages(env):
    request = file(env, "graffiti")
    assert env["czrm.request"].search([("status", "=", "open"), ("id", "=", request.id)]) == request
    request.stage_id = env.ref("service_desk.stage_solved")
    assert request.status == "closed"
    assert env["czrm.request"].search([("status", "in", ["closed"]), ("id", "=", request.id)]) == request
    assert not env["czrm.request"].search([("status", "=", "open"), ("id", "=", request.id)])


def test_bad_coordinates_are_refused(env):
    with pytest.raises(Exception, match="latitude"):
        file(env, "graffiti", lat=95.0, long=0.0)


def test_a_request_takes_its_district_from_its_postal_code(env):
    Request = env["czrm.request"]
    district = env["czrm.district"].create({"name": "Huerta del Rey", "zip_codes": " 47010 ,47011"})
    pothole = {"service_type_id": env.ref("czrm.service_pothole").id, "attribute_values": {"SIZE": "large"}}
    request = Request.create({**pothole, "zipcode": "47011"})
    assert request.district_id == district
    request.write({"zipcode": "47003"})
    assert request.district_id == env.ref("czrm.district_rondilla")
    request.write({"zipcode": "99999"})
    assert not request.district_id
    # a clerk may place it by hand where the postal code says nothing
    request.write({"district_id": district.id})
    assert request.district_id == district
    assert Request.search([("district_id", "=", district.id), ("id", "=", request.id)]) == request
