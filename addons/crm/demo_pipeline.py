"""A realistic demo pipeline: leads with their past, built from a seeded random generator.

Closed leads went through the stages over the last year and were won or lost; how likely a deal was
won depends on its source, tags, phone, country and size, as in real sales, so the learned
probability has something to learn. Open leads sit in every stage with expected closing dates
around today, and many have activities (some overdue, some due today). Everything is created in a
few batched calls through the record API.
"""
from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass
from typing import Any

COMPANY_PREFIXES = ("Construcciones", "Talleres", "Distribuciones", "Grupo", "Hermanos", "Servicios",
                    "Logística", "Clínica", "Bodegas", "Hoteles", "Transportes", "Estudio", "Industrias",
                    "Farmacia", "Academia")
COMPANY_NAMES = ("Levante", "Cantábrico", "Sierra Norte", "Albufera", "Meseta", "Guadalquivir", "Ribera",
                 "Montseny", "Atlántico", "Pirineo", "Alhambra", "Mediterráneo", "Duero", "Tajo", "Ebro",
                 "Miño")
COMPANY_SUFFIXES = ("S.L.", "S.A.", "y Asociados", "S.Coop.", "Hnos.")
FIRST_NAMES = ("Lucía", "Hugo", "Martina", "Mateo", "Sofía", "Leo", "Julia", "Daniel", "Paula", "Pablo",
               "Carmen", "Álvaro", "Elena", "Manuel", "Irene", "Adrián", "Sara", "Diego", "Nerea", "Marc")
LAST_NAMES = ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez",
              "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández", "Díaz", "Moreno", "Álvarez", "Romero",
              "Navarro")
PRODUCTS = ("ERP implementation", "CRM licences", "Website redesign", "Support contract", "Staff training",
            "Cloud migration", "Consulting days", "Office equipment", "Maintenance plan",
            "Data analytics pilot")
ASCII = str.maketrans("áéíóúñ", "aeioun")
ACTIVITY_SUMMARIES = {
    "mail.mail_activity_data_call": ("Call to qualify the need", "Follow-up call", "Call about the budget"),
    "mail.mail_activity_data_email": ("Send the brochure", "Email the references", "Send the revised offer"),
    "mail.mail_activity_data_meeting": ("Demo at the customer's office", "Meeting with the buyer",
                                        "Kick-off meeting"),
    "mail.mail_activity_data_todo": ("Prepare the quotation", "Check the credit limit",
                                     "Update the proposal"),
}
# log-odds of winning added by each trait of a deal
SOURCE_WEIGHT = {"utm_source_referral": 1.8, "utm_source_trade_fair": 0.8, "utm_source_search_engine": 0.1,
                 "utm_source_newsletter": -0.4, "utm_source_mailing": -0.9, "utm_source_cold_call": -1.7}
TAG_WEIGHT = {"tag_urgent": 1.1, "tag_consulting": 0.5, "tag_training": 0.2, "tag_product": 0.0,
              "tag_services": -0.2, "tag_software": -0.6}
COUNTRY_WEIGHT = {"es": 0.4, "pt": 0.0, "fr": -0.4, "mx": -0.6, "de": -0.3}


@dataclass
class Refs:
    """The ids the generator draws from, resolved once."""

    stages: list[Any]
    won_stage: Any
    teams: dict[int, list[tuple[int, int]]]  # team id -> [(user id, weight)]
    sources: dict[str, int]
    mediums: list[int]
    campaigns: list[int]
    countries: dict[str, int]
    tags: dict[str, int]
    lost_reasons: list[int]
    partners: list[Any]
    activity_types: dict[str, int]
    admin_id: int


def resolve_refs(env: Any) -> Refs:
    ref = env.ref
    stages = [ref(f"crm.stage_lead{i}") for i in (1, 2, 3)]
    members = env["crm.team.member"].sudo().search([])
    teams: dict[int, list[tuple[int, int]]] = {}
    for member in members:
        teams.setdefault(member.crm_team_id.id, []).append((member.user_id.id, member.assignment_max or 1))
    own = env["res.company"].sudo().search([]).mapped("partner_id").ids
    partners = list(env["res.partner"].search([("is_company", "=", True), ("user_ids", "=", False),
                                               ("id", "not in", own)]))
    return Refs(
        stages=stages, won_stage=ref("crm.stage_lead4"), teams=teams,
        sources={key: ref(f"utm.{key}").id for key in SOURCE_WEIGHT},
        mediums=[ref(f"utm.utm_medium_{m}").id for m in ("website", "phone", "email", "direct")],
        campaigns=[ref("crm.campaign_spring_fair").id, ref("crm.campaign_newsletter_q1").id],
        countries={code: ref(f"base.{code}").id for code in COUNTRY_WEIGHT},
        tags={key: ref(f"crm.{key}").id for key in TAG_WEIGHT},
        lost_reasons=[ref(f"crm.lost_reason_{i}").id for i in range(1, 7)],
        partners=partners, activity_types={key: ref(key).id for key in ACTIVITY_SUMMARIES},
        admin_id=ref("base.user_admin").id)


def _pick_weighted(rng: random.Random, items: list[tuple[Any, float]]) -> Any:
    total = sum(weight for _item, weight in items)
    point = rng.uniform(0, total)
    for item, weight in items:
        point -= weight
        if point <= 0:
            return item
    return items[-1][0]


class PipelineGenerator:
    """Builds the values of ``count`` leads (and their activities) from ``seed`` and ``today``."""

    def __init__(self, refs: Refs, seed: int, now: dt.datetime) -> None:
        self.refs, self.rng, self.now = refs, random.Random(seed), now
        self.activities: list[tuple[int, dict[str, Any]]] = []  # (lead index, values)
        self.unassigned: list[int] = []

    def lead_values(self, index: int) -> dict[str, Any]:
        rng, refs = self.rng, self.refs
        team_id = _pick_weighted(rng, [(t, 3.0 if len(m) > 2 else 1.0) for t, m in refs.teams.items()])
        user_id = _pick_weighted(rng, [(u, float(w)) for u, w in refs.teams[team_id]])
        source = _pick_weighted(rng, [(key, 1.0) for key in SOURCE_WEIGHT])
        country = _pick_weighted(rng, [("es", 6.0), ("pt", 1.0), ("fr", 1.0), ("mx", 1.0), ("de", 1.0)])
        tags = rng.sample(sorted(TAG_WEIGHT), rng.choice((0, 1, 1, 2)))
        has_phone = rng.random() < 0.75
        key_account = len(refs.teams[team_id]) <= 2
        revenue = round(math.exp(rng.uniform(math.log(60000), math.log(250000)) if key_account else
                                 rng.uniform(math.log(1500), math.log(45000))), -2)
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        company = f"{rng.choice(COMPANY_PREFIXES)} {rng.choice(COMPANY_NAMES)} {rng.choice(COMPANY_SUFFIXES)}"
        partner = rng.choice(refs.partners) if refs.partners and rng.random() < 0.25 else None
        slug = company.split()[1].lower().translate(ASCII)
        values: dict[str, Any] = {
            "name": f"{company if partner is None else partner.name}: {rng.choice(PRODUCTS)}",
            "partner_name": company if partner is None else False,
            "partner_id": partner.id if partner else False,
            "contact_name": f"{first} {last}", "email_from": f"{first[0].lower()}.{index}@{slug}.example.com",
            "phone": f"+34 6{rng.randint(10, 99)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
            if has_phone else False,
            "team_id": team_id, "user_id": user_id, "source_id": refs.sources[source],
            "medium_id": rng.choice(refs.mediums), "country_id": refs.countries[country],
            "tag_ids": [(6, 0, [refs.tags[t] for t in tags])], "expected_revenue": revenue,
            "priority": _pick_weighted(rng, [("0", 4.0), ("1", 3.0), ("2", 2.0), ("3", 1.0)]),
            "campaign_id": rng.choice(refs.campaigns) if rng.random() < 0.3 else False,
        }
        odds = (SOURCE_WEIGHT[source] + sum(TAG_WEIGHT[t] for t in tags) + COUNTRY_WEIGHT[country] +
                (0.5 if has_phone else -0.7) + rng.gauss(0.0, 0.45) - 0.2)
        if rng.random() < 0.5:
            self._closed(values, won=rng.random() < 1 / (1 + math.exp(-odds)))
        else:
            self._open(index, values)
        if rng.random() < 0.06 and values["active"] and values.get("probability") != 100:
            self.unassigned.append(index)
        return values

    def _history(self, stages: list[Any], start: dt.datetime, values: dict[str, Any],
                 last_open: bool) -> dt.datetime:
        rows, moment = [], start
        for position, stage in enumerate(stages):
            stay = dt.timedelta(days=self.rng.uniform(2, 25), hours=self.rng.uniform(0, 8))
            leaving = None if last_open and position == len(stages) - 1 else moment + stay
            rows.append((0, 0, {"stage_id": stage.id, "date_in": moment, "date_out": leaving,
                                "team_id": values["team_id"], "user_id": values["user_id"]}))
            moment = leaving or moment
        values["stage_history_ids"] = rows
        return moment

    def _closed(self, values: dict[str, Any], won: bool) -> None:
        rng, refs = self.rng, self.refs
        created = self.now - dt.timedelta(days=rng.uniform(90, 365))
        reached = len(refs.stages) if won else rng.choice((1, 1, 2, 2, 3))
        path = list(refs.stages[:reached]) + ([refs.won_stage] if won else [])
        closed = self._history(path, created, values, last_open=won)
        values.update(create_date=created, write_date=closed, date_open=created, date_closed=closed,
                      date_last_stage_update=closed, stage_id=path[-1].id, type="opportunity",
                      date_conversion=created, date_deadline=(closed + dt.timedelta(days=rng.randint(-10,
                                                                                                     10))).date())
        if won:
            values.update(active=True, probability=100.0)
        else:
            values.update(active=False, probability=0.0, lost_reason_id=rng.choice(refs.lost_reasons))

    def _open(self, index: int, values: dict[str, Any]) -> None:
        rng, refs = self.rng, self.refs
        created = self.now - dt.timedelta(days=rng.uniform(1, 80))
        reached = _pick_weighted(rng, [(1, 35.0), (2, 35.0), (3, 30.0)])
        is_lead = reached == 1 and rng.random() < 0.5
        last_change = self._history(list(refs.stages[:reached]), created, values, last_open=True)
        values.update(create_date=created, write_date=last_change, date_open=created,
                      date_last_stage_update=last_change, stage_id=refs.stages[reached - 1].id, active=True,
                      type="lead" if is_lead else "opportunity",
                      date_conversion=False if is_lead else created,
                      date_deadline=(self.now + dt.timedelta(days=rng.randint(-15, 150))).date())
        if is_lead:
            values.update(partner_id=False, date_deadline=False)
        if rng.random() < 0.65:
            xmlid = rng.choice(sorted(ACTIVITY_SUMMARIES))
            due = (self.now + dt.timedelta(days=rng.choice((-6, -3, -1, 0, 0, 1, 2, 4, 7, 10, 14)))).date()
            self.activities.append((index, {"activity_type_id": refs.activity_types[xmlid],
                                            "date_deadline": due,
                                            "summary": rng.choice(ACTIVITY_SUMMARIES[xmlid]),
                                            "user_id": values["user_id"]}))
