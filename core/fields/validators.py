"""Checks of well-known text formats, declared on char fields with ``validate:``.

A check gets the value and a FormatContext: the country the record is in (phone numbers without
a ``+`` are read in it) and which checks are strict. As in Odoo, a strict check refuses a value
that does not pass, a lenient one normalises the value when it passes and keeps it as typed when it
does not, so migrations and API clients store what Odoo stores. IBANs are always checked.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import phonenumbers
import stdnum
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from core.i18n import _

# the everyday shape of an address (ASCII dot-atom, letters-only top-level domain): these are
# normalised here, as email_validator would (domain in lowercase), at a fraction of its cost
_PLAIN_ADDRESS = re.compile(
    r"^(?P<local>[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*)@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$")
_VAT_SEPARATORS = re.compile(r"[\s.\-/]")
# VAT prefixes that are not the ISO code of their country
_VAT_PREFIX_COUNTRY = {"EL": "GR", "XI": "GB"}


class FormatContext(Protocol):
    """What a check depends on besides the value."""

    @property
    def country_code(self) -> str | None:
        """ISO code of the record's country (else its company's), None when unknown."""

    def strict(self, check: str) -> bool:
        """Whether values that fail the check ``check`` are refused rather than kept as typed."""


@dataclass(frozen=True)
class FixedFormats:
    """A FormatContext given outright (forms, tests, callers outside the record API)."""

    country: str | None = None
    strict_checks: frozenset[str] = frozenset()

    @property
    def country_code(self) -> str | None:
        return self.country

    def strict(self, check: str) -> bool:
        return check in self.strict_checks


LENIENT = FixedFormats()
STRICT = FixedFormats(strict_checks=frozenset({"email", "phone", "vat", "url"}))


def _plain_address(candidate: str) -> str | None:
    match = _PLAIN_ADDRESS.match(candidate)
    if match is None or len(candidate) > 254 or len(match.group("local")) > 64:
        return None
    domain = match.group("domain").lower()
    labels = domain.split(".")
    if any(label.startswith("xn--") for label in labels) or any(
            domain == name or domain.endswith(f".{name}") for name in SPECIAL_USE_DOMAIN_NAMES):
        return None  # punycode and reserved names: let email_validator decide
    return f"{match.group('local')}@{domain}"


def normalize_address(candidate: str) -> str:
    """One address, normalised; ValueError naming the reason when it is not valid."""
    plain = _plain_address(candidate)
    if plain is not None:
        return plain
    try:
        return validate_email(candidate, check_deliverability=False).normalized
    except EmailNotValidError as error:
        raise ValueError(_("%(value)r is not a valid email address: %(reason)s", value=candidate,
                           reason=str(error))) from None


def check_email(value: str, context: FormatContext = STRICT) -> str:
    """Comma-separated addresses, each normalised; one that is not valid is refused when the check is
    strict, else the text is kept as typed (Odoo stores any text in an email field)."""
    addresses = [part.strip() for part in value.split(",") if part.strip()]
    normalised = []
    try:
        for address in addresses:
            display, _lt, inner = address.rpartition("<")
            candidate = inner.rstrip(">").strip() if _lt else address
            result = normalize_address(candidate)
            normalised.append(f"{display.strip()} <{result}>" if _lt and display.strip() else result)
    except ValueError:
        if context.strict("email"):
            raise
        return value.strip()
    return ", ".join(normalised)


def check_phone(value: str, context: FormatContext = STRICT) -> str:
    """A phone number read in the record's country (international ones need their ``+``), written
    the international way (``+1 803-873-6126``) when it is a valid number; otherwise refused when
    strict, else kept as typed."""
    text = value.strip()
    region = None if text.startswith("+") else context.country_code
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    if not context.strict("phone"):
        return text
    if region is None:
        raise ValueError(_("%(value)r is not a valid phone number: write it with its country prefix "
                           "(+34 ...), or set the contact's country.", value=value))
    raise ValueError(_("%(value)r is not a valid phone number for the country %(country)s.", value=value,
                       country=region))


def _vat_module(code: str) -> Any:
    code = _VAT_PREFIX_COUNTRY.get(code.upper(), code.upper())
    try:
        return stdnum.get_cc_module(code.lower(), "vat")
    except (ImportError, ValueError):
        return None


def vat_is_valid(compact: str, country_code: str | None) -> bool | None:
    """Whether a compact VAT number follows its country's rule: the country of its prefix, else
    ``country_code``; None when no rule is known (such numbers are accepted, as in Odoo)."""
    prefix = compact[:2]
    module = _vat_module(prefix) if prefix.isalpha() else None
    if module is None and country_code:
        module = _vat_module(country_code)
    if module is None:
        return None
    try:
        return bool(module.is_valid(compact))
    except (StdnumError, ValueError):
        return False


def check_vat(value: str, context: FormatContext = STRICT) -> str:
    """A VAT number checked against its country's rule when the check is strict (the company's
    "Verify VAT numbers"), answered compact (ESB12345674); kept as typed otherwise."""
    text = value.strip()
    if not context.strict("vat"):
        return text
    compact = _VAT_SEPARATORS.sub("", text).upper()
    if vat_is_valid(compact, context.country_code) is False:
        raise ValueError(
            _(
                "%(value)r is not a valid VAT number: expected the country code followed by the number, "
                "for example ESB12345674.",
                value=value,
            )
        )
    return compact


def check_iban(value: str, context: FormatContext = STRICT) -> str:
    try:
        return stdnum_iban.validate(value)
    except StdnumError:
        raise ValueError(_("%(value)r is not a valid IBAN.", value=value)) from None


def check_url(value: str, context: FormatContext = STRICT) -> str:
    text = value.strip()
    if (" " in text or "." not in text) and context.strict("url"):
        raise ValueError(_("%(value)r is not a valid web address.", value=value))
    return text


Check = Callable[[str, FormatContext], str]
VALIDATORS: dict[str, Check] = {
    "email": check_email, "phone": check_phone, "vat": check_vat, "iban": check_iban, "url": check_url,
}
