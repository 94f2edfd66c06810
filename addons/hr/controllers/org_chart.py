"""The organisation chart: employees nested under their managers, as the user may read them. With
``?employee=<id>`` it shows that employee's chain of managers and their team below."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import request

from core.exceptions import MissingError
from core.i18n import _
from core.records.environment import Environment
from web.addon_pages import addon_blueprint
from web.client.actions import model_action
from web.client.nav import Nav
from web.client.pages import page
from web.client.request_env import with_env

bp = addon_blueprint("hr", __name__, "/hr", assets=True)
FIELDS = ["name", "job_title", "parent_id", "department_id", "image_128"]


@dataclass
class Node:
    """One employee of the chart and the people reporting to them."""

    id: int
    name: str
    job: str
    department: str
    has_photo: bool
    url: str
    children: list[Node] = field(default_factory=list)
    focused: bool = False


def build_tree(rows: list[dict[str, Any]], url_of: Any, focus: int | None = None) -> list[Node]:
    """Nested nodes from ``read`` rows (many2one as (id, name)); an employee whose manager is not among
    the rows is a root. With ``focus``, only that employee's managers and everyone under them remain."""
    nodes = {row["id"]: Node(row["id"], row["name"], row.get("job_title") or "",
                             (row.get("department_id") or (0, ""))[1], bool(row.get("image_128")),
                             url_of(row["id"])) for row in rows}
    parent = {row["id"]: (row["parent_id"] or (None,))[0] for row in rows}
    if focus in nodes:
        keep = {focus}
        cursor = parent.get(focus)
        while cursor in nodes and cursor not in keep:  # the chain up to the top
            keep.add(cursor)
            cursor = parent.get(cursor)
        changed = True
        while changed:  # and everyone below the focused employee
            changed = False
            for child, boss in parent.items():
                if child not in keep and boss in keep and _under(boss, focus, parent):
                    keep.add(child)
                    changed = True
        nodes = {key: node for key, node in nodes.items() if key in keep}
        nodes[focus].focused = True
    roots: list[Node] = []
    for key, node in nodes.items():
        boss = parent.get(key)
        (nodes[boss].children if boss in nodes and boss != key else roots).append(node)
    return roots


def _under(employee: int, top: int, parent: dict[int, Any]) -> bool:
    seen: set[int] = set()
    while employee is not None and employee not in seen:
        if employee == top:
            return True
        seen.add(employee)
        employee = parent.get(employee)
    return False


@bp.route("/org-chart")
@with_env(readonly=True)
def org_chart(env: Environment) -> Any:
    """The organisation chart page."""
    focus = request.args.get("employee", type=int)
    if "hr.employee" not in env:  # the routes are mounted for every database, the addon may be absent
        raise MissingError(_("Employees are not installed in this database."))
    employees = env["hr.employee"]
    rows = employees.search_read([], FIELDS, order="name")
    nav = Nav(model_action(env, "hr.employee"))
    roots = build_tree(rows, nav.record_url, focus)
    return page(env, "hr/org_chart.html", None, _("Organisation Chart"), roots=roots, focus=focus,
                nav_model="hr.employee")
