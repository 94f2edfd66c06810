"""Attachments and images over XML-RPC and JSON-RPC: base64 in and out, byte for byte."""
from __future__ import annotations

import base64
import hashlib
import io
import os

import pytest
from PIL import Image

from tests.exchange.rpc_client import RpcFault, is_access_error, is_user_error

NOT_AN_IMAGE = base64.b64encode(b"%PDF-1.4 not an image").decode()


def png(width: int, height: int) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (0, 90, 160)).save(buffer, format="PNG")
    return base64.b64encode(buffer.getvalue()).decode()


def test_attachment_round_trips_byte_for_byte(rpc):
    content = os.urandom(5000) + b"\x00\x01\x02 trailing"
    partner = rpc("res.partner", "create", {"name": "With a file"})
    datas = base64.b64encode(content).decode()
    attachment = rpc("ir.attachment", "create", {"name": "dump.bin", "res_model": "res.partner",
                                                 "res_id": partner, "datas": datas})
    found = rpc("ir.attachment", "search_read", [("res_model", "=", "res.partner"), ("res_id", "=", partner)],
                ["datas", "file_size", "checksum", "mimetype", "name"])
    assert [row["id"] for row in found] == [attachment]
    row = found[0]
    assert base64.b64decode(row["datas"]) == content
    assert row["file_size"] == len(content)
    assert row["checksum"] == hashlib.sha1(content).hexdigest()
    assert row["mimetype"] == "application/octet-stream"


def test_text_attachment_is_text_plain(rpc):
    content = base64.b64encode(b"hola").decode()
    attachment = rpc("ir.attachment", "create", {"name": "notes.txt", "datas": content})
    assert rpc("ir.attachment", "read", [attachment], ["mimetype"])[0]["mimetype"] == "text/plain"


def test_attachment_of_a_record_the_user_cannot_write_is_refused(rpc, demo_rpc):
    company = rpc("res.company", "search", [], limit=1)[0]  # demo reads companies, cannot change them
    with pytest.raises(RpcFault) as caught:
        demo_rpc("ir.attachment", "create", {"name": "x.txt", "res_model": "res.company", "res_id": company,
                                             "datas": base64.b64encode(b"x").decode()})
    assert is_access_error(caught.value)


def test_image_sizes_are_derived_keeping_the_ratio(rpc):
    partner = rpc("res.partner", "create", {"name": "Logo Ltd", "image_1920": png(300, 200)})
    row = rpc("res.partner", "read", [partner], ["image_1920", "image_128", "image_1024"])[0]
    sizes = {name: Image.open(io.BytesIO(base64.b64decode(row[name]))).size
             for name in ("image_1920", "image_128", "image_1024")}
    assert sizes == {"image_1920": (300, 200), "image_128": (128, 85), "image_1024": (300, 200)}


def test_bytes_that_are_not_an_image_are_a_user_fault(rpc):
    with pytest.raises(RpcFault) as caught:
        rpc("res.partner", "create", {"name": "Broken", "image_1920": NOT_AN_IMAGE})
    assert is_user_error(caught.value)
    assert caught.value.message == "This file could not be decoded as an image file."
