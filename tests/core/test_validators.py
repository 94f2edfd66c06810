"""``validate:`` on char fields: email, phone, VAT, IBAN, URL, strict or lenient by their context."""
from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email

from core.exceptions import ValidationError
from core.fields.validators import (
    LENIENT,
    STRICT,
    FixedFormats,
    check_email,
    check_iban,
    check_phone,
    check_url,
    check_vat,
    normalize_address,
)

ADDRESSES = [
    "Foo.Bar@Example.COM",
    "a@b.co",
    "x..y@a.com",
    "a@localhost",
    "a@x.test",
    "a@123.com",
    "a@a.b1",
    "a@-x.com",
    ".a@x.com",
    "a.@x.com",
    "A+B_c-d%e@sub.domain-x.org",
    "a@x.local",
    "a@b.c",
    "a@xn--bcher-kva.example",
    "ñandú@example.com",
    "a@EXAMPLE.onion",
    "long" * 20 + "@example.com",
    "a@" + "d" * 64 + ".com",
    "a@b..com",
    "a b@example.com",
    "@example.com",
    "a@",
    "user@mail.Server-1.ES",
]


@pytest.mark.parametrize("address", ADDRESSES)
def test_email_normalisation_agrees_with_email_validator(address):
    try:
        expected = validate_email(address, check_deliverability=False).normalized
    except EmailNotValidError:
        with pytest.raises(ValueError, match="is not a valid email address"):
            normalize_address(address)
    else:
        assert normalize_address(address) == expected


def test_email_list_with_display_names_is_normalised():
    assert check_email("Ana <Ana@Example.ES>, bob@x.org") == "Ana <Ana@example.es>, bob@x.org"


def test_email_field_keeps_an_invalid_address_as_typed_like_odoo(env):
    partner = env["res.partner"].create({"name": "x", "email": " not an email "})
    assert partner.email == "not an email"


def test_strict_email_field_refuses_invalid_address_naming_field(env):
    env.company.strict_contact_checks = True
    with pytest.raises(
        ValidationError, match=r"'Email' \(email\): 'not an email' is not a valid email address"
    ):
        env["res.partner"].create({"name": "x", "email": "not an email"})


def test_lenient_email_is_normalised_when_it_is_valid():
    assert check_email("Ana <Ana@Example.ES>", LENIENT) == "Ana <Ana@example.es>"
    assert check_email("ana at example", LENIENT) == "ana at example"


def test_phone_is_read_in_the_country_and_written_the_international_way():
    assert check_phone("+34 600 123 456", LENIENT) == "+34 600 12 34 56"
    assert check_phone("(803)-873-6126", FixedFormats("US")) == "+1 803-873-6126"
    assert check_phone("0475 12 34 56", FixedFormats("BE")) == "+32 475 12 34 56"
    assert check_phone("0475 12 34 56", FixedFormats("ES")) == "0475 12 34 56"


def test_strict_phone_refuses_what_is_not_a_number_of_the_country():
    with pytest.raises(ValueError, match="not a valid phone number for the country US"):
        check_phone("555-1234", FixedFormats("US", frozenset({"phone"})))
    with pytest.raises(ValueError, match="with its country prefix"):
        check_phone("12", STRICT)


def test_vat_is_kept_as_typed_unless_verified():
    assert check_vat("ESB12345678", LENIENT) == "ESB12345678"


def test_verified_vat_is_compacted_and_checked():
    assert check_vat("es b-12345674") == "ESB12345674"
    with pytest.raises(ValueError, match="not a valid VAT number"):
        check_vat("ESB12345678")


def test_verified_vat_without_prefix_follows_the_country_rule():
    belgium = FixedFormats("BE", frozenset({"vat"}))
    assert check_vat("0477.472.701", belgium) == "0477472701"
    with pytest.raises(ValueError, match="not a valid VAT number"):
        check_vat("0477.472.702", belgium)
    # no rule is known for the United States: the number is accepted, as Odoo does
    assert check_vat("12-3456789", FixedFormats("US", frozenset({"vat"}))) == "123456789"


def test_iban_and_url():
    assert check_iban("ES91 2100 0418 4502 0005 1332") == "ES9121000418450200051332"
    with pytest.raises(ValueError):
        check_iban("ES00 0000", LENIENT)
    assert check_url(" example.com ") == "example.com"
    assert check_url("not a url", LENIENT) == "not a url"
    with pytest.raises(ValueError):
        check_url("not a url")


def test_domain_values_are_compared_never_checked(env):
    partner = env["res.partner"].create({"name": "Odd phone", "phone": "(441)-695-2334"})
    assert env["res.partner"].search([("phone", "=", "(441)-695-2334")]) == partner
    assert not env["res.partner"].search([("email", "=", "not an email")])


def test_unknown_country_id_is_reported_by_the_country_field(env):
    with pytest.raises(ValidationError, match="Country"):
        env["res.partner"].create({"name": "Lost", "phone": "612 34 56 78", "country_id": 999999})
