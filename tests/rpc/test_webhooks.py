"""Webhooks: signed deliveries of create/write/unlink, retried by the job queue (inline or RQ on Redis)."""

from __future__ import annotations

import hashlib
import hmac
import http.server
import json
import threading
import uuid
from collections.abc import Iterator

import pytest

from core.jobs import queue as jobs_queue


class Receiver:
    """An HTTP endpoint on 127.0.0.1 recording what it receives; answers ``statuses`` in turn, then 200."""

    def __init__(self) -> None:
        self.received: list[tuple[dict[str, str], bytes]] = []
        self.statuses: list[int] = []
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.statuses.pop(0) if receiver.statuses else 200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def events(self) -> list[tuple[str, int]]:
        return [(json.loads(body)["event"], json.loads(body)["id"]) for _headers, body in self.received]


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    receiver = Receiver()
    yield receiver
    receiver.server.shutdown()
    receiver.server.server_close()


@pytest.fixture
def webhook(admin, receiver) -> Iterator[int]:
    hook = admin(
        "ir.webhook",
        "create",
        {"name": "Partners", "model_name": "res.partner", "url": receiver.url, "field_names": "name,email"},
    )
    yield hook
    admin("ir.webhook", "unlink", [hook])


def deliveries(admin, hook: int) -> list[dict]:
    return admin(
        "ir.webhook.delivery",
        "search_read",
        [["webhook_id", "=", hook]],
        fields=["event", "state", "attempts", "res_id", "response_status"],
        order="id",
    )


def test_create_write_unlink_are_delivered(admin, webhook, receiver):
    pid = admin("res.partner", "create", {"name": "Hooked"})
    admin("res.partner", "write", [pid], {"email": "hooked@example.com"})
    admin("res.partner", "unlink", [pid])
    assert receiver.events() == [("create", pid), ("write", pid), ("unlink", pid)]
    assert [d["state"] for d in deliveries(admin, webhook)] == ["done", "done", "done"]


def test_payload_carries_the_chosen_fields(admin, webhook, receiver):
    pid = admin("res.partner", "create", {"name": "Payload", "email": "p@example.com"})
    body = json.loads(receiver.received[-1][1])
    assert body["model"] == "res.partner" and body["data"] == {
        "id": pid,
        "name": "Payload",
        "email": "p@example.com",
    }


def test_write_payload_names_the_changed_fields(admin, webhook, receiver):
    pid = admin("res.partner", "create", {"name": "Changed"})
    admin("res.partner", "write", [pid], {"email": "c@example.com"})
    assert json.loads(receiver.received[-1][1])["changed_fields"] == ["email"]


def test_signature_is_hmac_sha256_of_timestamp_and_body(admin, webhook, receiver):
    secret = admin("ir.webhook", "action_generate_secret", [webhook])  # shown once: the field is write-only
    assert len(secret) == 64 and admin("ir.webhook", "read", [webhook], ["secret"])[0]["secret"] == ""
    admin("res.partner", "create", {"name": "Signed"})
    headers, body = receiver.received[-1]
    expected = hmac.new(secret.encode(), headers["X-Erp-Timestamp"].encode() + b"." + body, hashlib.sha256)
    assert headers["X-Erp-Signature"] == f"sha256={expected.hexdigest()}"
    assert headers["X-Erp-Event"] == "create"


def test_a_secret_given_at_creation_signs_the_deliveries(admin, receiver):
    hook = admin("ir.webhook", "create", {"name": "Own secret", "model_name": "res.partner",
                                          "url": receiver.url, "secret": "shared-with-the-receiver"})
    try:
        admin("res.partner", "create", {"name": "Signed with mine"})
        headers, body = receiver.received[-1]
        expected = hmac.new(b"shared-with-the-receiver", headers["X-Erp-Timestamp"].encode() + b"." + body,
                            hashlib.sha256)
        assert headers["X-Erp-Signature"] == f"sha256={expected.hexdigest()}"
    finally:
        admin("ir.webhook", "unlink", [hook])


def test_rolled_back_change_sends_nothing(admin, webhook, receiver):
    import xmlrpc.client

    with pytest.raises(xmlrpc.client.Fault):
        admin("res.partner", "create", [{"name": "Fine"}, {"name": "Broken", "type": "nope"}])
    assert receiver.received == []
    assert deliveries(admin, webhook) == []


def test_other_models_are_not_sent(admin, webhook, receiver):
    admin("res.partner.category", "create", {"name": "Not subscribed"})
    assert receiver.received == []


def test_failed_delivery_stays_pending_and_is_retried_by_the_scheduled_action(admin, webhook, receiver):
    receiver.statuses = [500]
    pid = admin("res.partner", "create", {"name": "Retry Me"})
    [delivery] = deliveries(admin, webhook)
    assert (delivery["state"], delivery["attempts"], delivery["response_status"]) == ("pending", 1, 500)
    admin("ir.webhook.delivery", "write", [delivery["id"]], {"next_attempt": "2000-01-01 00:00:00"})
    cron = admin("ir.model.data", "xmlid_to_res_id", "base.ir_cron_webhook_retry")
    admin("ir.cron", "method_direct_trigger", [cron])
    [delivery] = deliveries(admin, webhook)
    assert (delivery["state"], delivery["attempts"]) == ("done", 2)
    assert receiver.events() == [("create", pid), ("create", pid)]


def test_invalid_url_is_refused(admin):
    import xmlrpc.client

    with pytest.raises(xmlrpc.client.Fault) as error:
        admin(
            "ir.webhook", "create", {"name": "Bad", "model_name": "res.partner", "url": "ftp://example.com/x"}
        )
    assert error.value.faultCode == 2 and "URL" in error.value.faultString


def test_webhook_on_unknown_model_is_refused(admin, receiver):
    import xmlrpc.client

    with pytest.raises(xmlrpc.client.Fault) as error:
        admin("ir.webhook", "create", {"name": "Bad", "model_name": "no.model", "url": receiver.url})
    assert error.value.faultCode == 2


def test_demo_cannot_manage_webhooks(demo, receiver):
    import xmlrpc.client

    with pytest.raises(xmlrpc.client.Fault) as error:
        demo("ir.webhook", "create", {"name": "Mine", "model_name": "res.partner", "url": receiver.url})
    assert error.value.faultCode == 4


@pytest.fixture
def redis_queue(monkeypatch) -> Iterator[str]:
    redis = pytest.importorskip("redis")
    connection = redis.Redis.from_url("redis://127.0.0.1:6379/0")
    try:
        connection.ping()
    except redis.RedisError:
        pytest.skip("no Redis at 127.0.0.1:6379")
    name = f"erp_test_{uuid.uuid4().hex[:8]}"
    monkeypatch.setenv("ERP_REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setenv("ERP_JOBS_QUEUE", name)
    monkeypatch.setattr(jobs_queue, "RETRY_INTERVALS", (0, 0, 0, 0, 0))
    yield name
    from rq import Queue

    Queue(name, connection=connection).empty()


def run_worker(name: str) -> None:
    from redis import Redis
    from rq import Queue, SimpleWorker

    connection = Redis.from_url("redis://127.0.0.1:6379/0")
    SimpleWorker([Queue(name, connection=connection)], connection=connection).work(burst=True)


def test_with_redis_deliveries_wait_for_the_worker(admin, webhook, receiver, redis_queue):
    pid = admin("res.partner", "create", {"name": "Queued"})
    assert receiver.received == []
    assert deliveries(admin, webhook)[0]["state"] == "pending"
    run_worker(redis_queue)
    assert receiver.events() == [("create", pid)]
    assert deliveries(admin, webhook)[0]["state"] == "done"


def test_with_redis_a_failed_delivery_is_retried_by_rq(admin, webhook, receiver, redis_queue):
    receiver.statuses = [503]
    admin("res.partner", "create", {"name": "Queued Retry"})
    run_worker(redis_queue)
    [delivery] = deliveries(admin, webhook)
    assert (delivery["state"], delivery["attempts"]) == ("done", 2)
