"""A year of citizen requests around Valladolid's Plaza Mayor, from a seeded random generator: the
services in proportion to how often towns receive them, answers to their questions, streets of the
centre, and most older requests closed after a while."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

CENTRE = (41.6523, -4.7245)
STREETS = (
    "Calle Santiago",
    "Calle Mayor",
    "Paseo de Zorrilla",
    "Calle Miguel Íscar",
    "Plaza de España",
    "Calle Gamazo",
    "Calle Regalado",
    "Calle Platerías",
    "Acera de Recoletos",
    "Calle Duque de la Victoria",
    "Calle Claudio Moyano",
    "Plaza de la Universidad",
    "Calle Cadenas de San Gregorio",
    "Paseo Isabel la Católica",
)
WEIGHTS = {
    "POTHOLE": 5,
    "SIDEWALK": 3,
    "STREETLIGHT": 5,
    "TRAFFICLIGHT": 1,
    "BINFULL": 6,
    "BULKY": 3,
    "GRAFFITI": 2,
    "TREE": 2,
    "PLAYGROUND": 1,
    "IRRIGATION": 1,
}
DESCRIPTIONS = {
    "POTHOLE": "Bache en la calzada junto al paso de peatones.",
    "SIDEWALK": "Baldosas levantadas en la acera.",
    "STREETLIGHT": "La farola no se enciende por la noche.",
    "TRAFFICLIGHT": "El semáforo está en ámbar fijo.",
    "BINFULL": "Los contenedores llevan días llenos.",
    "BULKY": "Colchón y somier junto al portal.",
    "GRAFFITI": "Pintadas en la fachada.",
    "TREE": "Rama caída sobre la calzada tras el viento.",
    "PLAYGROUND": "El columpio tiene una cadena rota.",
    "IRRIGATION": "Un aspersor pierde agua toda la noche.",
}


def _answers(rng: random.Random, service: Any) -> dict[str, Any]:
    answers: dict[str, Any] = {}
    for attribute in service.attribute_ids:
        keys = attribute.value_ids.mapped("key")
        if not attribute.required and rng.random() < 0.4:
            continue
        if attribute.datatype == "singlevaluelist":
            answers[attribute.code] = rng.choice(keys)
        elif attribute.datatype == "multivaluelist":
            answers[attribute.code] = rng.sample(keys, rng.randint(1, min(2, len(keys))))
        elif attribute.datatype == "number":
            answers[attribute.code] = rng.randint(1, 12)
        elif attribute.datatype == "datetime":
            answers[attribute.code] = "2026-01-10T21:00:00+01:00"
        else:
            answers[attribute.code] = rng.choice(("Junto al número 12", "Frente a la parada", "Esquina"))
    return answers


def generate(env: Any, count: int, seed: int, now: dt.datetime) -> Any:
    """``count`` requests filed over the year before ``now``; the requests."""
    rng = random.Random(seed)
    services = env["czrm.service.type"].search([("code", "in", list(WEIGHTS))])
    by_code = {s.code: s for s in services}
    codes = [c for c in WEIGHTS if c in by_code]
    values = []
    for _index in range(count):
        code = rng.choices(codes, weights=[WEIGHTS[c] for c in codes])[0]
        service = by_code[code]
        filed = now - dt.timedelta(days=rng.uniform(0, 365) ** 1.1 / 365**0.1, hours=rng.uniform(0, 10))
        lat = CENTRE[0] + rng.gauss(0, 0.006)
        lon = CENTRE[1] + rng.gauss(0, 0.008)
        anonymous = rng.random() < 0.35
        values.append(
            {
                "service_type_id": service.id,
                "description": DESCRIPTIONS[code],
                "attribute_values": _answers(rng, service),
                "lat": round(lat, 6),
                "long": round(lon, 6),
                "zipcode": rng.choice(("47001", "47002", "47003", "47004")),
                "address_string": f"{rng.choice(STREETS)} {rng.randint(1, 60)}, Valladolid",
                "first_name": False
                if anonymous
                else rng.choice(("Lucía", "Hugo", "Marta", "Pablo", "Elena")),
                "last_name": False
                if anonymous
                else rng.choice(("García", "López", "Martín", "Sanz", "Herrero")),
                "sla_start": filed.replace(microsecond=0),
            }
        )
    requests = env["czrm.request"].with_context(tracking_disable=True).create(values)
    closing = env.ref("service_desk.stage_solved")
    for request in requests:
        age = (now - request.sla_start).days
        if age > 20 or (age > 3 and rng.random() < 0.5):
            done = request.sla_start + dt.timedelta(days=rng.uniform(0.2, min(age, 25)))
            request.with_context(service_desk_sla_write=True).write(
                {
                    "stage_id": closing.id,
                    "close_date": done,
                    "first_response_date": request.sla_start + dt.timedelta(hours=rng.uniform(1, 30)),
                    "status_notes": "Resuelto por el servicio municipal.",
                }
            )
    requests._sla_refresh(now)
    return requests
