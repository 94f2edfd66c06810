"""Numbers as people type them: inputs show the decimal separator of the user's language (``12,5``
in Spanish, ``12.5`` in English) without grouping, and read what Babel reads for that language —
grouped or not — plus a plain ``12.5`` (a numeric keypad's point, a pasted figure). Values cross to
the server as numbers."""

from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.numbers import NumberFormatError, parse_decimal

from core.i18n import DEFAULT_LANG, _, get_lang

_PLAIN = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)$")


@lru_cache(maxsize=32)
def decimal_separator(lang: str) -> str:
    try:
        return Locale.parse(lang).number_symbols["latn"]["decimal"]
    except (ValueError, UnknownLocaleError, KeyError):
        return "."


def format_input(value: float | int | None, places: int | None = None, lang: str | None = None) -> str:
    """``value`` as the user types it: ``places`` decimals when the field has a precision, else as
    many as the number needs (never in exponent form)."""
    if value is None or value is False:
        return ""
    if isinstance(value, int) and places is None:
        return str(value)
    text = f"{value:.{places}f}" if places is not None else format(Decimal(repr(float(value))), "f")
    if places is None and "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", decimal_separator(lang or get_lang()))


def parse_input(text: str, lang: str | None = None, integer: bool = False) -> float | int:
    """The number typed as ``text`` in the format of ``lang``. ValueError, showing how to type it, if
    it is none (or, for an integer, has decimals)."""
    raw = (text or "").strip().replace("\u00a0", "").replace("\u202f", "")
    lang = lang or get_lang()
    try:
        number = parse_decimal(raw, lang, strict=True)
    except (NumberFormatError, ValueError, UnknownLocaleError):
        if not _PLAIN.match(raw):
            example = format_input(1234.56, 2, lang if _known(lang) else DEFAULT_LANG)
            message = _("%(value)r is not a number: type it like %(example)s.", value=raw, example=example)
            raise ValueError(message)
        number = Decimal(raw)
    if integer:
        if number != number.to_integral_value():
            raise ValueError(_("%(value)r is not a whole number.", value=raw))
        return int(number)
    return float(number)


def _known(lang: str) -> bool:
    try:
        Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return False
    return True
