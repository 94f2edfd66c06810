"""A database customised over XML-RPC and in the studio, exported with ``erp export-customizations -o`` and
installed into a fresh database: both databases then have the same models, fields, views, actions, menus,
record rules and access rights."""

from __future__ import annotations

import xmlrpc.client
from typing import Any

import yaml
from click.testing import CliRunner

from core.addon.lifecycle import install
from core.cli.main import cli
from core.registry.registry import Registry
from tests.web.studio.test_studio_export import customize as customize_in_studio

PROJECT_LIST = """<list string="Projects"><field name="x_name"/><field name="x_partner_id"/>
<field name="x_budget" sum="Total"/></list>"""
PARTNER_FORM_EXTENSION = """<data><field name="email" position="after"><field name="x_vip"/></field></data>"""


class XmlRpc:
    """``rpc(model, method, *args, **kwargs)``: execute_kw as the admin over the app's /xmlrpc/2/object."""

    def __init__(self, app: Any, db: str) -> None:
        self.client, self.db = app.test_client(), db
        self.uid = self.call("common", "authenticate", db, "admin", "admin", {})

    def call(self, service: str, method: str, *args: Any) -> Any:
        body = xmlrpc.client.dumps(args, method, allow_none=False)
        response = self.client.post(f"/xmlrpc/2/{service}", data=body, content_type="text/xml")
        return xmlrpc.client.loads(response.data)[0][0]

    def __call__(self, model: str, method: str, *args: Any, **kwargs: Any) -> Any:
        return self.call(
            "object", "execute_kw", self.db, self.uid, "admin", model, method, list(args), kwargs
        )


def customize_over_rpc(rpc: XmlRpc) -> None:
    """What a consultant's script does: a model with fields, its access, rule, action, menus and views."""
    model_id = rpc(
        "ir.model",
        "create",
        {
            "name": "Project",
            "model": "x_project",
            "field_id": [
                (0, 0, {"name": "x_name", "ttype": "char", "field_description": "Name", "required": True}),
                (0, 0, {"name": "x_budget", "ttype": "float", "field_description": "Budget"}),
                (
                    0,
                    0,
                    {
                        "name": "x_partner_id",
                        "ttype": "many2one",
                        "relation": "res.partner",
                        "field_description": "Customer",
                    },
                ),
            ],
        },
    )
    rpc(
        "ir.model.fields",
        "create",
        {"model": "res.partner", "name": "x_vip", "ttype": "boolean", "field_description": "VIP"},
    )
    [user_group] = rpc(
        "ir.model.data", "search_read", [("module", "=", "base"), ("name", "=", "group_user")], ["res_id"]
    )
    rpc(
        "ir.model.access",
        "create",
        {
            "name": "projects for employees",
            "model_id": model_id,
            "group_id": user_group["res_id"],
            "perm_read": True,
            "perm_write": True,
            "perm_create": True,
            "perm_unlink": False,
        },
    )
    rpc(
        "ir.rule",
        "create",
        {
            "name": "projects with a customer",
            "model_id": model_id,
            "domain_force": "[('x_partner_id', '!=', False)]",
            "groups": [(4, user_group["res_id"])],
            "perm_unlink": False,
        },
    )
    list_id = rpc(
        "ir.ui.view",
        "create",
        {"name": "x_project.list", "model": "x_project", "type": "list", "arch": PROJECT_LIST},
    )
    rpc(
        "ir.ui.view",
        "create",
        {
            "name": "res.partner.form.vip",
            "inherit_id": _ref(rpc, "base", "view_partner_form"),
            "arch": PARTNER_FORM_EXTENSION,
        },
    )
    action = rpc(
        "ir.actions.act_window",
        "create",
        {
            "name": "Projects",
            "res_model": "x_project",
            "view_mode": "list,form",
            "view_id": list_id,
            "domain": "[('x_budget', '>', 0)]",
        },
    )
    root = rpc(
        "ir.ui.menu",
        "create",
        {"name": "Projects", "sequence": 70, "action": f"ir.actions.act_window,{action}"},
    )
    rpc("ir.ui.menu", "create", {"name": "All projects", "parent_id": root, "action_id": action})
    vip = rpc(
        "ir.actions.act_window",
        "create",
        {
            "name": "VIP contacts",
            "res_model": "res.partner",
            "view_mode": "list,form",
            "domain": "[('x_vip', '=', True)]",
        },
    )
    rpc(
        "ir.ui.menu",
        "create",
        {
            "name": "VIP contacts",
            "parent_id": _ref(rpc, "base", "menu_contacts"),
            "action_id": vip,
            "sequence": 5,
        },
    )


def _ref(rpc: XmlRpc, module: str, name: str) -> int:
    [row] = rpc("ir.model.data", "search_read", [("module", "=", module), ("name", "=", name)], ["res_id"])
    return row["res_id"]


def snapshot(env: Any) -> dict[str, Any]:
    """What a user of the database meets, by names (ids differ between databases)."""
    env = env(context={"active_test": False, "lang": "en_US"})

    def names(records: Any) -> tuple[str, ...]:
        return tuple(sorted(records.mapped("display_name")))

    def view_key(view: Any) -> tuple[Any, ...]:
        return (
            view.name,
            view.model,
            view.type,
            view.mode,
            view.priority,
            view.inherit_id.name or "",
            repr(view.arch),
            view.active,
        )

    return {
        "models": sorted((m.model, m.name, bool(m.is_mail_thread)) for m in env["ir.model"].search([])),
        "fields": sorted(
            (f.model, f.name, f.ttype, f.relation or "", f.field_description, bool(f.required))
            for f in env["ir.model.fields"].search([])
        ),
        "menus": sorted(
            (
                m.complete_name,
                m.parent_id.complete_name or "",
                m.action_id.name or "",
                m.action_id.res_model or "",
                m.sequence,
                m.active,
            )
            for m in env["ir.ui.menu"].search([])
        ),
        "actions": sorted(
            (a.name, a.res_model, a.view_mode, a.domain or "", a.context or "", a.view_id.name or "")
            for a in env["ir.actions.act_window"].search([])
        ),
        "views": sorted(view_key(v) for v in env["ir.ui.view"].search([])),
        "rules": sorted(
            (
                r.name,
                r.model_id.model,
                r.domain_force,
                names(r.groups),
                r.perm_read,
                r.perm_write,
                r.perm_create,
                r.perm_unlink,
            )
            for r in env["ir.rule"].search([])
        ),
        "access": sorted(
            (
                a.model_id.model,
                a.group_id.display_name or "",
                a.perm_read,
                a.perm_write,
                a.perm_create,
                a.perm_unlink,
            )
            for a in env["ir.model.access"].search([])
        ),
    }


def test_a_customised_database_is_reproduced_by_its_export(
    studio_post, admin, app, web_registry, fresh_registry, tmp_path
):
    customize_over_rpc(XmlRpc(app, web_registry.db_name))
    customize_in_studio(studio_post, admin)
    for view_type, action, data in (
        ("search", "remove", {"name": "group_by/user_id"}),
        ("search", "filter", {"label": "VIP", "domain": "[('x_vip', '=', True)]"}),
        ("kanban", "place", {"name": "x_vip", "position": "after:email"}),
    ):
        assert studio_post("res.partner", view_type, action, **data).status_code == 302
    url = Registry.get(web_registry.url).url
    result = CliRunner().invoke(
        cli, ["export-customizations", "--db", url, "-o", str(tmp_path / "our_setup")]
    )
    assert result.exit_code == 0, result.output
    document = yaml.safe_load((tmp_path / "our_setup" / "views" / "customizations.yaml").read_text())
    vip_menu = next(menu for menu in document["menus"] if menu["name"] == "VIP contacts")
    assert vip_menu["parent"] == "base.menu_contacts"
    rules = yaml.safe_load((tmp_path / "our_setup" / "security" / "rules.yaml").read_text())
    assert rules[0]["values"]["model_id"] == {"ref": "model_x_project"}

    other = fresh_registry()
    other.addons_path = str(tmp_path)
    other = install(other, ["our_setup"])
    with Registry.get(url).check_signals().environment() as env:
        before = snapshot(env)
    with other.environment() as env:
        after = snapshot(env)
    for key in before:
        assert after[key] == before[key], key
    assert ("Contacts/VIP contacts", "Contacts", "VIP contacts", "res.partner", 5, True) in after["menus"]
    assert (
        "projects with a customer",
        "x_project",
        "[('x_partner_id', '!=', False)]",
        ("User types / Internal User",),
        True,
        True,
        True,
        False,
    ) in after["rules"]
