"""Media of an Open311 request (GeoReport v2's ``media_url``, and the ``media`` file of the 2.1 draft
sent as multipart/form-data): checked, kept as attachments of the request, and served back at a public
address that only the request's answers give away."""

from __future__ import annotations

import base64
import hashlib
from typing import Any
from urllib.parse import urlsplit

from addons.czrm.controllers.open311_data import ApiError
from core.i18n import _

MAX_MEDIA = 8 * 1024 * 1024  # bytes of one photo
# the images a phone sends, told by their first bytes (never by the name the app gave)
SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"GIF87a", "image/gif", "gif"),
    (b"GIF89a", "image/gif", "gif"),
)


def image_type(content: bytes) -> tuple[str, str] | None:
    """(mimetype, extension) of a JPEG, PNG, GIF or WebP image; None for anything else."""
    for magic, mimetype, extension in SIGNATURES:
        if content.startswith(magic):
            return mimetype, extension
    if content[:4] == b"RIFF" and content[8:12] == b"WEBP":
        return "image/webp", "webp"
    return None


def check_media_url(value: str | None) -> str | None:
    """The ``media_url`` parameter if it is an http(s) address; ApiError naming it otherwise."""
    if not value:
        return None
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(value) > 1024:
        raise ApiError(400, _("media_url must be an http or https address."))
    return value


def read_media(upload: Any) -> tuple[bytes, str, str] | None:
    """(content, mimetype, extension) of the ``media`` file; None when none was sent; ApiError when it
    is empty, too large or not an image."""
    if upload is None or not (upload.filename or upload.mimetype):
        return None
    content = upload.read(MAX_MEDIA + 1)
    if not content:
        raise ApiError(400, _("media: the file is empty."))
    if len(content) > MAX_MEDIA:
        raise ApiError(400, _("media: the file is larger than %(mb)s MB.", mb=MAX_MEDIA // (1024 * 1024)))
    kind = image_type(content)
    if kind is None:
        raise ApiError(400, _("media: only JPEG, PNG, GIF or WebP images are accepted."))
    return content, kind[0], kind[1]


def attach_media(env: Any, request: Any, media: tuple[bytes, str, str] | None, media_url: str | None) -> Any:
    """Attach the uploaded image and the linked address to ``request``; the image's attachment or None."""
    Attachments = env["ir.attachment"].sudo()
    if media_url:
        Attachments.create(
            {
                "name": media_url.rsplit("/", 1)[-1][:120] or media_url[:120],
                "type": "url",
                "url": media_url,
                "res_model": request._name,
                "res_id": request.id,
            }
        )
    if media is None:
        return None
    content, mimetype, extension = media
    return Attachments.create(
        {
            "name": f"{request.name}.{extension}",
            "datas": base64.b64encode(content).decode(),
            "mimetype": mimetype,
            "public": True,
            "res_model": request._name,
            "res_id": request.id,
        }
    )


def media_key(attachment: Any) -> str:
    """The secret part of a served image's address: its content's checksum (only those who got the
    address, or hold the very file, know it)."""
    return attachment.checksum or hashlib.sha1(b"").hexdigest()
