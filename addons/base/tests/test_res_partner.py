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


def test_contact_data_odoo_stores_is_stored_as_given(env):
    partner = env["res.partner"].create({"name": "Loose data", "email": "not-an-email", "phone": "12",
                                         "vat": "ES123"})
    assert (partner.email, partner.phone, partner.vat) == ("not-an-email", "12", "ES123")


@pytest.mark.parametrize(("field", "value", "message"), [
    ("email", "not-an-email", r"'Email' \(email\): 'not-an-email' is not a valid email address"),
    ("phone", "12", r"'Phone' \(phone\): '12' is not a valid phone number"),
    ("vat", "ES123", r"'Tax ID' \(vat\): 'ES123' is not a valid VAT number"),
])
def test_invalid_contact_data_is_refused_when_the_company_checks_it(env, field, value, message):
    env.company.write({"strict_contact_checks": True, "vat_check_vies": True})
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


def test_a_contact_needs_a_name(env, company):
    with pytest.raises(ValidationError, match=r"A contact needs a name: fill in the field 'Name' \(name\)"):
        env["res.partner"].create({"email": "nameless@example.com"})
    with pytest.raises(ValidationError, match="needs a name"):
        env["res.partner"].create({"name": "  ", "parent_id": company.id})
    person = env["res.partner"].create({"name": "Named", "parent_id": company.id})
    with pytest.raises(ValidationError, match="needs a name"):
        person.name = False


def test_an_address_of_a_company_needs_no_name(env, company):
    invoice = env["res.partner"].create({"parent_id": company.id, "type": "invoice"})
    assert invoice.display_name == "Talleres Norte S.L., Invoice Address"
    with pytest.raises(ValidationError, match="needs a name"):
        invoice.type = "contact"


def test_contact_given_its_own_address_takes_the_company_address_as_in_odoo(env, company):
    person = env["res.partner"].create({"name": "Ane", "parent_id": company.id, "street": "Elsewhere 9",
                                        "city": "Vitoria"})
    assert (person.street, person.city, person.zip) == ("Gran Vía 1", "Bilbao", "48001")


def test_address_becoming_a_contact_takes_the_company_address(env, company):
    delivery = env["res.partner"].create({"name": "Dock", "parent_id": company.id, "type": "delivery",
                                          "street": "Muelle 2", "city": "Santurtzi"})
    delivery.type = "contact"
    assert (delivery.street, delivery.city) == ("Gran Vía 1", "Bilbao")


def test_company_address_change_skips_other_address_types(env, company):
    delivery = env["res.partner"].create({"name": "Dock", "parent_id": company.id, "type": "delivery",
                                          "street": "Muelle 2"})
    company.street = "Calle Nueva 5"
    assert delivery.street == "Muelle 2"


def test_address_of_a_res_company_reaches_the_contacts_of_its_partner(env):
    company = env["res.company"].create({"name": "Norte Logística", "street": "Calle 1", "city": "León"})
    person = env["res.partner"].create({"name": "Eva", "parent_id": company.partner_id.id})
    company.write({"street": "Calle 2", "city": "Astorga"})
    assert (person.street, person.city) == ("Calle 2", "Astorga")


def test_contact_of_a_parentless_company_without_address_keeps_its_own(env):
    bare = env["res.partner"].create({"name": "No Address S.A.", "is_company": True})
    person = env["res.partner"].create({"name": "Lu", "parent_id": bare.id, "city": "Lugo"})
    assert person.city == "Lugo"


def test_notes_are_sanitised_html(env, company):
    company.comment = '<p onclick="steal()">Pays <b>late</b><script>alert(1)</script></p>'
    assert company.comment == "<p>Pays <b>late</b></p>"
    assert env["res.partner"].fields_get(["comment"])["comment"]["type"] == "html"


def test_partner_of_a_company_cannot_be_deleted_even_by_the_superuser(env):
    partner = env.ref("base.main_company").partner_id
    with pytest.raises(UserError, match="cannot delete the contact of the company YourCompany"):
        partner.unlink()
    assert partner.exists()


def test_partner_of_a_user_cannot_be_deleted(env):
    with pytest.raises(UserError, match=r"cannot delete contacts linked to users \(demo\)"):
        env.ref("base.partner_demo").unlink()
    with pytest.raises(UserError, match="linked to users"):
        env.ref("base.partner_root").unlink()  # the archived system user


def test_partner_of_a_deleted_user_can_be_deleted(env):
    user = env["res.users"].create({"name": "Temp", "login": "temp"})
    partner = user.partner_id
    user.unlink()
    partner.unlink()
    assert not partner.exists()
