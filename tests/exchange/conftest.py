"""Fixtures of the data exchange tests: a database with the core test models (test.record with
its lines), environments rolled back after each test, and tiny image files."""
from __future__ import annotations

import io
from collections.abc import Callable, Iterator

import pytest

from core.records.environment import Environment
from core.registry.registry import Registry
from tests.databases import rolled_back_env, scratch_database
from tests.exchange.rpc_client import TRANSPORTS, Client, Server, serve


@pytest.fixture(scope="session")
def models_registry(template_url: str) -> Iterator[Registry]:
    """A copy of the template with the test models of tests/addons/test_core installed; never committed to."""
    with scratch_database("exchange", copy_of=template_url, then_install=["test_core"]) as url:
        yield Registry.get(url)


@pytest.fixture
def tenv(models_registry: Registry) -> Iterator[Environment]:
    """A superuser environment on the test-models database, rolled back after the test."""
    with rolled_back_env(models_registry) as environment:
        yield environment


@pytest.fixture
def make_image() -> Callable[..., bytes]:
    """``make_image(300, 200)``: the bytes of a PNG (or ``fmt="JPEG"``) of that size."""
    from PIL import Image

    def make(width: int, height: int, fmt: str = "PNG") -> bytes:
        buffer = io.BytesIO()
        Image.new("RGB", (width, height), (200, 30, 30)).save(buffer, format=fmt)
        return buffer.getvalue()

    return make


@pytest.fixture(scope="module")
def rpc_server(template_url: str) -> Iterator[Server]:
    """The web app over a private copy of the template (calls commit), for the tests of one module."""
    from core.db.engine import database_name

    with scratch_database("rpc", copy_of=template_url) as url, serve(url) as base:
        yield Server(base, database_name(url), url)


@pytest.fixture(params=TRANSPORTS)
def rpc(request: pytest.FixtureRequest, rpc_server: Server) -> Client:
    """An admin client of the module's server, once over XML-RPC and once over JSON-RPC."""
    return Client(rpc_server, request.param)


@pytest.fixture
def demo_rpc(rpc: Client) -> Client:
    """The demo user's client over the same transport as ``rpc``."""
    return Client(rpc.server, rpc.transport, "demo", "demo")
