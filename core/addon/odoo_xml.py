"""Odoo XML view architectures read into our view definitions.

Scripts written for Odoo create views with an XML ``arch``. The subset our view language can say is
converted (``<form>``, ``<tree>``/``<list>``, ``<kanban>``, ``<search>`` with fields, groups, notebooks,
pages, headers, buttons, filters, separators and layout ``<div>``s); anything else is refused with an
ArchError naming the element or attribute, and what is supported there. The XML is parsed with
defusedxml: no DTDs, entities or external references."""
from __future__ import annotations

import ast
import re
from collections.abc import Callable
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from core.addon.arch_nodes import ArchError

NAME = re.compile(r"^[a-z_][a-z0-9_]*$")
ROOT_TYPES = {"form": "form", "tree": "list", "list": "list", "kanban": "kanban", "search": "search"}
# attributes that only lay things out in Odoo's client: read and dropped
LAYOUT_ATTRIBUTES = frozenset({"class", "colspan", "col", "style", "id", "help", "js_class", "sample",
                               "expand", "create", "edit", "delete", "duplicate", "import", "multi_edit"})
CONDITIONS = ("invisible", "readonly", "required")
FIELD_ATTRIBUTES = frozenset({"name", "string", "widget", "placeholder", "nolabel", "options", "domain",
                              "context", *CONDITIONS})
BUTTON_ATTRIBUTES = frozenset({"name", "string", "type", "class", "confirm", "context", "invisible", "icon"})
BUTTON_CLASSES = {"oe_highlight": "primary", "btn-primary": "primary", "btn-secondary": "secondary",
                  "btn-danger": "danger", "btn-link": "link", "oe_link": "link"}
REFUSED_ATTRIBUTES = {
    "attrs": "Odoo 17 writes conditions as attributes: invisible=\"state == 'done'\"",
    "states": "write invisible=\"state not in ('draft', 'sent')\" instead",
    "groups": "restrict the whole view (groups_id) or the field (groups in its definition) instead",
}


class Names:
    """Ids for containers the XML leaves unnamed (group_1, page_2...), unique within one arch."""

    def __init__(self) -> None:
        self.used: set[str] = set()

    def take(self, element: Element, kind: str) -> str:
        name = element.get("name") or ""
        if NAME.match(name) and name not in self.used:
            self.used.add(name)
            return name
        number = 1
        while f"{kind}_{number}" in self.used:
            number += 1
        self.used.add(f"{kind}_{number}")
        return f"{kind}_{number}"


def parse_xml(text: str) -> Element:
    """The root element of ``text``; ArchError when it is not well-formed or not safe to read."""
    try:
        return fromstring(text.strip(), forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except ParseError as error:
        raise ArchError([], f"the arch is not well-formed XML: {error}") from None
    except DefusedXmlException as error:
        raise ArchError([], f"the arch uses XML features that are refused (DTD, entities): {error}") from None


def view_type_of(root: Element) -> str:
    if root.tag not in ROOT_TYPES:
        raise ArchError([], f"<{root.tag}> views are not supported over the API; supported: "
                            "<form>, <tree>/<list>, <kanban>, <search>")
    return ROOT_TYPES[root.tag]


def xml_to_arch(text: str) -> tuple[str, dict[str, Any]]:
    """(view type, arch) of an Odoo XML view."""
    root = parse_xml(text)
    view_type = view_type_of(root)
    from core.addon.odoo_xml_form import convert_form, convert_search

    converters: dict[str, Callable[[Element], dict[str, Any]]] = {
        "form": convert_form, "list": convert_list, "kanban": convert_kanban, "search": convert_search,
    }
    return view_type, converters[view_type](root)


def _where(element: Element) -> str:
    name = element.get("name") or element.get("string")
    return f"<{element.tag} name=\"{name}\">" if name else f"<{element.tag}>"


def check_attributes(element: Element, allowed: frozenset[str]) -> None:
    for attribute in element.attrib:
        if attribute in allowed or attribute in LAYOUT_ATTRIBUTES:
            continue
        if attribute in REFUSED_ATTRIBUTES:
            raise ArchError([], f"attribute '{attribute}' of {_where(element)} is not supported: "
                                f"{REFUSED_ATTRIBUTES[attribute]}")
        raise ArchError([], f"attribute '{attribute}' of {_where(element)} is not supported; supported: "
                            f"{', '.join(sorted(allowed))}")


def condition(value: str) -> bool | str:
    """An Odoo 17 condition: "1"/"True" and "0"/"False" are constants, the rest an expression."""
    stripped = value.strip()
    if stripped in ("1", "True", "true"):
        return True
    if stripped in ("0", "False", "false", ""):
        return False
    return stripped


def literal(element: Element, attribute: str) -> Any:
    """A Python literal attribute (``options``, ``context``): a dict, else the text kept as is."""
    text = element.get(attribute, "").strip()
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise ArchError([], f"attribute '{attribute}' of {_where(element)} must be a literal such as "
                            f"{{'key': 'value'}}, not {text!r}") from None


def field_node(element: Element,
               sub_list: Callable[[Element], list[dict[str, Any]]] | None = None) -> dict[str, Any]:
    check_attributes(element, FIELD_ATTRIBUTES)
    if not element.get("name"):
        raise ArchError([], "a <field> needs a name")
    node: dict[str, Any] = {"field": element.get("name")}
    for key in ("string", "widget", "placeholder", "domain"):
        if element.get(key):
            node[key] = element.get(key)
    for key in CONDITIONS:
        if element.get(key) is not None:
            node[key] = condition(element.get(key, ""))
    if element.get("nolabel") is not None:
        node["nolabel"] = condition(element.get("nolabel", "")) is True
    for key in ("options", "context"):
        if element.get(key):
            node[key] = literal(element, key)
    for child in element:
        if child.tag in ("tree", "list") and sub_list is not None:
            node["columns"] = sub_list(child)
            for key in ("create", "delete"):  # <tree create="0">: lines cannot be added (removed)
                if condition(child.get(key, "1")) is False:
                    node[key] = False
        elif child.tag in ("form", "kanban"):
            continue  # Odoo's inline sub-forms: we open the line's own form
        else:
            raise ArchError([], f"<{child.tag}> inside {_where(element)} is not supported; a field holds "
                                "only the <tree>/<list> of its lines")
    return node


def button_node(element: Element) -> dict[str, Any]:
    check_attributes(element, BUTTON_ATTRIBUTES)
    name = element.get("name", "")
    if not name:
        raise ArchError([], "a <button> needs a name: the method it calls or the action it opens")
    node: dict[str, Any] = {"button": name}
    if element.get("string"):
        node["string"] = element.get("string")
    kind = element.get("type", "object")
    if kind not in ("object", "action"):
        raise ArchError([], f"button '{name}': type '{kind}' is not supported; supported: object, action")
    if kind == "action":
        if name.startswith("%(") and name.endswith(")d"):
            node["button"] = name[2:-2]
        node["type"] = "action"
    classes = (element.get("class") or "").split()
    style = next((BUTTON_CLASSES[c] for c in classes if c in BUTTON_CLASSES), None)
    if style:
        node["class"] = style
    if element.get("confirm"):
        node["confirm"] = element.get("confirm")
    if element.get("invisible") is not None:
        node["invisible"] = condition(element.get("invisible", ""))
    if element.get("context"):
        node["context"] = literal(element, "context")
    return node


def list_columns(element: Element) -> list[dict[str, Any]]:
    """The columns of a ``<tree>``/``<list>`` (of a view or of an x2many field)."""
    columns: list[dict[str, Any]] = []
    for child in element:
        if child.tag != "field":
            raise ArchError([], f"<{child.tag}> in a list is not supported; a list holds <field> columns")
        check_attributes(child, FIELD_ATTRIBUTES | {"optional", "sum", "column_invisible", "width"})
        if condition(child.get("column_invisible", "0")) is True:
            continue  # never shown
        if child.get("column_invisible") not in (None, "0", "False"):
            raise ArchError([], f"column_invisible of {_where(child)} must be a constant (1 or 0)")
        column: dict[str, Any] = {"field": child.get("name")}
        for key in ("string", "widget"):
            if child.get(key):
                column[key] = child.get(key)
        if child.get("optional") in ("show", "hide"):
            column["optional"] = child.get("optional")
        if child.get("sum"):
            column["sum"] = True
        for key in CONDITIONS:
            if child.get(key) is not None:
                column[key] = condition(child.get(key, ""))
        columns.append(column)
    return columns


def convert_list(root: Element) -> dict[str, Any]:
    decorations = {key[len("decoration-"):]: value for key, value in root.attrib.items()
                   if key.startswith("decoration-")}
    check_attributes(root, frozenset({"string", "editable", "default_order", "limit",
                                      *(f"decoration-{style}" for style in decorations)}))
    arch: dict[str, Any] = {"columns": list_columns(root)}
    if root.get("editable"):
        arch["editable"] = root.get("editable")
    if root.get("default_order"):
        arch["order"] = root.get("default_order")
    if root.get("limit"):
        arch["limit"] = int(root.get("limit", "80"))
    if decorations:
        arch["decorations"] = decorations
    for key in ("create", "delete"):
        if root.get(key) is not None:
            arch[key] = condition(root.get(key, "")) is True
    return arch


def convert_kanban(root: Element) -> dict[str, Any]:
    """Odoo's kanban cards are QWeb templates: we read which fields they show, in order."""
    check_attributes(root, frozenset({"string", "default_group_by", "default_order", "quick_create",
                                      "records_draggable", "group_create", "limit", "on_create"}))
    names: list[str] = []
    for element in root.iter("field"):
        if element.get("name") and element.get("name") not in names:
            names.append(element.get("name", ""))
    if not names:
        raise ArchError([], "a <kanban> needs at least one <field> (the first one is the card's title)")
    arch: dict[str, Any] = {"title": names[0], "fields": [{"field": name} for name in names[1:]]}
    if root.get("default_group_by"):
        arch["group_by"] = root.get("default_group_by")
    if root.get("default_order"):
        arch["order"] = root.get("default_order")
    if root.get("quick_create") is not None:
        arch["quick_create"] = condition(root.get("quick_create", "")) is True
    return arch
