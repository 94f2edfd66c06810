"""Checks of an addon's translation catalogs (``i18n/*.po``) before it is installed or upgraded.

Babel reads a damaged catalog without a word (an unclosed quote loses a letter, a stray line is
skipped) and a translation naming a placeholder its message lacks fails only when a user meets the
message. Both are refused here, naming the file and line."""
from __future__ import annotations

import re
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path

from babel.messages.pofile import PoFileError, read_po

from core.exceptions import MetadataError
from core.loader.yaml_source import display_path

QUOTED = r'"(?:[^"\\]|\\.)*"'
LINE = re.compile(rf"^(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?{QUOTED}\s*$")
PLACEHOLDER = re.compile(r"%\((\w+)\)")


def check_catalog_dirs(directories: Iterable[Path]) -> None:
    """Raise MetadataError (file:line) for the first broken ``.po`` file of ``directories``."""
    for directory in directories:
        if directory.is_dir():
            for po_file in sorted(directory.glob("*.po")):
                check_catalog(po_file)


def check_catalog(path: Path) -> None:
    name = display_path(path)
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        number = data[: error.start].count(b"\n") + 1
        raise MetadataError(name, number, "invalid catalog: the file is not UTF-8 text") from None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped and not stripped.startswith("#") and not LINE.match(stripped):
            raise MetadataError(name, number, f"invalid catalog line {stripped[:60]!r}: expected msgid, "
                                              "msgstr or a continuation, each with one quoted text")
    try:
        catalog = read_po(BytesIO(data), abort_invalid=True)
    except PoFileError as error:
        raise MetadataError(name, getattr(error, "lineno", None), f"invalid catalog: {error}") from None
    for message in catalog:
        _check_placeholders(name, message)


def _check_placeholders(name: str, message: object) -> None:
    """A translation may use only placeholders of its message, and must format with them."""
    msgid = message.id if isinstance(message.id, str) else message.id[0]  # type: ignore[attr-defined]
    strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]  # type: ignore[attr-defined]
    expected = set(PLACEHOLDER.findall(msgid or ""))
    line = message.lineno  # type: ignore[attr-defined]
    for translated in strings:
        if not translated or not expected:
            continue
        unknown = sorted(set(PLACEHOLDER.findall(translated)) - expected)
        if unknown:
            raise MetadataError(name, line, f"the translation of {msgid!r} uses %({unknown[0]})s, which the "
                                            f"message does not have (it has {', '.join(sorted(expected))})")
        try:
            translated % dict.fromkeys(expected, 1)
        except (ValueError, TypeError, KeyError) as error:
            raise MetadataError(name, line,
                                f"the translation of {msgid!r} cannot be formatted: {error}") from None
