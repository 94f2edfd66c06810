"""Message translation: ``_("text %(x)s", x=1)`` in the language of the running request.

Catalogs are gettext ``.po`` files: ``i18n/<lang>.po`` at the top of the project for the core and
the web client, and ``addons/<name>/i18n/<lang>.po`` for each addon. They are parsed by Babel
once per process and merged; the language comes from a context variable that environments
set, so code deep in the record API needs no parameter to speak the user's language.
"""
from __future__ import annotations

import contextvars
import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.pofile import read_po

DEFAULT_LANG = "en_US"
LANGUAGES = {"en_US": "English (US)", "es_ES": "Español"}

_current_lang: contextvars.ContextVar[str] = contextvars.ContextVar("erp_lang", default=DEFAULT_LANG)
_catalogs: dict[str, dict[str, str]] = {}
_loaded_dirs: set[str] = set()

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def _lang_file_stems(lang: str) -> tuple[str, ...]:
    return (lang, lang.split("_")[0])


def load_catalog_dir(directory: str | os.PathLike[str]) -> None:
    """Merge the ``<lang>.po`` files of ``directory`` into the process catalogs (once)."""
    key = str(directory)
    if key in _loaded_dirs:
        return
    _loaded_dirs.add(key)
    path = Path(directory)
    if not path.is_dir():
        return
    for po_file in sorted(path.glob("*.po")):
        stem = po_file.stem
        lang = next((code for code in LANGUAGES if stem in _lang_file_stems(code)), stem)
        with po_file.open("rb") as handle:
            catalog = read_po(handle)
        target = _catalogs.setdefault(lang, {})
        for message in catalog:
            if message.id and message.string and not message.fuzzy:
                msgid = message.id if isinstance(message.id, str) else message.id[0]
                msgstr = message.string if isinstance(message.string, str) else message.string[0]
                target[msgid] = msgstr


def load_catalog_dirs(directories: Iterable[str | os.PathLike[str]]) -> None:
    for directory in directories:
        load_catalog_dir(directory)


def get_lang() -> str:
    return _current_lang.get()


@contextmanager
def use_lang(lang: str | None) -> Iterator[None]:
    """Run a block with ``lang`` as the language of messages."""
    token = _current_lang.set(lang or DEFAULT_LANG)
    try:
        yield
    finally:
        _current_lang.reset(token)


def set_lang(lang: str | None) -> contextvars.Token[str]:
    return _current_lang.set(lang or DEFAULT_LANG)


def translate(text: str, lang: str | None = None) -> str:
    """``text`` in ``lang`` (default: the running request's), or unchanged when unknown."""
    load_catalog_dir(PROJECT_ROOT / "i18n")
    lang = lang or _current_lang.get()
    if lang == DEFAULT_LANG:
        return text
    return _catalogs.get(lang, {}).get(text, text)


def _(text: str, **params: object) -> str:
    """Translate ``text`` and fill its ``%(name)s`` placeholders from ``params``."""
    translated = translate(text)
    return translated % params if params else translated


class LazyText:
    """A message translated when it is turned into a string (for labels defined at import)."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __str__(self) -> str:
        return translate(self.text)

    def __repr__(self) -> str:
        return f"LazyText({self.text!r})"


def _lt(text: str) -> LazyText:
    return LazyText(text)
