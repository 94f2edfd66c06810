"""Partners with their companies, tags and leads copied from one database to another through the API,
the way Odoo migration tools do it: languages first, then tags, companies, contacts and leads, each
record found in the target by VAT number or phone before it is created, phones in several national
formats. Two live servers, one per database; reads go over XML-RPC and writes over JSON-RPC."""
from __future__ import annotations

import uuid
from collections.abc import Iterator
from typing import Any

import pytest

from tests.exchange.rpc_client import Client
from tests.rpc.server import LiveServer, live_server

PARTNER_FIELDS = ["name", "is_company", "vat", "phone", "mobile", "email", "country_id", "lang",
                  "category_id", "parent_id", "city"]
LEAD_FIELDS = ["name", "type", "partner_id", "tag_ids", "expected_revenue", "probability",
               "automated_probability"]


@pytest.fixture(scope="module")
def source(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "mig-src") as live:
        yield live


@pytest.fixture(scope="module")
def target(template_url: str) -> Iterator[LiveServer]:
    with live_server(template_url, "mig-dst") as live:
        yield live


def ref(client: Client, xmlid: str) -> int:
    return client("ir.model.data", "xmlid_to_res_id", xmlid)


def install_languages(client: Client, codes: list[str]) -> None:
    """Activate ``codes`` with Odoo's wizard, as a migration tool does before writing ``lang``."""
    langs = client("res.lang", "search_read", [("code", "in", codes)], ["code", "active"],
                   context={"active_test": False})
    missing = [lang["id"] for lang in langs if not lang["active"]]
    if missing:
        wizard = client("base.language.install", "create", {"lang_ids": [(6, 0, missing)]})
        assert client("base.language.install", "lang_install", [wizard]) is True


def by_name(client: Client, model: str, names: list[str]) -> dict[str, int]:
    """Target ids of ``names`` in ``model``, creating the missing ones."""
    rows = client(model, "search_read", [("name", "in", names)], ["name"])
    found = {row["name"]: row["id"] for row in rows}
    for name in names:
        if name not in found:
            found[name] = client(model, "create", {"name": name})
    return found


class Migration:
    """A small ETL run: reads ``src``, writes ``dst``; keeps the id maps a real tool keeps."""

    def __init__(self, src: Client, dst: Client) -> None:
        self.src, self.dst = src, dst
        self.partners: dict[int, int] = {}
        self.matched: list[int] = []

    def run(self, partner_ids: list[int], lead_ids: list[int]) -> None:
        langs = self.src("res.lang", "search_read", [("active", "=", True)], ["code"])
        install_languages(self.dst, [lang["code"] for lang in langs])
        rows = self.src("res.partner", "read", partner_ids, PARTNER_FIELDS)
        tag_names = self._names("res.partner.category", [t for row in rows for t in row["category_id"]])
        tags = by_name(self.dst, "res.partner.category", sorted(set(tag_names.values())))
        countries = self._countries({row["country_id"][0] for row in rows if row["country_id"]})
        for row in sorted(rows, key=lambda r: bool(r["parent_id"])):  # companies before their contacts
            values = {
                "name": row["name"], "is_company": row["is_company"], "vat": row["vat"] or False,
                "phone": row["phone"] or False, "mobile": row["mobile"] or False,
                "email": row["email"] or False, "lang": row["lang"], "city": row["city"] or False,
                "country_id": countries.get(row["country_id"][0]) if row["country_id"] else False,
                "category_id": [(6, 0, [tags[tag_names[t]] for t in row["category_id"]])],
                "parent_id": self.partners[row["parent_id"][0]] if row["parent_id"] else False,
            }
            existing = self._find(row)
            if existing:
                self.dst("res.partner", "write", [existing], values)
                self.matched.append(existing)
                self.partners[row["id"]] = existing
            else:
                self.partners[row["id"]] = self.dst("res.partner", "create", values)
        leads = self.src("crm.lead", "read", lead_ids, LEAD_FIELDS)
        lead_tag_names = self._names("crm.tag", [t for lead in leads for t in lead["tag_ids"]])
        lead_tags = by_name(self.dst, "crm.tag", sorted(set(lead_tag_names.values())))
        for lead in leads:
            self.dst("crm.lead", "create", {
                "name": lead["name"], "type": lead["type"], "expected_revenue": lead["expected_revenue"],
                "probability": lead["probability"], "automated_probability": lead["automated_probability"],
                "partner_id": self.partners[lead["partner_id"][0]] if lead["partner_id"] else False,
                "tag_ids": [(6, 0, [lead_tags[lead_tag_names[t]] for t in lead["tag_ids"]])],
            })

    def _find(self, row: dict[str, Any]) -> int | None:
        """The target partner with the same VAT number, else phone or mobile (as stored), else None.

        A company's contacts carry its VAT number (a commercial field, synced from the parent), so
        only partners without a parent are found by VAT.
        """
        for field in ("phone", "mobile") if row["parent_id"] else ("vat", "phone", "mobile"):
            if row[field]:
                ids = self.dst("res.partner", "search", [(field, "=", row[field])], limit=1)
                if ids:
                    return ids[0]
        return None

    def _names(self, model: str, ids: list[int]) -> dict[int, str]:
        return {row["id"]: row["name"] for row in self.src(model, "read", sorted(set(ids)), ["name"])}

    def _countries(self, ids: set[int]) -> dict[int, int]:
        codes = {row["id"]: row["code"] for row in self.src("res.country", "read", sorted(ids), ["code"])}
        found = self.dst("res.country", "search_read", [("code", "in", list(codes.values()))], ["code"])
        by_code = {row["code"]: row["id"] for row in found}
        return {source_id: by_code[code] for source_id, code in codes.items()}


def test_partners_tags_and_leads_migrate_between_databases(source, target):
    src, dst = Client(source, "xmlrpc"), Client(target, "jsonrpc")
    tag = uuid.uuid4().hex[:6]
    install_languages(src, ["fr_FR"])
    vip = src("res.partner.category", "create", {"name": f"VIP {tag}"})
    public = src("res.partner.category", "create", {"name": f"Sector público {tag}"})
    company = src("res.partner", "create", {
        "name": f"Riegos del Jiloca {tag} SL", "is_company": True, "vat": f"ESB{tag}11",
        "country_id": ref(src, "base.es"), "city": "Calamocha", "phone": "978 73 00 00",
        "category_id": [(6, 0, [vip])]})
    contacts = [
        src("res.partner", "create", {"name": f"Ana Local {tag}", "parent_id": company,
                                      "phone": "612 98 76 54",
                                      "lang": "fr_FR", "category_id": [(6, 0, [vip, public])]}),
        src("res.partner", "create", {"name": f"Bert Be {tag}", "country_id": ref(src, "base.be"),
                                      "mobile": "0475 12 34 56"}),
        src("res.partner", "create", {"name": f"Dana Us {tag}", "country_id": ref(src, "base.us"),
                                      "phone": "(803)-873-6126", "category_id": [(6, 0, [public])]}),
        src("res.partner", "create", {"name": f"Carla Us {tag}", "country_id": ref(src, "base.us"),
                                      "phone": "555-1234"}),
    ]
    hot = src("crm.tag", "create", {"name": f"Hot {tag}"})
    leads = [src("crm.lead", "create", {"name": f"Riego por goteo {tag}", "type": "opportunity",
                                        "partner_id": contacts[0], "expected_revenue": 12000,
                                        "probability": 40, "automated_probability": 25,
                                        "tag_ids": [(6, 0, [hot])]}),
             src("crm.lead", "create", {"name": f"Mantenimiento {tag}", "type": "lead",
                                        "partner_id": company})]
    # The target already knows the company (same VAT, older name) and Bert (same mobile, as stored).
    known_company = dst("res.partner", "create", {"name": f"RIEGOS JILOCA {tag}", "is_company": True,
                                                  "vat": f"ESB{tag}11"})
    known_bert = dst("res.partner", "create", {"name": f"Bert {tag}", "country_id": ref(dst, "base.be"),
                                               "mobile": "0475123456"})
    stored = {row["id"]: row for row in src("res.partner", "read", [company, *contacts], PARTNER_FIELDS)}
    assert stored[contacts[0]]["phone"] == "+34 612 98 76 54"
    assert stored[contacts[1]]["mobile"] == "+32 475 12 34 56"
    assert stored[contacts[2]]["phone"] == "+1 803-873-6126"
    assert stored[contacts[3]]["phone"] == "555-1234"  # not a whole US number: kept as typed
    assert dst("res.lang", "search_count", [("code", "=", "fr_FR")]) == 0  # inactive in the target

    migration = Migration(src, dst)
    migration.run([company, *contacts], leads)

    assert migration.partners[company] == known_company and migration.partners[contacts[1]] == known_bert
    assert sorted(migration.matched) == sorted([known_company, known_bert])
    assert dst("res.lang", "search_count", [("code", "=", "fr_FR")]) == 1
    moved = {row["name"]: row for row in dst("res.partner", "read", list(migration.partners.values()),
                                             PARTNER_FIELDS)}
    assert set(moved) == {row["name"] for row in stored.values()}
    assert dst("res.partner", "search_count", [("vat", "=", f"ESB{tag}11"), ("is_company", "=", True)]) == 1
    for source_id, row in stored.items():
        copy = moved[row["name"]]
        assert (copy["phone"], copy["mobile"], copy["lang"]) == (row["phone"], row["mobile"], row["lang"])
        assert copy["parent_id"] == (False if not row["parent_id"] else [known_company, row["parent_id"][1]])
        assert len(copy["category_id"]) == len(row["category_id"]), source_id
    assert moved[f"Ana Local {tag}"]["city"] == "Calamocha"  # a company's contact takes its address
    ana = moved[f"Ana Local {tag}"]
    names = {r["name"] for r in dst("res.partner.category", "read", ana["category_id"], ["name"])}
    assert names == {f"VIP {tag}", f"Sector público {tag}"} and ana["lang"] == "fr_FR"

    # Running the same migration again finds every partner by VAT or phone: nothing is duplicated.
    again = Migration(src, dst)
    again.run([company, *contacts], [])
    assert again.partners == migration.partners
    assert sorted(again.matched) == sorted(migration.partners.values())

    names = [f"Riego por goteo {tag}", f"Mantenimiento {tag}"]
    rows = dst("crm.lead", "search_read", [("name", "in", names)], LEAD_FIELDS, order="name")
    assert [row["partner_id"][0] for row in rows] == [migration.partners[company],
                                                     migration.partners[contacts[0]]]
    drip = rows[1]
    assert (drip["type"], drip["expected_revenue"], drip["probability"], drip["automated_probability"]) == (
        "opportunity", 12000, 40, 25)
    assert [r["name"] for r in dst("crm.tag", "read", drip["tag_ids"], ["name"])] == [f"Hot {tag}"]
