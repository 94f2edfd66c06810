"""``validate:`` on char fields: email, phone, VAT, IBAN, URL."""
from __future__ import annotations

import pytest
from email_validator import EmailNotValidError, validate_email

from core.exceptions import ValidationError
from core.fields.validators import (
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


def test_email_field_refuses_invalid_address_naming_field(env):
    with pytest.raises(
        ValidationError, match=r"'Email' \(email\): 'not an email' is not a valid email address"
    ):
        env["res.partner"].create({"name": "x", "email": "not an email"})


def test_phone_accepts_usual_writing_and_refuses_short_numbers():
    assert check_phone("+34 600 123 456") == "+34 600 123 456"
    with pytest.raises(ValueError, match="not a valid phone number"):
        check_phone("12")


def test_vat_is_compacted_and_checked():
    assert check_vat("es b-12345674") == "ESB12345674"
    with pytest.raises(ValueError, match="not a valid VAT number"):
        check_vat("ESB12345678")


def test_iban_and_url():
    assert check_iban("ES91 2100 0418 4502 0005 1332") == "ES9121000418450200051332"
    with pytest.raises(ValueError):
        check_iban("ES00 0000")
    assert check_url(" example.com ") == "example.com"
    with pytest.raises(ValueError):
        check_url("not a url")
