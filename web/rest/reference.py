"""The API reference of a database for its logged-in users, at ``/doc``: the models they may read and,
for each, its fields and the methods a script may call, with ready-to-run JSON-2 examples (what Odoo
19 shows at ``/doc``). Built from the same catalog as JSON-2's ``/doc-bearer`` and the OpenAPI
document, so custom fields and models appear as soon as they exist."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Flask, request

from core.i18n import _
from core.records.environment import Environment
from core.rpc import catalog, dispatch
from core.rpc.errors import UnknownModel
from web import i18n
from web.client.errors import error_page, install_error_pages
from web.client.pages import page
from web.client.request_env import with_env

bp = Blueprint("api_reference", __name__, url_prefix="/doc", template_folder="templates")
bp.before_request(i18n.begin_request_lang)
install_error_pages(bp)
EXAMPLE_FIELDS = 4
# fields most models people script against have, shown first in the examples
COMMON_FIELDS = ("email", "phone", "partner_id", "user_id", "stage_id", "state", "date", "company_id")


@bp.errorhandler(UnknownModel)
def _unknown(error: UnknownModel) -> Any:
    return error_page(404, _("Not found"), str(error))


@bp.get("")
@with_env(readonly=True)
def index(env: Environment) -> Any:
    term = request.args.get("q", "").strip().lower()

    models = [{"model": name, "name": env[name]._model_description()}
              for name in catalog.readable_models(env)]
    if term:
        models = [m for m in models if term in m["model"].lower() or term in str(m["name"]).lower()]
    return page(env, "rest/reference_index.html", title=_("API reference"), models=models, term=term,
                db=env.registry.db_name)


@bp.get("/<model>")
@with_env(readonly=True)
def model(env: Environment, model: str) -> Any:
    dispatch.model_of(env, model).check_access_rights("read")
    described = catalog.describe_model(env, model)
    fields = dict(sorted(described["fields"].items()))
    return page(env, "rest/reference_model.html", title=f"{described['name']} ({model})",
                described=described, fields=fields, examples=examples(env, model, fields))


def examples(env: Environment, model: str, fields: dict[str, Any]) -> dict[str, str]:
    """A ``search_read`` through JSON-2, as curl and Python (requests) would send it."""
    base = request.host_url.rstrip("/")
    names = [n for n in ("name", "display_name") if n in fields][:1]
    names += [n for n in COMMON_FIELDS if n in fields][: EXAMPLE_FIELDS - len(names)]
    names += [n for n, f in fields.items() if n not in names and n != "id" and f.get("type") not in (
        "one2many", "many2many", "binary", "html")][: EXAMPLE_FIELDS - len(names)]
    body = {"domain": [], "fields": names, "limit": 5}
    url = f"{base}/json/2/{model}/search_read"
    database = env.registry.db_name
    curl = (f"curl -X POST {url} \\\n  -H 'Authorization: bearer YOUR_API_KEY' \\\n"
            f"  -H 'X-Odoo-Database: {database}' \\\n  -H 'Content-Type: application/json' \\\n"
            f"  -d '{json.dumps(body)}'")
    headers = json.dumps({"Authorization": "bearer YOUR_API_KEY", "X-Odoo-Database": database})
    python = (f"import requests\n\nresponse = requests.post(\n    \"{url}\",\n    headers={headers},\n"
              f"    json={json.dumps(body)},\n    timeout=30,\n)\nresponse.raise_for_status()\n"
              f"print(response.json())")
    return {"curl": curl, "python": python}


def register(app: Flask) -> None:
    app.register_blueprint(bp)
