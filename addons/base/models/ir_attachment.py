"""Attachments: metadata in the database, content on disk once per checksum; access follows the
record they are attached to."""
from __future__ import annotations

import base64
import hashlib
import mimetypes
import os
from pathlib import Path
from typing import Any

from core import _, model
from core.config import data_dir
from core.exceptions import AccessError, MissingError

_MAGIC = (
    (b"%PDF-", "application/pdf"), (b"\x89PNG\r\n\x1a\n", "image/png"), (b"\xff\xd8\xff", "image/jpeg"),
    (b"GIF87a", "image/gif"), (b"GIF89a", "image/gif"), (b"PK\x03\x04", "application/zip"),
    (b"RIFF", "image/webp"), (b"<svg", "image/svg+xml"), (b"<?xml", "application/xml"),
)


def guess_mimetype(name: str | None, content: bytes | None) -> str:
    """From the file name first, then from the first bytes; ``application/octet-stream`` if unknown."""
    guessed, _encoding = mimetypes.guess_type(name or "")
    if guessed:
        return guessed
    head = (content or b"")[:16]
    for magic, mimetype in _MAGIC:
        if head.startswith(magic):
            return mimetype
    if content:
        try:
            content[:1024].decode("utf-8")
            return "text/plain"
        except UnicodeDecodeError:
            pass
    return "application/octet-stream"


@model("ir.attachment")
class IrAttachment:
    # -- storage ---------------------------------------------------------------------------
    def _filestore(self) -> Path:
        path = data_dir() / "filestore" / self.env.registry.db_name
        path.mkdir(parents=True, exist_ok=True)
        return path

    def _store(self, content: bytes) -> tuple[str, str]:
        checksum = hashlib.sha1(content).hexdigest()
        fname = f"{checksum[:2]}/{checksum}"
        path = self._filestore() / fname
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_suffix(f".tmp{os.getpid()}")
            temporary.write_bytes(content)
            temporary.replace(path)
        return fname, checksum

    def _read_file(self, fname: str) -> bytes:
        path = self._filestore() / fname
        try:
            return path.read_bytes()
        except FileNotFoundError:
            return b""

    def _compute_raw(self) -> None:
        for attachment in self:
            fname = attachment.store_fname
            attachment.raw = self._read_file(fname) if fname else False

    def _compute_datas(self) -> None:
        for attachment in self:
            content = attachment.raw
            attachment.datas = content or False

    def _inverse_raw(self) -> None:
        for attachment in self:
            content = self.env.cache.get(self._fields["raw"], attachment.id)
            attachment._set_content(content or b"")

    def _inverse_datas(self) -> None:
        for attachment in self:
            content = self.env.cache.get(self._fields["datas"], attachment.id)
            attachment._set_content(content or b"")

    def _set_content(self, content: bytes) -> None:
        values: dict[str, Any] = {"file_size": len(content)}
        if content:
            fname, checksum = self._store(content)
            values.update(store_fname=fname, checksum=checksum)
        else:
            values.update(store_fname=False, checksum=False)
        if not self.mimetype or self.mimetype == "application/octet-stream":
            values["mimetype"] = guess_mimetype(self.name, content)
        self.sudo().write(values)
        self.env.cache.invalidate([self._fields["raw"], self._fields["datas"]], self._ids)

    def _compute_res_name(self) -> None:
        for attachment in self:
            name = False
            if attachment.res_model and attachment.res_id and attachment.res_model in self.env:
                record = self.env[attachment.res_model].sudo().browse(attachment.res_id).exists()
                name = record.display_name if record else False
            attachment.res_name = name

    # -- access follows the attached record ------------------------------------------------
    def _check_attached_records(self, operation: str, targets: list[tuple[str, int]] | None = None) -> None:
        if self.env.su:
            return
        if targets is None:
            targets = [(a.res_model, a.res_id) for a in self.sudo() if a.res_model and a.res_id]
        by_model: dict[str, set[int]] = {}
        for res_model, res_id in targets:
            if res_model and res_id:
                by_model.setdefault(res_model, set()).add(res_id)
        for res_model, ids in by_model.items():
            if res_model not in self.env:
                continue
            records = self.env[res_model].browse(sorted(ids))
            required = "read" if operation == "read" else "write"
            records.check_access_rights(required)
            try:
                records.check_access_rule(required)
            except MissingError:
                continue

    def read(self, fields: list[str] | None = None, load: str | None = "_classic_read") -> list[dict[str, Any]]:
        self._check_attached_records("read")
        return super().read(fields, load)

    def write(self, vals: dict[str, Any]) -> bool:
        self._check_attached_records("write")
        if vals.get("res_model") or vals.get("res_id"):
            self._check_attached_records("write", [(vals.get("res_model") or a.res_model, vals.get("res_id") or
                                                    a.res_id) for a in self.sudo()])
        return super().write(vals)

    def unlink(self) -> bool:
        self._check_attached_records("unlink")
        return super().unlink()

    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        self._check_attached_records("create", [(v.get("res_model"), v.get("res_id")) for v in vals_list])
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            if not vals.get("name"):
                vals["name"] = vals.get("res_field") or "attachment"
            content = vals.get("raw")
            if content is None and vals.get("datas"):
                datas = vals["datas"]
                content = base64.b64decode(datas) if isinstance(datas, str) else datas
            if content is not None and not vals.get("mimetype"):
                vals["mimetype"] = guess_mimetype(vals.get("name"), content if isinstance(content, bytes) else None)
            prepared.append(vals)
        return super().create(prepared)

    def _search(self, domain: Any = None, offset: int = 0, limit: int | None = None,
                order: str | None = None) -> list[int]:
        ids = super()._search(domain, offset, limit, order)
        if self.env.su or not ids:
            return ids
        # drop attachments of records the user cannot read
        visible: list[int] = []
        by_model: dict[str, dict[int, list[int]]] = {}
        for attachment in self.sudo().browse(ids):
            if attachment.res_model and attachment.res_id and attachment.res_model in self.env:
                by_model.setdefault(attachment.res_model, {}).setdefault(attachment.res_id, []).append(attachment.id)
            else:
                visible.append(attachment.id)
        for res_model, targets in by_model.items():
            records = self.env[res_model]
            if not records.check_access_rights("read", raise_exception=False):
                continue
            readable = set(records._search([("id", "in", list(targets))]))
            for res_id, attachment_ids in targets.items():
                if res_id in readable:
                    visible.extend(attachment_ids)
        keep = set(visible)
        return [i for i in ids if i in keep]
