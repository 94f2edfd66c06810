"""Dates as people type them: the input format of a language comes from Babel's short patterns
(es_ES ``dd/MM/yyyy``, en_US ``MM/dd/yyyy``), widened to a four-digit year and two-digit day and
month so that what is shown can be typed back. Values cross to the server in ISO."""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from babel import Locale, UnknownLocaleError

from core.i18n import DEFAULT_LANG, _, get_lang

# one pattern letter run -> (its input form, the regular expression that reads it)
_TOKENS = {
    "d": ("dd", r"(?P<d>\d{1,2})"),
    "M": ("MM", r"(?P<M>\d{1,2})"),
    "y": ("yyyy", r"(?P<y>\d{4}|\d{2})"),
    "H": ("HH", r"(?P<H>\d{1,2})"),
    "h": ("hh", r"(?P<h>\d{1,2})"),
    "m": ("mm", r"(?P<m>\d{2})"),
    "s": ("ss", r"(?P<s>\d{2})"),
    "a": ("a", r"(?P<a>[^\d\s]+(?:\s?[^\d\s]+)?)"),
}
_SEPARATORS = "/.-"


def _locale(lang: str | None) -> Locale:
    try:
        return Locale.parse(lang or get_lang())
    except (ValueError, UnknownLocaleError):
        return Locale.parse(DEFAULT_LANG)


def _runs(pattern: str) -> list[tuple[str, str]]:
    """(kind, text) pieces of a CLDR pattern: kind is a pattern letter, or "" for literal text."""
    pieces: list[tuple[str, str]] = []
    for match in re.finditer(r"'([^']*)'|([a-zA-Z])\2*|[^a-zA-Z']+", pattern):
        if match.group(1) is not None:
            pieces.append(("", match.group(1) or "'"))
        elif match.group(2):
            pieces.append((match.group(2), match.group(0)))
        else:
            pieces.append(("", match.group(0).replace("\u202f", " ").replace("\u00a0", " ")))
    return pieces


@lru_cache(maxsize=32)
def input_pattern(lang: str, with_time: bool = False) -> str:
    """The CLDR pattern a date (or date and time) input of ``lang`` shows and reads."""
    locale = _locale(lang)
    pattern = locale.date_formats["short"].pattern
    if with_time:
        pattern += " " + locale.time_formats["short"].pattern
    out = []
    for kind, text in _runs(pattern):
        if kind in _TOKENS:
            out.append(_TOKENS[kind][0])
        elif kind:  # a letter we do not type (era, weekday...): left out with nothing to read
            continue
        else:
            out.append(text if not re.search(r"[a-zA-Z']", text) else "'" + text.replace("'", "''") + "'")
    return "".join(out).strip(", ")


def placeholder(lang: str | None = None, with_time: bool = False) -> str:
    """What the empty input shows, in words of the language (``dd/mm/aaaa`` in Spanish)."""
    words = {
        "dd": _("dd"),
        "MM": _("mm"),
        "yyyy": _("yyyy"),
        "HH": _("hh"),
        "hh": _("hh"),
        "mm": _("mm"),
        "a": _("am/pm"),
    }
    lang = lang or get_lang()
    pieces = _runs(input_pattern(lang, with_time))
    return "".join(words.get(text, text) if kind else text for kind, text in pieces)


def _day_periods(locale: Locale) -> dict[str, str]:
    names = locale.day_periods.get("format", {}).get("abbreviated", {})
    return {"am": str(names.get("am", "AM")), "pm": str(names.get("pm", "PM"))}


def format_input(value: dt.date | dt.datetime | None, lang: str | None = None) -> str:
    """``value`` as the user types it (a datetime is expected already in the user's time zone)."""
    if not value:
        return ""
    lang = lang or get_lang()
    with_time = isinstance(value, dt.datetime)
    locale = _locale(lang)
    out = []
    for kind, text in _runs(input_pattern(lang, with_time)):
        if kind == "d":
            out.append(f"{value.day:02d}")
        elif kind == "M":
            out.append(f"{value.month:02d}")
        elif kind == "y":
            out.append(f"{value.year:04d}")
        elif kind == "H" and isinstance(value, dt.datetime):
            out.append(f"{value.hour:02d}")
        elif kind == "h" and isinstance(value, dt.datetime):
            out.append(f"{(value.hour % 12) or 12:02d}")
        elif kind == "m" and isinstance(value, dt.datetime):
            out.append(f"{value.minute:02d}")
        elif kind == "s" and isinstance(value, dt.datetime):
            out.append(f"{value.second:02d}")
        elif kind == "a" and isinstance(value, dt.datetime):
            out.append(_day_periods(locale)["pm" if value.hour >= 12 else "am"])
        else:
            out.append(text)
    return "".join(out)


@lru_cache(maxsize=32)
def _reader(lang: str, with_time: bool) -> re.Pattern[str]:
    parts = []
    for kind, text in _runs(input_pattern(lang, with_time)):
        if kind:
            parts.append(_TOKENS[kind][1])
        elif text.strip() and all(c in _SEPARATORS for c in text.strip()):
            parts.append(rf"\s*[{re.escape(_SEPARATORS)}]\s*")  # 31-12-2026 reads as 31/12/2026
        elif not text.strip():
            parts.append(r"\s*")
        else:
            parts.append(r"\s*" + re.escape(text.strip()) + r"\s*")
    return re.compile("".join(parts) + r"$", re.IGNORECASE)


def parse_input(text: str, lang: str | None = None, with_time: bool = False) -> dt.date | dt.datetime:
    """The date (or naive local datetime) typed as ``text`` in the format of ``lang``; ISO is read
    too (what scripts and older pages send). ValueError, saying the expected format, if it is none."""
    raw = (text or "").strip()
    lang = lang or get_lang()
    try:
        iso = dt.datetime.fromisoformat(raw.replace("T", " ")) if with_time else dt.date.fromisoformat(raw)
        return iso
    except ValueError:
        pass
    match = _reader(lang, with_time).match(raw)
    if not match and with_time:
        match = _reader(lang, False).match(raw)  # a date alone is that day at midnight
    if match:
        parts = match.groupdict()
        year = int(parts["y"])
        year += 2000 if year < 100 else 0
        try:
            day = dt.date(year, int(parts["M"]), int(parts["d"]))
            if not with_time:
                return day
            hour = int(parts.get("H") or parts.get("h") or 0)
            if parts.get("a"):
                periods = _day_periods(_locale(lang))
                is_pm = parts["a"].strip().lower() in (periods["pm"].lower(), "pm", "p.m.")
                hour = hour % 12 + (12 if is_pm else 0)
            return dt.datetime.combine(day, dt.time(hour, int(parts.get("m") or 0), int(parts.get("s") or 0)))
        except ValueError:
            pass
    shown = placeholder(lang, with_time)
    raise ValueError(_("%(value)r is not a valid date: type it as %(format)s.", value=raw, format=shown))
