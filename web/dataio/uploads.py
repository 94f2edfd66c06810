"""Files uploaded for import, kept between the mapping step and the import in the data directory,
reachable only from the session that uploaded them, removed after use or after a day."""

from __future__ import annotations

import secrets
import time
from pathlib import Path

from flask import session

from core.config import data_dir
from core.exceptions import UserError
from core.i18n import _

MAX_AGE = 86400
SESSION_KEY = "dataio_uploads"


def _folder() -> Path:
    folder = data_dir() / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store(content: bytes, filename: str, model: str) -> str:
    """Keep an uploaded file; the token that names it in this session."""
    _clean_old()
    token = secrets.token_urlsafe(16)
    suffix = ".xlsx" if filename.lower().endswith(".xlsx") else ".csv"
    (_folder() / f"{token}{suffix}").write_bytes(content)
    uploads = dict(session.get(SESSION_KEY) or {})
    uploads[token] = {"model": model, "filename": filename[:200], "suffix": suffix}
    session[SESSION_KEY] = uploads
    return token


def load(token: str, model: str) -> tuple[bytes, str]:
    """(content, filename) of an upload of this session for ``model``; UserError when it is gone."""
    info = (session.get(SESSION_KEY) or {}).get(token)
    path = _folder() / f"{token}{info['suffix']}" if info else None
    if not info or info.get("model") != model or path is None or not path.is_file():
        raise UserError(_("The uploaded file is no longer available: upload it again."))
    return path.read_bytes(), info["filename"]


def discard(token: str) -> None:
    uploads = dict(session.get(SESSION_KEY) or {})
    info = uploads.pop(token, None)
    session[SESSION_KEY] = uploads
    if info:
        (_folder() / f"{token}{info['suffix']}").unlink(missing_ok=True)


def _clean_old() -> None:
    limit = time.time() - MAX_AGE
    for path in _folder().glob("*"):
        if path.is_file() and path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)
