"""ir.attachment: base64 content in and out, files stored once by checksum, access of the attached record."""
from __future__ import annotations

import base64
import hashlib
import os

import pytest

from core.config import data_dir
from core.exceptions import AccessError, ValidationError

CONTENT = bytes(range(256)) * 40 + b"\x00end"


def attach(env, content=CONTENT, name="dump.bin", **values):
    return env["ir.attachment"].create({"name": name, "datas": base64.b64encode(content).decode(), **values})


def filestore_path(env, attachment):
    return data_dir() / "filestore" / env.registry.db_name / attachment.store_fname


def test_content_round_trips_byte_for_byte(env):
    attachment = attach(env, res_model="res.partner", res_id=env.ref("base.res_partner_2").id)
    env.invalidate_all()
    read = attachment.read(["datas", "file_size", "checksum"])[0]
    assert base64.b64decode(read["datas"]) == CONTENT
    assert read["file_size"] == len(CONTENT)
    assert read["checksum"] == hashlib.sha1(CONTENT).hexdigest()


def test_content_is_stored_on_disk_once_per_checksum(env):
    first, second = attach(env, name="a.bin"), attach(env, name="b.bin")
    assert first.store_fname == second.store_fname
    path = filestore_path(env, first)
    assert path.read_bytes() == CONTENT
    assert sorted(os.listdir(path.parent)).count(path.name) == 1


def test_mimetype_is_guessed_from_the_name(env):
    assert attach(env, b"hello", name="notes.txt").mimetype == "text/plain"
    assert attach(env, b"%PDF-1.7 ...", name="offer.pdf").mimetype == "application/pdf"


def test_mimetype_is_guessed_from_the_content_without_an_extension(env):
    assert attach(env, b"%PDF-1.7 ...", name="offer").mimetype == "application/pdf"
    assert attach(env, b"\x89PNG\r\n\x1a\n....", name="logo").mimetype == "image/png"


def test_unknown_binary_content_is_octet_stream(env):
    assert attach(env, b"\x00\xff\xfe\x01", name="blob").mimetype == "application/octet-stream"


def test_attachments_are_found_by_model_and_record(env):
    partner = env.ref("base.res_partner_2")
    attachment = attach(env, res_model="res.partner", res_id=partner.id)
    found = env["ir.attachment"].search([("res_model", "=", "res.partner"), ("res_id", "=", partner.id)])
    assert attachment in found and found.res_name == partner.display_name


def test_rewriting_the_content_updates_checksum_and_size(env):
    attachment = attach(env)
    attachment.write({"datas": base64.b64encode(b"new content").decode()})
    assert attachment.checksum == hashlib.sha1(b"new content").hexdigest()
    assert attachment.file_size == len(b"new content") and attachment.raw == b"new content"


def test_invalid_base64_is_refused_naming_the_field(env):
    with pytest.raises(ValidationError, match="base64"):
        env["ir.attachment"].create({"name": "bad.bin", "datas": "@@not base64@@"})


def test_user_cannot_read_attachment_of_a_record_hidden_to_them(env, as_user):
    # the demo user works in the main company only; this contact belongs to another one
    hidden = env["res.partner"].create({"name": "Branch contact", "company_id": env.ref("base.company_2").id})
    attachment = attach(env, res_model="res.partner", res_id=hidden.id)
    demo = as_user("demo")
    assert not demo["ir.attachment"].search([("id", "=", attachment.id)])
    domain = [("res_model", "=", "res.partner"), ("res_id", "=", hidden.id)]
    assert not demo["ir.attachment"].search_read(domain)
    with pytest.raises(AccessError):
        demo["ir.attachment"].browse(attachment.id).read(["datas"])


def test_user_cannot_attach_to_a_record_they_cannot_write(env, as_user):
    company = env.ref("base.main_company")  # internal users read companies, only managers change them
    with pytest.raises(AccessError):
        attach(as_user("demo"), res_model="res.company", res_id=company.id)


def test_user_reads_attachment_of_a_record_they_can_read(env, as_user):
    partner = env.ref("base.res_partner_2")
    attachment = attach(env, res_model="res.partner", res_id=partner.id)
    read = as_user("demo")["ir.attachment"].browse(attachment.id).read(["datas"])[0]
    assert base64.b64decode(read["datas"]) == CONTENT


def test_html_content_from_a_user_is_served_as_plain_text(env, as_user):
    attachment = attach(as_user("demo"), b"<script>alert(1)</script>", name="page.html")
    assert attachment.mimetype == "text/plain"


def test_attachment_of_no_record_is_private_to_its_creator(env, as_user):
    attachment = attach(env["ir.attachment"].with_user(env.ref("base.user_admin")).env)
    demo = as_user("demo")
    assert not demo["ir.attachment"].search([("id", "=", attachment.id)])
    with pytest.raises(AccessError):
        demo["ir.attachment"].browse(attachment.id).read(["name"])


def test_public_attachment_is_readable_by_everyone(env, as_user):
    attachment = attach(env["ir.attachment"].with_user(env.ref("base.user_admin")).env, public=True)
    assert as_user("demo")["ir.attachment"].browse(attachment.id).read(["name"])[0]["name"] == "dump.bin"


def test_files_behind_binary_fields_are_not_listed(env):
    partner = env.ref("base.res_partner_2")
    attach(env, res_model="res.partner", res_id=partner.id, res_field="image_1920")
    domain = [("res_model", "=", "res.partner"), ("res_id", "=", partner.id)]
    assert not env["ir.attachment"].search(domain)
    assert env["ir.attachment"].search([*domain, ("res_field", "=", "image_1920")])


def test_file_store_cleaning_keeps_files_in_use(env):
    attachment = attach(env, b"kept content")
    path = filestore_path(env, attachment)
    os.utime(path, (0, 0))  # as if unused for ages
    env["ir.attachment"].gc_file_store()
    assert path.exists()


def test_file_store_cleaning_removes_files_no_attachment_uses(env):
    attachment = attach(env, os.urandom(64))
    path = filestore_path(env, attachment)
    attachment.unlink()
    os.utime(path, (0, 0))
    assert env["ir.attachment"].gc_file_store() >= 1
    assert not path.exists()


def test_file_store_cleaning_spares_recently_written_files(env):
    attachment = attach(env, os.urandom(64))
    path = filestore_path(env, attachment)
    attachment.unlink()  # a transaction still running may be about to use it again
    env["ir.attachment"].gc_file_store()
    assert path.exists()


def test_file_store_cleaning_is_for_administrators(as_user):
    with pytest.raises(AccessError):
        as_user("demo")["ir.attachment"].gc_file_store()


def test_export_of_a_hidden_attachment_is_refused(env, as_user):
    hidden = env["res.partner"].create({"name": "Branch contact", "company_id": env.ref("base.company_2").id})
    attachment = attach(env, res_model="res.partner", res_id=hidden.id)
    with pytest.raises(AccessError):
        as_user("demo")["ir.attachment"].browse(attachment.id).export_data(["name", "datas"])


def test_file_store_is_cleaned_by_a_daily_scheduled_action(env):
    job = env.ref("base.ir_cron_attachment_gc")
    assert (job.model_name, job.method, job.interval_type, job.active) == (
        "ir.attachment", "gc_file_store", "days", True)
    attachment = attach(env, os.urandom(64))
    path = filestore_path(env, attachment)
    attachment.unlink()
    os.utime(path, (0, 0))
    job.method_direct_trigger()
    assert not path.exists()
