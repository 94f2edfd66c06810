"""Checks of well-known text formats, declared on char fields with ``validate:``."""
from __future__ import annotations

import re
from collections.abc import Callable

import phonenumbers
from email_validator import SPECIAL_USE_DOMAIN_NAMES, EmailNotValidError, validate_email
from stdnum import iban as stdnum_iban
from stdnum import vatin
from stdnum.exceptions import ValidationError as StdnumError

from core.i18n import _

# the everyday shape of an address (ASCII dot-atom, letters-only top-level domain): these are
# normalised here, as email_validator would (domain in lowercase), at a fraction of its cost
_PLAIN_ADDRESS = re.compile(
    r"^(?P<local>[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*)@"
    r"(?P<domain>(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63})$")


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


def check_email(value: str) -> str:
    """Each comma-separated address must be valid; answers the normalised text."""
    addresses = [part.strip() for part in value.split(",") if part.strip()]
    normalised = []
    for address in addresses:
        display, _lt, inner = address.rpartition("<")
        candidate = inner.rstrip(">").strip() if _lt else address
        result = normalize_address(candidate)
        normalised.append(f"{display.strip()} <{result}>" if _lt and display.strip() else result)
    return ", ".join(normalised)


def check_phone(value: str) -> str:
    """A phone number in any usual writing; international numbers need their + prefix."""
    text = value.strip()
    try:
        number = phonenumbers.parse(text, None if text.startswith("+") else "ES")
    except phonenumbers.NumberParseException:
        raise ValueError(_("%(value)r is not a valid phone number.", value=value)) from None
    if not phonenumbers.is_possible_number(number):
        raise ValueError(_("%(value)r is not a valid phone number: wrong number of digits.", value=value))
    return text


def check_vat(value: str) -> str:
    """A VAT number with its country prefix (ESB12345678, FR40303265045...)."""
    compact = value.replace(" ", "").replace("-", "").replace(".", "").upper()
    try:
        if not vatin.is_valid(compact):
            raise StdnumError()
    except (StdnumError, ValueError):
        raise ValueError(
            _(
                "%(value)r is not a valid VAT number: expected the country code followed by the number, "
                "for example ESB12345674.",
                value=value,
            )
        ) from None
    return compact


def check_iban(value: str) -> str:
    try:
        return stdnum_iban.validate(value)
    except StdnumError:
        raise ValueError(_("%(value)r is not a valid IBAN.", value=value)) from None


def check_url(value: str) -> str:
    text = value.strip()
    if " " in text or "." not in text:
        raise ValueError(_("%(value)r is not a valid web address.", value=value))
    return text


VALIDATORS: dict[str, Callable[[str], str]] = {
    "email": check_email, "phone": check_phone, "vat": check_vat, "iban": check_iban, "url": check_url,
}
