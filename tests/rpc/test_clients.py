"""Widely used Odoo client libraries from PyPI, unchanged, against the live server."""

from __future__ import annotations

from urllib.parse import urlparse

import odoolib
import odooly
import odoorpc
import pytest
from odoolib.tools import AuthenticationError


def host_port(server) -> tuple[str, int]:
    parsed = urlparse(server.base)
    return parsed.hostname, parsed.port


# -- odoorpc: /web/webclient/version_info, /web/session/authenticate, /web/dataset/call_kw ----
@pytest.fixture
def odoo(server) -> odoorpc.ODOO:
    host, port = host_port(server)
    client = odoorpc.ODOO(host, port=port)
    client.login(server.db, "admin", "admin")
    return client


def test_odoorpc_lists_databases(server):
    host, port = host_port(server)
    assert server.db in odoorpc.ODOO(host, port=port).db.list()


def test_odoorpc_login_gives_user_and_context(odoo):
    assert odoo.env.user.name == "Administrator"
    assert odoo.env.context["uid"] == 2


def test_odoorpc_browse_and_search(odoo):
    partners = odoo.env["res.partner"]
    ids = partners.search([("is_company", "=", True)], limit=3)
    assert len(ids) == 3
    assert all(record.name for record in partners.browse(ids))


def test_odoorpc_create_write_unlink(odoo):
    partners = odoo.env["res.partner"]
    pid = partners.create({"name": "From odoorpc"})
    record = partners.browse(pid)
    record.name = "Renamed by odoorpc"
    assert partners.read([pid], ["name"])[0]["name"] == "Renamed by odoorpc"
    record.unlink()
    assert not partners.search([("id", "=", pid)])


def test_odoorpc_many2one_follows(odoo):
    partner = odoo.env["res.partner"].browse(
        odoo.env["res.partner"].search([("country_id.code", "=", "ES")], limit=1)
    )
    assert partner.country_id.code == "ES"


def test_odoorpc_error_is_rpc_error(odoo):
    with pytest.raises(odoorpc.error.RPCError) as error:
        odoo.execute_kw("res.partner", "_search", [[]])
    assert "Private methods" in str(error.value)


def test_odoorpc_wrong_password(server):
    host, port = host_port(server)
    with pytest.raises(odoorpc.error.RPCError):
        odoorpc.ODOO(host, port=port).login(server.db, "admin", "wrong")


# -- odoo-client-lib: XML-RPC and JSON-RPC connectors ---------------------------------------------
@pytest.mark.parametrize("protocol", ["xmlrpc", "jsonrpc"])
def test_odoolib_search_read(server, protocol):
    host, port = host_port(server)
    connection = odoolib.get_connection(
        hostname=host, port=port, database=server.db, login="admin", password="admin", protocol=protocol
    )
    rows = connection.get_model("res.partner").search_read([("is_company", "=", True)], ["name"])
    assert rows and "name" in rows[0]


@pytest.mark.parametrize("protocol", ["xmlrpc", "jsonrpc"])
def test_odoolib_create_and_count(server, protocol):
    host, port = host_port(server)
    connection = odoolib.get_connection(
        hostname=host, port=port, database=server.db, login="admin", password="admin", protocol=protocol
    )
    partners = connection.get_model("res.partner")
    before = partners.search_count([])
    partners.create({"name": f"From odoolib {protocol}"})
    assert partners.search_count([]) == before + 1


def test_odoolib_wrong_password_raises(server):
    host, port = host_port(server)
    connection = odoolib.get_connection(
        hostname=host, port=port, database=server.db, login="admin", password="wrong", protocol="xmlrpc"
    )
    with pytest.raises(AuthenticationError):
        connection.check_login(force=True)


# -- odooly: /web/session/authenticate and /web/dataset/call_kw/<model>/<method> -----------------
@pytest.fixture
def odooly_client(server) -> odooly.Client:
    return odooly.Client(f"{server.base}/", server.db, "admin", "admin")


def test_odooly_counts_and_reads(odooly_client):
    partners = odooly_client.env["res.partner"]
    assert partners.search_count([]) > 0
    assert "Azure Interior" in partners.search([("is_company", "=", True)]).name


def test_odooly_create_and_write(odooly_client):
    partners = odooly_client.env["res.partner"]
    record = partners.create({"name": "From odooly"})
    record.write({"email": "odooly@example.com"})
    assert partners.browse(record.id).email == "odooly@example.com"


def test_odooly_model_introspection(odooly_client):
    assert "res.partner" in odooly_client.env.models("res.partner")
