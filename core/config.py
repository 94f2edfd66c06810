"""Settings of the running process, from the environment (one mapping, read once)."""
from __future__ import annotations

import os
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def data_dir() -> Path:
    """Where files live (attachments by checksum, sessions): ERP_DATA_DIR, default ``var/``."""
    path = Path(os.environ.get("ERP_DATA_DIR") or PROJECT_ROOT / "var")
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_db_url() -> str:
    return os.environ.get("ERP_DB_URL") or f"sqlite:///{PROJECT_ROOT / 'var' / 'erp.sqlite'}"
