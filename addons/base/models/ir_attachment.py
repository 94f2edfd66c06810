"""Attachments: metadata in the database, content on disk once per checksum; access follows the
record they are attached to."""
from __future__ import annotations

import base64
import binascii
import hashlib
import mimetypes
import os
import time
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from core import _, model, public
from core.config import data_dir
from core.exceptions import AccessError, MissingError, ValidationError

_MAGIC = (
    (b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"), (b"PK\x03\x04", "application/zip"),
    (b"<svg", "image/svg+xml"), (b"<?xml", "application/xml"), (b"%!PS", "application/postscript"),
)
# served as text to users who are not administrators: a browser would run what such files contain
_ACTIVE_TYPES = ("html", "xml", "svg", "javascript", "ecmascript")
# a file no attachment refers to is deleted only when it has been unused for this long, so a
# transaction that is about to refer to it again always finds it
GC_DELAY_SECONDS = 3600


def guess_mimetype(name: str | None, content: bytes | None) -> str:
    """From the file name first, then from the first bytes; ``application/octet-stream`` if unknown."""
    guessed, _encoding = mimetypes.guess_type(name or "")
    if guessed:
        return guessed
    head = (content or b"")[:16]
    if head.startswith(b"RIFF") and head[8:12] == b"WEBP":
        return "image/webp"
    for magic, mimetype in _MAGIC:
        if head.startswith(magic):
            return mimetype
    if content and b"\x00" not in content[:1024]:
        try:
            content[:1024].decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError:
            pass
    return "application/octet-stream"


def decode_datas(datas: Any) -> bytes:
    """The bytes of a ``datas`` value (base64 text, as RPC clients send it, or bytes)."""
    if isinstance(datas, (bytes, bytearray, memoryview)):
        return bytes(datas)
    try:
        return base64.b64decode(str(datas).encode("ascii"), validate=True)
    except (binascii.Error, UnicodeEncodeError, ValueError):
        raise ValidationError(_("Invalid value for field 'File Content (base64)' (datas): expected "
                                "base64-encoded data."), field="datas") from None


@model("ir.attachment")
class IrAttachment:
    # -- storage ---------------------------------------------------------------------------
    def _filestore(self) -> Path:
        path = data_dir() / "filestore" / self.env.registry.db_name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _store(self, content: bytes) -> tuple[str, str]:
        """Write ``content`` once under its SHA-1; answers (relative file name, checksum)."""
        checksum = hashlib.sha1(content).hexdigest()
        fname = f"{checksum[:2]}/{checksum}"
        path = self._filestore() / fname
        if path.exists():
            os.utime(path)  # in use again: keeps the garbage collector away from it
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".tmp{os.getpid()}")
            temporary.write_bytes(content)
            temporary.replace(path)
        return fname, checksum

    def _read_file(self, fname: str) -> bytes:
        try:
            return (self._filestore() / fname).read_bytes()
        except FileNotFoundError:
            return b""

    def _compute_raw(self) -> None:
        for attachment in self:
            fname = attachment.store_fname
            attachment.raw = self._read_file(fname) if fname else False

    def _compute_datas(self) -> None:
        for attachment in self:
            attachment.datas = attachment.raw or False

    def _inverse_raw(self) -> None:
        for attachment in self:
            attachment._set_content(self.env.cache.get(self._fields["raw"], attachment.id) or b"")

    def _inverse_datas(self) -> None:
        for attachment in self:
            attachment._set_content(self.env.cache.get(self._fields["datas"], attachment.id) or b"")

    def _set_content(self, content: bytes) -> None:
        values: dict[str, Any] = {"file_size": len(content), "store_fname": False, "checksum": False}
        if content:
            values["store_fname"], values["checksum"] = self._store(content)
        if not self.mimetype or self.mimetype == "application/octet-stream":
            values["mimetype"] = self._safe_mimetype(guess_mimetype(self.name, content))
        self.sudo().write(values)
        self.env.cache.invalidate([self._fields["raw"], self._fields["datas"]], self._ids)

    def _safe_mimetype(self, mimetype: str) -> str:
        if any(kind in mimetype for kind in _ACTIVE_TYPES) and not self.env.is_system():
            return "text/plain"
        return mimetype

    @public
    def gc_file_store(self) -> int:
        """Delete the stored files no attachment refers to (unused for an hour); answers how many."""
        if not self.env.is_system():
            raise AccessError(_("Only administrators may clean the file store."))
        root = self._filestore()
        used = {fname for (fname,) in self.env.cr.execute(
            self._table.select().with_only_columns(self._table.c.store_fname)
            .where(self._table.c.store_fname.is_not(None)))}
        limit = time.time() - GC_DELAY_SECONDS
        removed = 0
        for path in root.glob("??/*"):
            fname = f"{path.parent.name}/{path.name}"
            if fname not in used and path.stat().st_mtime < limit:
                path.unlink(missing_ok=True)
                removed += 1
        return removed

    def _compute_res_name(self) -> None:
        for attachment in self:
            name = False
            if attachment.res_model and attachment.res_id and attachment.res_model in self.env:
                record = self.env[attachment.res_model].sudo().browse(attachment.res_id).exists()
                name = record.display_name if record else False
            attachment.res_name = name

    # -- access follows the attached record ------------------------------------------------
    def _check_attached_records(self, operation: str,
                                targets: list[tuple[Any, Any, Any]] | None = None) -> None:
        """Raise AccessError unless the user may ``operation`` the records the attachments belong to.

        ``targets`` are (res_model, res_id, creator) triples; by default those of ``self``. An attachment
        of no record belongs to whoever created it (and to administrators)."""
        if self.env.su:
            return
        if targets is None:
            rows = self.sudo()
            if operation == "read":
                rows = rows.filtered(lambda a: not a.public)
            targets = [(a.res_model, a.res_id, a.create_uid.id) for a in rows]
        by_model: dict[str, set[int]] = {}
        for res_model, res_id, creator in targets:
            if res_model and res_id:
                by_model.setdefault(res_model, set()).add(res_id)
            elif creator and creator != self.env.uid and not self.env.is_system():
                raise AccessError(_("Sorry, you are not allowed to access this document."))
        required = "read" if operation == "read" else "write"
        for res_model, ids in by_model.items():
            if res_model not in self.env:
                continue
            records = self.env[res_model].browse(sorted(ids))
            records.check_access_rights(required)
            try:
                records.check_access_rule(required)
            except MissingError:
                continue

    def check_access_rule(self, operation: str) -> None:
        """Record rules, then the attached records' rights (what export_data and others check)."""
        super().check_access_rule(operation)
        self._check_attached_records(operation)

    def read(self, fields: list[str] | None = None,
             load: str | None = "_classic_read") -> list[dict[str, Any]]:
        self._check_attached_records("read")
        return super().read(fields, load)

    def write(self, vals: dict[str, Any]) -> bool:
        self._check_attached_records("write")
        if "res_model" in vals or "res_id" in vals:
            targets = [(vals.get("res_model", a.res_model), vals.get("res_id", a.res_id), a.create_uid.id)
                       for a in self.sudo()]
            self._check_attached_records("write", targets)
        if "datas" in vals and vals["datas"] is not False:
            decode_datas(vals["datas"])
        if vals.get("mimetype"):
            vals = {**vals, "mimetype": self._safe_mimetype(vals["mimetype"])}
        return super().write(vals)

    def unlink(self) -> bool:
        self._check_attached_records("unlink")
        return super().unlink()

    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        self._check_attached_records("create", [(v.get("res_model"), v.get("res_id"), None) for v in vals_list
                                                if isinstance(v, dict)])
        return super().create([self._prepare(vals) if isinstance(vals, dict) else vals for vals in vals_list])

    def _prepare(self, vals: dict[str, Any]) -> dict[str, Any]:
        vals = dict(vals)
        if not vals.get("name"):
            vals["name"] = vals.get("res_field") or "attachment"
        content = vals.get("raw")
        if content is None and vals.get("datas"):
            content = decode_datas(vals["datas"])
        mimetype = vals.get("mimetype") or (guess_mimetype(vals["name"], content if isinstance(content, bytes)
                                                           else None) if content is not None else None)
        if mimetype:
            vals["mimetype"] = self._safe_mimetype(mimetype)
        return vals

    def _extra_search_domain(self, domain: list[Any]) -> list[Any]:
        """The files behind binary fields (a partner's image) are not documents to list, unless the
        search asks for them by id or by field."""
        if any(isinstance(leaf, (list, tuple)) and leaf and leaf[0] in ("id", "res_field")
               for leaf in domain):
            return []
        return [("res_field", "=", False)]

    def _narrow_search(self, condition: Any, table: Any, operation: str) -> Any:
        """Every search (search, search_read, search_count...) sees only the attachments the user may read."""
        if self.env.su:
            return condition
        ids = [row[0] for row in self.env.cr.execute(sa.select(table.c.id).where(condition))]
        return table.c.id.in_(sorted(self._visible(ids)))

    def _visible(self, ids: list[int]) -> set[int]:
        """Those of ``ids`` the user may read: public ones, own unattached ones, those of readable records."""
        visible: set[int] = set()
        by_model: dict[str, dict[int, list[int]]] = {}
        system = self.env.is_system()
        for attachment in self.sudo().browse(ids):
            if attachment.public:
                visible.add(attachment.id)
            elif attachment.res_model and attachment.res_id:
                if attachment.res_model in self.env:
                    by_model.setdefault(attachment.res_model, {}).setdefault(attachment.res_id, []).append(
                        attachment.id)
            elif system or attachment.create_uid.id == self.env.uid:
                visible.add(attachment.id)
        for res_model, targets in by_model.items():
            records = self.env[res_model]
            if not records.check_access_rights("read", raise_exception=False):
                continue
            readable = set(records._search([("id", "in", list(targets))]))
            for res_id, attachment_ids in targets.items():
                if res_id in readable:
                    visible.update(attachment_ids)
        return visible
