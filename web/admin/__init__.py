"""The technical back office (Settings › Technical): users, groups, access rights, record rules, models,
fields, views, menus, sequences, external ids and the migration log, as flask-admin views whose every
query and write goes through the record API as the logged-in user."""

from __future__ import annotations

from flask import Blueprint, Flask
from flask_admin import Admin

from web.admin.index import TechnicalIndexView
from web.admin.model_view import RecordModelView
from web.admin.site import TECHNICAL, TechnicalModel


def register(app: Flask) -> None:
    from web.admin.links import technical_links

    admin = Admin(app, name="Technical", index_view=TechnicalIndexView(), url="/web/technical")
    app.extensions["erp_backoffice"] = admin
    for spec in TECHNICAL:
        admin.add_view(RecordModelView(spec))
    assets = Blueprint(
        "backoffice", __name__, static_folder="static", static_url_path="/web/technical/assets"
    )
    app.register_blueprint(assets)
    app.context_processor(lambda: {"technical_links": technical_links})


def add_technical_model(app: Flask, spec: TechnicalModel) -> None:
    """Show an addon's model in the back office (from the addon's ``erp.blueprints`` register function;
    its pages answer only where the addon is installed)."""
    app.extensions["erp_backoffice"].add_view(RecordModelView(spec))
