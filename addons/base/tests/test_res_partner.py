"""Contacts: people and companies, their addresses, tax ids and validation."""
from __future__ import annotations

import pytest

from core.exceptions import UserError, ValidationError


@pytest.fixture
def company(env):
    return env["res.partner"].create({
        "name": "Talleres Norte S.L.", "is_company": True, "vat": "ESB12345674", "street": "Gran Vía 1",
        "zip": "48001", "city": "Bilbao", "country_id": env.ref("base.es").id})


def test_person_of_a_company_gets_its_address_and_vat(env, company):
    person = env["res.partner"].create({"name": "Iker Etxeberria", "parent_id": company.id})
    assert (person.street, person.city, person.country_id) == ("Gran Vía 1", "Bilbao", company.country_id)
    assert person.vat == "ESB12345674"


def test_delivery_address_keeps_its_own_address(env, company):
    delivery = env["res.partner"].create({"name": "Warehouse", "parent_id": company.id, "type": "delivery",
                                          "street": "Polígono 3", "city": "Barakaldo"})
    assert (delivery.street, delivery.city) == ("Polígono 3", "Barakaldo")


def test_company_address_change_reaches_its_contacts(env, company):
    person = env["res.partner"].create({"name": "Ane", "parent_id": company.id})
    company.write({"street": "Calle Nueva 5", "city": "Getxo"})
    assert (person.street, person.city) == ("Calle Nueva 5", "Getxo")


def test_company_vat_change_reaches_every_person_below(env, company):
    person = env["res.partner"].create({"name": "Ane", "parent_id": company.id})
    assistant = env["res.partner"].create({"name": "Jon", "parent_id": person.id})
    company.vat = "ESA12345674"
    assert person.vat == assistant.vat == "ESA12345674"


def test_complete_name_shows_the_company(env, company):
    person = env["res.partner"].create({"name": "Ane", "parent_id": company.id})
    assert person.display_name == "Talleres Norte S.L., Ane"
    assert person.commercial_partner_id == company


def test_recursive_hierarchy_is_refused(env, company):
    person = env["res.partner"].create({"name": "Ane", "parent_id": company.id})
    with pytest.raises(ValidationError, match="recursive"):
        company.parent_id = person


@pytest.mark.parametrize(("field", "value", "message"), [
    ("email", "not-an-email", "not a valid email address"),
    ("phone", "12", "not a valid phone number"),
    ("vat", "ES123", "not a valid VAT number"),
])
def test_invalid_contact_data_is_refused_with_a_clear_message(env, field, value, message):
    with pytest.raises(ValidationError, match=message):
        env["res.partner"].create({"name": "Bad data", field: value})
    assert not env["res.partner"].search([("name", "=", "Bad data")])


def test_valid_contact_data_is_accepted(env):
    partner = env["res.partner"].create({"name": "Good", "email": "ana@example.com",
                                         "phone": "+34 912 345 678", "vat": "ESB12345674"})
    assert partner.email_formatted == "Good <ana@example.com>"


def test_state_brings_its_country(env):
    partner = env["res.partner"].create({"name": "Valencian", "state_id": env.ref("base.state_es_v").id})
    assert partner.country_id == env.ref("base.es")


def test_state_of_another_country_is_refused(env):
    with pytest.raises(ValidationError, match="state must belong to the country"):
        env["res.partner"].create({"name": "Lost", "state_id": env.ref("base.state_es_v").id,
                                   "country_id": env.ref("base.fr").id})


def test_archived_contacts_are_hidden_but_kept(env, company):
    company.active = False
    assert company not in env["res.partner"].search([("name", "=", "Talleres Norte S.L.")])
    assert company in env["res.partner"].with_context(active_test=False).search(
        [("name", "=", "Talleres Norte S.L.")])


def test_contact_of_an_active_user_cannot_be_archived(env):
    with pytest.raises(UserError, match="linked to an active user"):
        env.ref("base.partner_demo").active = False


def test_archiving_a_user_archives_their_contact(env):
    demo = env.ref("base.user_demo")
    demo.active = False
    assert not demo.partner_id.active


def test_tags_are_shared_between_contacts(env, company):
    tag = env["res.partner.category"].create({"name": "Proveedor local"})
    company.category_id = [(4, tag.id)]
    assert company in tag.partner_ids
