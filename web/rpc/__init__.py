"""Odoo's external API over HTTP: XML-RPC, JSON-RPC, the web client's JSON routes and JSON-2."""

from __future__ import annotations

from flask import Flask

from web.rpc import csrf, json2, jsonrpc, web_routes, xmlrpc


def register(app: Flask) -> None:
    """Mount the RPC endpoints on ``app``, outside CSRF protection (they are not forms)."""
    for blueprint in (xmlrpc.bp, jsonrpc.bp, web_routes.bp, json2.bp):
        app.register_blueprint(blueprint)
        csrf.exempt(app, blueprint)
