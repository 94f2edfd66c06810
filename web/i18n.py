"""Languages of the web layer: one set of gettext catalogs (core.i18n) for the core, the web client
and the addons; dates, numbers and money formatted by Babel for the user's locale and time zone."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytz
from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import numbers as babel_numbers
from flask import Flask, g, request, session
from flask_babel import Babel
from markupsafe import Markup

from core.i18n import DEFAULT_LANG, LANGUAGES, _, get_lang, load_catalog_dirs, set_lang, translate


def request_lang() -> str:
    """The logged-in user's language (one without translations keeps English texts, formatted in its
    locale), else the browser's preferred one we ship, else English."""
    lang = session.get("lang")
    if lang in LANGUAGES or isinstance(lang, str) and _known_locale(lang):
        return lang
    best = request.accept_languages.best_match(
        [code.replace("_", "-") for code in LANGUAGES] + [code.split("_")[0] for code in LANGUAGES]
    )
    if best:
        return next(
            (code for code in LANGUAGES if code.replace("_", "-") == best or code.startswith(best)),
            DEFAULT_LANG,
        )
    return DEFAULT_LANG


def _known_locale(lang: str) -> bool:
    try:
        Locale.parse(lang)
    except (ValueError, UnknownLocaleError):
        return False
    return True


def request_tz() -> str:
    tz = session.get("tz") or "UTC"
    return tz if tz in pytz.all_timezones_set else "UTC"


def begin_request_lang() -> None:
    """Speak the request's language in messages (core.i18n) until the request ends."""
    g.lang = request_lang()
    g.lang_token = set_lang(g.lang)


_read_dirs: set[str] = set()
# (lang, msgid) -> translation: templates ask for the same few hundred texts on every page
_memo: dict[tuple[str, str], str] = {}


def load_addon_catalogs(registry: Any) -> None:
    """Make the catalogs of the registry's addons known (each directory is read once per process)."""
    directories = [str(manifest.path / "i18n") for manifest in registry.manifests.values()]
    new = [d for d in directories if d not in _read_dirs]
    if new:
        load_catalog_dirs(new)
        _read_dirs.update(new)
        _memo.clear()


def _gettext(text: str, **params: Any) -> str:
    key = (get_lang(), text)
    translated = _memo.get(key)
    if translated is None:
        translated = _memo[key] = translate(text)
    return translated % params if params else translated


def _ngettext(singular: str, plural: str, n: int, **params: Any) -> str:
    params.setdefault("num", n)
    return _(singular if n == 1 else plural, **params)


def locale() -> str:
    return getattr(g, "lang", None) or DEFAULT_LANG


def to_user_tz(value: dt.datetime) -> dt.datetime:
    """A naive UTC datetime (as stored) in the user's time zone."""
    return pytz.utc.localize(value).astimezone(pytz.timezone(request_tz()))


def to_utc(value: dt.datetime) -> dt.datetime:
    """A naive datetime of the user's time zone as a naive UTC one (as stored)."""
    local = pytz.timezone(request_tz()).localize(value)
    return local.astimezone(pytz.utc).replace(tzinfo=None)


def format_date(value: Any, fmt: str = "medium") -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10])
    if isinstance(value, dt.datetime):
        value = value.date()
    return babel_dates.format_date(value, fmt, locale=locale())


def format_datetime(value: Any, fmt: str = "medium") -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.datetime.fromisoformat(value)
    return babel_dates.format_datetime(to_user_tz(value), fmt, locale=locale())


def date_input(value: Any) -> str:
    """A date (or its ISO text) as a date input of the user's language holds it."""
    from web.dates import format_input

    if isinstance(value, str):
        value = dt.date.fromisoformat(value[:10]) if value else None
    return format_input(value, locale())


def format_number(value: Any, digits: int | None = None) -> str:
    if value is None or value is False:
        return ""
    if isinstance(value, int) and digits is None:
        return babel_numbers.format_decimal(value, locale=locale())
    places = 2 if digits is None else digits
    return babel_numbers.format_decimal(
        value, format=f"#,##0.{'0' * places}" if places else "#,##0", locale=locale()
    )


def format_money(value: Any, currency: str | None) -> str:
    if value is None or value is False:
        value = 0.0
    if not currency:
        return format_number(value, 2)
    return babel_numbers.format_currency(value, currency, locale=locale())


def language_names(languages: list[tuple[str, str]] | None = None) -> list[tuple[str, str]]:
    """The languages a user may choose: the database's active ones when given, else those we ship."""
    return list(languages) if languages else list(LANGUAGES.items())


def install(app: Flask) -> None:
    """Flask-Babel for locale and time zone selection; gettext and formatters in every template."""
    if "babel" not in app.extensions:
        Babel(app, locale_selector=locale, timezone_selector=request_tz)
    app.jinja_env.add_extension("jinja2.ext.i18n")
    app.jinja_env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    app.jinja_env.filters.update(
        format_date=format_date,
        format_datetime=format_datetime,
        format_number=format_number,
        format_money=format_money,
        translate=translate,
        html_text=html_text,
        date_input=date_input,
    )
    app.jinja_env.globals.update(language_names=language_names, current_lang=locale)

    @app.teardown_request
    def _end_request_lang(_error: BaseException | None) -> None:
        token = g.pop("lang_token", None)
        if token is not None:
            token.var.reset(token)


def html_text(value: str | None) -> Markup:
    """HTML already sanitised by the html field (nh3), safe to render as HTML."""
    from core.fields.scalar import sanitize_html

    return Markup(sanitize_html(value or ""))
