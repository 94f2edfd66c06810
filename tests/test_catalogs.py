"""Every text a user can see has a translation in each shipped language's gettext catalogs.

The msgids are extracted the way the app looks them up (``core.i18n.translate``):
- Python: ``_("...")`` and ``_lt("...")`` in ``core/``, ``web/`` and ``addons/`` (not tests);
- Jinja templates: ``_()``, ``gettext()`` and ``ngettext()`` (both forms: the web layer looks each
  one up on its own), parsed with the extensions of the app's Jinja environment;
- YAML models: model ``description``, field labels (``string``, else the label a new field derives
  from its name), ``help``, selection labels, constraint messages, and the automatic fields;
- YAML views: ``string``, ``help``, ``placeholder`` and ``confirm`` anywhere in an arch or its changes,
  the ``interval`` of a group-by (its chip reads "Created on (month)"), action ``name`` and
  ``help``, menu ``name``;
- texts the code looks up through a variable: the activity states' labels.
The runtime merges every catalog (``i18n/`` and each addon's ``i18n/``) into one dictionary per
language, so a msgid may be translated in any of them. Data files carry their own translations
(``{en_US: ..., es_ES: ...}``) and are not checked here.
"""
from __future__ import annotations

import inspect
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any, NamedTuple

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract
from babel.messages.pofile import PoFileParser
from flask import Flask

from core.fields.base import Field
from core.i18n import DEFAULT_LANG, LANGUAGES
from core.loader.defs import ModelDef
from core.loader.yaml_source import load_yaml_documents
from core.registry.classes import magic_fields
from web import i18n as web_i18n
from web.client.views import activity_badge as activities

ROOT = Path(__file__).resolve().parent.parent
ADDONS = ROOT / "addons"
PYTHON_DIRS = ("core", "web", "addons")
SKIPPED_DIRS = {"tests", "static", "__pycache__", ".venv", "node_modules"}
VIEW_NODE_KEYS = ("string", "help", "placeholder", "confirm", "interval")
PLACEHOLDER = re.compile(r"%\((\w+)\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z%]")

OTHER_LANGS = [lang for lang in LANGUAGES if lang != DEFAULT_LANG]


class Msg(NamedTuple):
    msgid: str
    file: str
    line: int | None

    def __str__(self) -> str:
        return f"{self.file}:{self.line or 1}: {self.msgid!r}"


def _rel(path: Path | str) -> str:
    path = Path(path)
    try:
        return str(path.resolve().relative_to(ROOT))
    except ValueError:
        return str(path)


def _source_files(top: Path, suffix: str) -> Iterator[Path]:
    for path in sorted(top.rglob(f"*{suffix}")):
        if not SKIPPED_DIRS.intersection(path.relative_to(ROOT).parts):
            yield path


def _extracted(method: Any, path: Path, keywords: dict[str, Any], options: dict[str, str]) -> Iterator[Msg]:
    with path.open("rb") as handle:
        for lineno, message, _comments, _context in extract(method, handle, keywords, options=options):
            for text in message if isinstance(message, tuple) else (message,):
                if text:
                    yield Msg(text, _rel(path), lineno)


def python_messages() -> Iterator[Msg]:
    for top in PYTHON_DIRS:
        for path in _source_files(ROOT / top, ".py"):
            yield from _extracted("python", path, {"_": None, "_lt": None}, {})


def _jinja_options() -> dict[str, str]:
    """The extensions of the web client's Jinja environment, so that templates parse as they run."""
    app = Flask(__name__)
    web_i18n.install(app)
    names = [f"{cls.__module__}.{cls.__qualname__}" for cls in map(type, app.jinja_env.extensions.values())]
    return {"extensions": ",".join(names), "silent": "false", "newstyle_gettext": "true"}


def template_messages() -> Iterator[Msg]:
    options = _jinja_options()
    keywords = {"_": None, "gettext": None, "ngettext": (1, 2)}
    tops = [ROOT / "web", *sorted(ADDONS.iterdir())]
    for top in tops:
        for path in _source_files(top, ".html"):
            if "templates" in path.relative_to(top).parts:
                yield from _extracted("jinja2.ext:babel_extract", path, keywords, options)


def _line(container: Any, key: Any) -> int | None:
    line_of = getattr(container, "line_of", None)
    return line_of(key) if line_of else getattr(container, "line", None)


def _model_messages(document: dict[str, Any], file: str) -> Iterator[Msg]:
    if isinstance(document.get("description"), str):
        yield Msg(document["description"], file, _line(document, "description"))
    fields = document.get("fields") or {}
    for name, attrs in fields.items():
        attrs = attrs or {}
        if attrs.get("string"):
            yield Msg(attrs["string"], file, _line(attrs, "string"))
        elif "type" in attrs:  # a new field labelled after its name (an extension keeps its label)
            label = Field(str(document.get("model") or document.get("inherit")), name, dict(attrs)).string
            yield Msg(label, file, _line(fields, name))
        if isinstance(attrs.get("help"), str):
            yield Msg(attrs["help"], file, _line(attrs, "help"))
        for key in ("selection", "selection_add"):
            selection = attrs.get(key)
            if isinstance(selection, list):
                for index, pair in enumerate(selection):
                    if isinstance(pair, list) and len(pair) == 2 and isinstance(pair[1], str):
                        yield Msg(pair[1], file, _line(selection, index))
    for constraint in document.get("constraints") or ():
        if isinstance(constraint.get("message"), str):
            yield Msg(constraint["message"], file, _line(constraint, "message"))


def _arch_messages(node: Any, file: str) -> Iterator[Msg]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key in VIEW_NODE_KEYS and isinstance(value, str):
                yield Msg(value, file, _line(node, key))
            else:
                yield from _arch_messages(value, file)
    elif isinstance(node, list):
        for item in node:
            yield from _arch_messages(item, file)


def _view_messages(document: dict[str, Any], file: str) -> Iterator[Msg]:
    for view in document.get("views") or ():
        yield from _arch_messages(view.get("arch"), file)
        yield from _arch_messages(view.get("changes"), file)
    for action in document.get("actions") or ():
        for key in ("name", "help"):
            if isinstance(action.get(key), str):
                yield Msg(action[key], file, _line(action, key))
    for menu in document.get("menus") or ():
        if isinstance(menu.get("name"), str):
            yield Msg(menu["name"], file, _line(menu, "name"))


def yaml_messages() -> Iterator[Msg]:
    for addon in sorted(p for p in ADDONS.iterdir() if (p / "manifest.yaml").is_file()):
        for kind, reader in (("models", _model_messages), ("views", _view_messages)):
            for path in sorted((addon / kind).glob("*.yaml")):
                for document in load_yaml_documents(path):
                    if isinstance(document, dict):
                        yield from reader(document, _rel(path))
    where = inspect.getsourcelines(magic_fields)
    file, line = _rel(inspect.getsourcefile(magic_fields) or ""), where[1]
    for attrs in magic_fields(ModelDef("any.model"), has_users=True).values():
        yield Msg(attrs["string"], file, line)


def variable_messages() -> Iterator[Msg]:
    """Texts passed to ``_()`` through a variable, which extraction cannot see."""
    lines, _start = inspect.getsourcelines(activities)
    file = _rel(inspect.getsourcefile(activities) or "")
    line = next((n for n, text in enumerate(lines, 1) if text.startswith("STATE_LABELS")), None)
    for label in activities.STATE_LABELS.values():
        yield Msg(label, file, line)


@cache
def all_messages() -> tuple[Msg, ...]:
    return (*python_messages(), *template_messages(), *yaml_messages(), *variable_messages())


def catalog_files(lang: str) -> list[Path]:
    """The ``.po`` files core.i18n reads for ``lang`` (``es.po`` or ``es_ES.po``)."""
    stems = {lang, lang.split("_")[0]}
    folders = [ROOT / "i18n", *sorted(p / "i18n" for p in ADDONS.iterdir())]
    return [po for folder in folders for po in sorted(folder.glob("*.po")) if po.stem in stems]


class _RecordingCatalog(Catalog):
    """A catalog that remembers the msgids a file defines more than once."""

    def __init__(self) -> None:
        super().__init__()
        self.duplicates: list[str] = []

    def __setitem__(self, msgid: Any, message: Any) -> None:
        key = msgid[0] if isinstance(msgid, tuple) else msgid
        if key and key in self:
            self.duplicates.append(key)
        super().__setitem__(msgid, message)


@cache
def parsed(po: Path) -> _RecordingCatalog:
    catalog = _RecordingCatalog()
    with po.open("rb") as handle:
        PoFileParser(catalog, abort_invalid=True).parse(handle)
    return catalog


def translations(lang: str) -> dict[str, str]:
    """msgid -> msgstr merged over the catalogs, skipping empty and fuzzy entries, as core.i18n does."""
    merged: dict[str, str] = {}
    for po in catalog_files(lang):
        for message in parsed(po):
            msgid = message.id[0] if isinstance(message.id, tuple) else message.id
            msgstr = message.string[0] if isinstance(message.string, tuple) else message.string
            if msgid and msgstr and not message.fuzzy:
                merged[msgid] = msgstr
    return merged


def test_extraction_finds_the_known_kinds_of_text() -> None:
    found = {m.msgid for m in all_messages()}
    assert "Your session has expired: log in again." in found  # Python _()
    assert "Mark as Lost" in found  # a view's button label
    assert "Created by" in found  # an automatic field
    assert len(found) > 500


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_catalogs_parse_without_duplicates(lang: str) -> None:
    files = catalog_files(lang)
    assert files, f"no catalog for {lang}"
    duplicated = [f"{_rel(po)}: {msgid!r}" for po in files for msgid in parsed(po).duplicates]
    assert not duplicated, "msgids defined twice in one catalog:\n" + "\n".join(duplicated)


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_every_user_visible_text_is_translated(lang: str) -> None:
    known = translations(lang)
    missing: dict[str, Msg] = {}
    for message in all_messages():
        if message.msgid not in known:
            missing.setdefault(message.msgid, message)
    lines = sorted(str(m) for m in missing.values())
    assert not lines, (
        f"{len(lines)} texts have no {lang} translation; add them to the .po of the addon that owns "
        "them (or i18n/ for core and web):\n" + "\n".join(lines)
    )


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_catalogs_agree_on_shared_msgids(lang: str) -> None:
    """The runtime merges the catalogs: a msgid translated differently in two of them gets
    whichever catalog happens to be read last."""
    seen: dict[str, dict[str, str]] = {}
    for po in catalog_files(lang):
        for message in parsed(po):
            if isinstance(message.id, str) and message.id and message.string and not message.fuzzy:
                seen.setdefault(message.id, {})[_rel(po)] = str(message.string)
    conflicts = [
        f"{msgid!r}: " + ", ".join(f"{file} {text!r}" for file, text in by_file.items())
        for msgid, by_file in seen.items()
        if len(set(by_file.values())) > 1
    ]
    assert not conflicts, "msgids translated differently by two catalogs:\n" + "\n".join(conflicts)


@pytest.mark.parametrize("lang", OTHER_LANGS)
def test_translations_keep_the_placeholders(lang: str) -> None:
    wrong = [
        f"{msgid!r} -> {msgstr!r}"
        for msgid, msgstr in translations(lang).items()
        if set(PLACEHOLDER.findall(msgid)) != set(PLACEHOLDER.findall(msgstr))
    ]
    assert not wrong, "translations whose %(name)s placeholders differ from the English:\n" + "\n".join(wrong)
