"""Odoo XML inheritance specs (``<xpath>`` and ``<field position="after">``) read into our changes.

Our extensions name their target (a field, a container id, or a top-level list such as ``sheet``);
an Odoo spec whose target is a field, group, page, notebook, button or filter by name, or the form's
sheet or header, converts. Other XPath expressions are refused with the forms that are accepted."""
from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from core.addon.arch_nodes import ArchError
from core.addon.odoo_xml import condition, list_columns, literal, parse_xml

NAMED = re.compile(
    r"""^//?(?:[a-z]+/)*(field|group|page|notebook|button|filter|separator)\[@name=(['"])([\w.]+)\2\]$"""
)
NAMED_TAGS = ("field", "group", "page", "notebook", "button", "filter", "separator")
TOP_LEVEL = {"sheet": "sheet", "header": "header", "tree": "columns", "list": "columns"}
POSITIONS = ("after", "before", "inside", "replace", "attributes")
SETTABLE = frozenset({"string", "widget", "placeholder", "domain", "nolabel", "options", "context",
                      "invisible", "readonly", "required", "optional", "confirm"})
SUPPORTED_XPATH = ("//field[@name='x'], //group[@name='x'], //page[@name='x'], //notebook[@name='x'], "
                   "//button[@name='x'], //filter[@name='x'], //sheet, //header")


def xml_to_changes(text: str, view_type: str) -> list[dict[str, Any]]:
    """Our changes for an Odoo inheritance arch applied to a view of ``view_type``."""
    if view_type == "kanban":
        raise ArchError([], "kanban views cannot be extended with Odoo XML; write the whole view instead")
    root = parse_xml(text)
    specs = list(root) if root.tag == "data" else [root]
    changes: list[dict[str, Any]] = []
    for spec in specs:
        changes.extend(_change(spec, view_type))
    if not changes:
        raise ArchError([], "the inheritance arch holds no change (<xpath> or <field position=...>)")
    return changes


def _target(spec: Element) -> str:
    if spec.tag == "xpath":
        expr = (spec.get("expr") or "").strip()
        match = NAMED.match(expr)
        if match:
            return match.group(3)
        last = expr.rstrip("/").split("/")[-1]
        if expr.startswith("/") and last in TOP_LEVEL:
            return TOP_LEVEL[last]
        raise ArchError([], f"xpath {expr!r} is not supported; supported: {SUPPORTED_XPATH}")
    if spec.tag in NAMED_TAGS and spec.get("name"):
        return spec.get("name", "")
    if spec.tag in TOP_LEVEL:
        return TOP_LEVEL[spec.tag]
    raise ArchError([], f"<{spec.tag}> cannot name what to change; use <xpath expr=...> or an element with "
                        "a name and a position")


def _change(spec: Element, view_type: str) -> list[dict[str, Any]]:
    target = _target(spec)
    position = spec.get("position", "inside")
    if position not in POSITIONS:
        raise ArchError([], f"position '{position}' is not supported; supported: {', '.join(POSITIONS)}")
    if position == "attributes":
        return [{"attributes": target, "set": _attributes(spec, target)}]
    nodes = _nodes(spec, view_type)
    if position == "replace" and not nodes:
        return [{"remove": target}]
    if not nodes:
        raise ArchError([], f"the change {position} '{target}' adds nothing")
    return [{position: target, "nodes": nodes}]


def _attributes(spec: Element, target: str) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for child in spec:
        name = child.get("name", "")
        if child.tag != "attribute" or name not in SETTABLE:
            raise ArchError([], f"<attribute name=\"{name}\"> on '{target}' is not supported; supported: "
                                f"{', '.join(sorted(SETTABLE))}")
        if child.get("add") or child.get("remove"):
            raise ArchError([], f"<attribute name=\"{name}\"> with add/remove is not supported: give the "
                                "whole value")
        text = (child.text or "").strip()
        if name in ("invisible", "readonly", "required", "nolabel"):
            values[name] = condition(text)
        elif name in ("options", "context"):
            holder = Element("attribute", {name: text})
            values[name] = literal(holder, name)
        else:
            values[name] = text
    return values


def _nodes(spec: Element, view_type: str) -> list[dict[str, Any]]:
    if view_type == "list":
        return list_columns(spec)
    if view_type == "search":
        from core.addon.odoo_xml_form import convert_search

        arch = convert_search(spec)
        kinds = [key for key in ("fields", "filters", "group_by") if arch.get(key)]
        if len(kinds) > 1:
            raise ArchError([], "one change adds either search fields or filters, not both")
        return arch[kinds[0]] if kinds else []
    from core.addon.odoo_xml_form import FormReader

    reader = FormReader()
    nodes = reader.nodes(spec)
    if set(reader.arch) - {"sheet"}:
        raise ArchError([], "a change cannot add a title or smart buttons; target the title's field instead")
    return nodes
