"""Contact data as Odoo stores it: phone numbers read in the contact's country (else the company's),
VAT numbers checked only when the company verifies them, emails checked only when it asks."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


@pytest.fixture
def country(env):
    return lambda code: env["res.country"].search([("code", "=", code)]).id


@pytest.mark.parametrize(("code", "typed", "stored"), [
    ("US", "(803)-873-6126", "+1 803-873-6126"),
    ("US", "555-1234", "555-1234"),
    ("BE", "0475 12 34 56", "+32 475 12 34 56"),
    ("ES", "612 34 56 78", "+34 612 34 56 78"),
    ("BE", "+34 612345678", "+34 612 34 56 78"),
])
def test_phone_is_read_in_the_contact_country(env, country, code, typed, stored):
    partner = env["res.partner"].create({"name": "Caller", "country_id": country(code), "phone": typed,
                                         "mobile": typed})
    assert (partner.phone, partner.mobile) == (stored, stored)


def test_phone_of_a_contact_without_country_is_read_in_the_company_country(env, country):
    spanish = env["res.partner"].create({"name": "Local", "phone": "612 34 56 78"})
    belgian = env["res.partner"].create({"name": "Visitor", "phone": "0475 12 34 56"})
    assert spanish.phone == "+34 612 34 56 78"
    assert belgian.phone == "0475 12 34 56"  # not a Spanish number: kept as typed
    env.company.partner_id.country_id = country("BE")
    assert env["res.partner"].create({"name": "Now", "phone": "0475 12 34 56"}).phone == "+32 475 12 34 56"


def test_phone_of_a_person_is_read_in_the_country_of_their_company(env, country):
    acme = env["res.partner"].create({"name": "Acme Inc.", "is_company": True, "country_id": country("US"),
                                      "city": "Columbia"})
    person = env["res.partner"].create({"name": "Joe", "parent_id": acme.id, "phone": "(803)-873-6126"})
    assert person.phone == "+1 803-873-6126" and person.country_id.code == "US"


def test_phone_written_later_follows_the_stored_country(env, country):
    partners = env["res.partner"].create([{"name": f"US {i}", "country_id": country("US")} for i in range(2)])
    partners.write({"phone": "803 873 6126"})
    assert partners.mapped("phone") == ["+1 803-873-6126"] * 2
    partners[0].write({"country_id": country("BE"), "phone": "0475 12 34 56"})
    assert partners[0].phone == "+32 475 12 34 56"


def test_phones_of_a_migration_batch_are_all_stored(env):
    result = env["res.partner"].load(["name", "country_id", "phone"], [
        ["US contact", "United States", "(803)-873-6126"],
        ["Short US number", "United States", "555-1234"],
        ["Belgian contact", "Belgium", "0475 12 34 56"],
        ["Spanish contact", "Spain", "612 34 56 78"],
        ["Unknown", "", "call the front desk"],
    ])
    assert result["messages"] == [] and len(result["ids"]) == 5
    phones = env["res.partner"].browse(result["ids"]).mapped("phone")
    assert phones == ["+1 803-873-6126", "555-1234", "+32 475 12 34 56", "+34 612 34 56 78",
                      "call the front desk"]


def test_strict_company_refuses_a_phone_it_cannot_read(env, country):
    env.company.strict_contact_checks = True
    with pytest.raises(ValidationError, match=r"'Phone' \(phone\): '555-1234' is not a valid phone number "
                                              r"for the country US"):
        env["res.partner"].create({"name": "Short", "country_id": country("US"), "phone": "555-1234"})
    assert env["res.partner"].create({"name": "Long", "country_id": country("US"),
                                      "phone": "803 873 6126"}).phone == "+1 803-873-6126"


def test_vat_is_stored_as_given_until_the_company_verifies_it(env, country):
    partner = env["res.partner"].create({"name": "Any VAT", "vat": "US12345672"})
    assert partner.vat == "US12345672"
    partner.vat = "ESB12345678"  # the Spanish check digit is wrong: nobody asked to check it
    assert partner.vat == "ESB12345678"


def test_verified_vat_is_checked_with_a_clear_error(env, country):
    env.company.vat_check_vies = True
    with pytest.raises(ValidationError, match=r"'Tax ID' \(vat\): 'ESB12345678' is not a valid VAT number"):
        env["res.partner"].create({"name": "Wrong VAT", "vat": "ESB12345678"})
    good = env["res.partner"].create({"name": "Right VAT", "vat": "es b-12345674"})
    assert good.vat == "ESB12345674"
    belgian = env["res.partner"].create({"name": "Belgian", "country_id": country("BE"),
                                         "vat": "0477.472.701"})
    assert belgian.vat == "0477472701"


def test_verified_vat_refuses_the_whole_load(env):
    env.company.vat_check_vies = True
    result = env["res.partner"].load(["name", "vat"], [["Good", "ESB12345674"], ["Bad", "ESB12345678"]])
    assert result["ids"] is False
    assert [(m["field"], m["record"]) for m in result["messages"]] == [("vat", 1)]
    assert "not a valid VAT number" in result["messages"][0]["message"]
    assert not env["res.partner"].search([("name", "in", ["Good", "Bad"])])


def test_email_is_normalised_when_valid_and_kept_when_not(env):
    partner = env["res.partner"].create({"name": "Mail", "email": "Ana@Example.ES"})
    assert partner.email == "Ana@example.es"
    partner.email = "ana at example dot es"
    assert partner.email == "ana at example dot es"

