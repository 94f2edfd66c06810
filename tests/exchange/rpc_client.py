"""The two ways scripts talk to the server in these tests: XML-RPC (``/xmlrpc/2``) and JSON-RPC
(``/jsonrpc``), behind one call signature, with their faults turned into one exception."""
from __future__ import annotations

import itertools
import json
import threading
import urllib.request
import xmlrpc.client
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from werkzeug.serving import make_server

TRANSPORTS = ("xmlrpc", "jsonrpc")


class RpcFault(Exception):
    """A fault of either transport: XML-RPC's code, or JSON-RPC's ``data.name``, and the message."""

    def __init__(self, code: Any, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code, self.message = code, message


@dataclass
class Server:
    base: str  # http://127.0.0.1:<port>
    db: str  # the database name clients pass
    url: str  # its SQLAlchemy URL


@contextmanager
def serve(db_url: str) -> Iterator[str]:
    """The web app for ``db_url`` on a free loopback port, in a thread; yields its base URL."""
    from web.app import create_app

    app = create_app(db_url, {"TESTING": True})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


class Client:
    """``client("res.partner", "search_read", domain, fields=[...])`` over one transport."""

    _ids = itertools.count(1)

    def __init__(self, server: Server, transport: str, login: str = "admin", password: str = "admin") -> None:
        self.server, self.transport, self.password = server, transport, password
        self.uid = self.service("common", "authenticate", server.db, login, password, {})
        if not self.uid:
            raise RpcFault(3, f"login {login!r} refused")

    def service(self, service: str, method: str, *args: Any) -> Any:
        if self.transport == "xmlrpc":
            proxy = xmlrpc.client.ServerProxy(f"{self.server.base}/xmlrpc/2/{service}", allow_none=False)
            try:
                return getattr(proxy, method)(*args)
            except xmlrpc.client.Fault as fault:
                raise RpcFault(fault.faultCode, fault.faultString) from None
        payload = {"jsonrpc": "2.0", "method": "call", "id": next(self._ids),
                   "params": {"service": service, "method": method, "args": list(args)}}
        request = urllib.request.Request(f"{self.server.base}/jsonrpc", data=json.dumps(payload).encode(),
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=120) as response:
            answer = json.loads(response.read())
        if "error" in answer:
            data = answer["error"].get("data") or {}
            raise RpcFault(data.get("name") or answer["error"].get("code"), data.get("message") or "")
        return answer.get("result")

    def __call__(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.service("object", "execute_kw", self.server.db, self.uid, self.password, model, method,
                            list(args), kwargs)


def is_user_error(fault: RpcFault) -> bool:
    """Odoo's answer to a UserError/ValidationError: fault 2, or a JSON error of such a class."""
    names = ("odoo.exceptions.UserError", "odoo.exceptions.ValidationError", "odoo.exceptions.MissingError")
    return fault.code == 2 or str(fault.code) in names


def is_access_error(fault: RpcFault) -> bool:
    return fault.code == 4 or fault.code == "odoo.exceptions.AccessError"
