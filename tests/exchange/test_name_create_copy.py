"""name_create and copy: the quick-create and duplicate actions of clients and scripts."""
from __future__ import annotations

import pytest

from core.exceptions import ValidationError


def test_name_create_answers_id_and_display_name(env):
    record_id, display_name = env["res.partner.category"].name_create("Wholesale")
    assert env["res.partner.category"].browse(record_id).name == display_name == "Wholesale"


def test_partner_name_create_fills_name_and_email(env):
    record_id, display_name = env["res.partner"].name_create("Ana Ruiz <ana@example.com>")
    partner = env["res.partner"].browse(record_id)
    assert (partner.name, partner.email, display_name) == ("Ana Ruiz", "ana@example.com", "Ana Ruiz")


def test_partner_name_create_with_quoted_name(env):
    partner = env["res.partner"].browse(env["res.partner"].name_create('"Ruiz, Ana" <ana@example.com>')[0])
    assert (partner.name, partner.email) == ("Ruiz, Ana", "ana@example.com")


def test_partner_name_create_from_a_bare_email(env):
    partner = env["res.partner"].browse(env["res.partner"].name_create("ana@example.com")[0])
    assert (partner.name, partner.email) == ("ana@example.com", "ana@example.com")


def test_partner_name_create_of_a_plain_name_leaves_email_empty(env):
    partner = env["res.partner"].browse(env["res.partner"].name_create("Ana Ruiz")[0])
    assert (partner.name, partner.email) == ("Ana Ruiz", False)


def test_partner_name_create_refuses_an_empty_name(env):
    with pytest.raises(ValidationError, match="name or an email"):
        env["res.partner"].name_create("   ")


def test_partner_name_create_keeps_an_invalid_email_as_odoo_does(env):
    partner_id, _name = env["res.partner"].name_create("Ana <ana@@example>")
    assert env["res.partner"].browse(partner_id).email == "ana@@example"


def test_partner_name_create_refuses_an_invalid_email_when_checks_are_strict(env):
    env.company.strict_contact_checks = True
    with pytest.raises(ValidationError, match="email"):
        env["res.partner"].name_create("Ana <ana@@example>")


def test_partner_copy_is_named_copy(env):
    partner = env["res.partner"].create({"name": "Acme", "email": "info@acme.example"})
    duplicate = partner.copy()
    assert (duplicate.name, duplicate.email) == ("Acme (copy)", "info@acme.example")
    assert duplicate.display_name == "Acme (copy)"


def test_copy_default_wins_over_the_copy_name(env):
    partner = env["res.partner"].create({"name": "Acme"})
    assert partner.copy({"name": "Acme Iberia"}).name == "Acme Iberia"


def test_copy_of_a_contact_keeps_its_company(env):
    company = env["res.partner"].create({"name": "Acme", "is_company": True})
    contact = env["res.partner"].create({"name": "Ana", "parent_id": company.id})
    duplicate = contact.copy()
    assert duplicate.parent_id == company
    assert duplicate.display_name == "Acme, Ana (copy)"


def test_copy_leaves_out_fields_declared_copy_false(tenv):
    record = tenv["test.record"].create({"name": "A", "code": "UNIQUE-1", "amount": 5})
    duplicate = record.copy()
    assert duplicate.code is False and duplicate.amount == 5


def test_copy_duplicates_one2many_lines_marked_copy(tenv):
    record = tenv["test.record"].create({"name": "A", "line_ids": [(0, 0, {"name": "L1", "quantity": 3})]})
    duplicate = record.copy()
    assert duplicate.line_ids.mapped("name") == ["L1"] and duplicate.line_ids != record.line_ids
    assert duplicate.total == record.total
