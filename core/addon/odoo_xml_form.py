"""Odoo XML forms and search views read into our view definitions (see ``core.addon.odoo_xml``)."""
from __future__ import annotations

import re
from typing import Any
from xml.etree.ElementTree import Element

from core.addon.arch_nodes import ArchError
from core.addon.odoo_xml import (
    Names,
    button_node,
    check_attributes,
    condition,
    field_node,
    list_columns,
    literal,
)

# elements that only lay out their content: their children are read in their place
WRAPPERS = frozenset({"div", "span", "h1", "h2", "h3", "h4", "p", "t"})
SKIPPED = frozenset({"label", "newline"})
FORM_ELEMENTS = ("field, group, notebook/page, header, button, separator, sheet, div, span, h1-h4, label, "
                 "newline, widget name=\"web_ribbon\"")
CONTAINER_ATTRIBUTES = frozenset({"name", "string", "invisible"})
RIBBON_COLORS = ("success", "danger", "warning", "info", "muted")
GROUP_BY = re.compile(r"^([a-z_][a-z0-9_]*)(?::(day|week|month|quarter|year))?$")


class FormReader:
    def __init__(self) -> None:
        self.names = Names()
        self.arch: dict[str, Any] = {"sheet": []}

    def read(self, root: Element) -> dict[str, Any]:
        check_attributes(root, frozenset({"string"}))
        for child in root:
            if child.tag == "header":
                self.header(child)
            elif child.tag == "sheet":
                check_attributes(child, frozenset())
                self.arch["sheet"].extend(self.nodes(child))
            elif child.tag == "chatter" or "oe_chatter" in (child.get("class") or "").split():
                self.arch["chatter"] = True
            else:
                self.arch["sheet"].extend(self.nodes_of([child]))
        return self.arch

    def header(self, element: Element) -> None:
        header = self.arch.setdefault("header", [])
        for child in element:
            if child.tag == "button":
                header.append(button_node(child))
            elif child.tag == "field" and child.get("widget") == "statusbar":
                check_attributes(child, frozenset({"name", "widget", "options", "statusbar_visible",
                                                   "readonly"}))
                statusbar: dict[str, Any] = {"field": child.get("name")}
                options = literal(child, "options") if child.get("options") else {}
                if isinstance(options, dict) and options.get("clickable") not in (None, False, 0, "0"):
                    statusbar["clickable"] = True
                if child.get("statusbar_visible"):
                    statusbar["visible"] = [v.strip() for v in child.get("statusbar_visible", "").split(",")]
                self.arch["statusbar"] = statusbar
            else:
                raise ArchError([], f"<{child.tag}> in a form's <header> is not supported; a header holds "
                                    "<button>s and one <field widget=\"statusbar\">")

    def nodes(self, element: Element) -> list[dict[str, Any]]:
        return self.nodes_of(list(element))

    def nodes_of(self, elements: list[Element]) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = []
        for element in elements:
            classes = (element.get("class") or "").split()
            if element.tag == "div" and ("oe_button_box" in classes or element.get("name") == "button_box"):
                self.arch.setdefault("smart_buttons", []).extend(
                    button_node(b) for b in element.iter("button"))
            elif element.tag == "div" and "oe_title" in classes:
                self.arch.setdefault("title", []).extend(field_node(f) for f in element.iter("field"))
            elif element.tag == "widget":
                self.ribbon(element)
            elif element.tag == "field":
                result.append(field_node(element, list_columns))
            elif element.tag == "button":
                result.append(button_node(element))
            elif element.tag in ("group", "notebook", "page"):
                result.append(self.container(element))
            elif element.tag == "separator":
                check_attributes(element, frozenset({"name", "string"}))
                node = {"separator": self.names.take(element, "separator")}
                if element.get("string"):
                    node["string"] = element.get("string", "")
                result.append(node)
            elif element.tag in WRAPPERS:
                result.extend(self.nodes(element))
            elif element.tag not in SKIPPED:
                raise ArchError([], f"<{element.tag}> is not supported in a form; supported: {FORM_ELEMENTS}")
        return result

    def ribbon(self, element: Element) -> None:
        """``<widget name="web_ribbon" title="Won" bg_color="text-bg-success" invisible="..."/>``."""
        check_attributes(element, frozenset({"name", "title", "text", "bg_color", "invisible", "tooltip"}))
        if element.get("name") != "web_ribbon":
            raise ArchError([], f"<widget name=\"{element.get('name')}\"> is not supported in a form; "
                                "the supported widget is web_ribbon")
        title = element.get("title") or element.get("text")
        if not title:
            raise ArchError([], "<widget name=\"web_ribbon\"> needs a title")
        node: dict[str, Any] = {"widget": "web_ribbon", "string": title}
        color = next((c for c in RIBBON_COLORS if c in (element.get("bg_color") or "")), None)
        if color:
            node["bg_color"] = color
        if element.get("invisible") is not None:
            node["invisible"] = condition(element.get("invisible", ""))
        self.arch.setdefault("ribbons", []).append(node)

    def container(self, element: Element) -> dict[str, Any]:
        check_attributes(element, CONTAINER_ATTRIBUTES)
        node: dict[str, Any] = {element.tag: self.names.take(element, element.tag)}
        if element.get("string"):
            node["string"] = element.get("string")
        if element.get("invisible") is not None:
            node["invisible"] = condition(element.get("invisible", ""))
        if element.tag == "notebook":
            pages = [child for child in element if child.tag == "page"]
            if len(pages) != len(element):
                raise ArchError([], "a <notebook> holds only <page>s")
            node["children"] = [self.container(page) for page in pages]
        else:
            node["children"] = self.nodes(element)
            if element.tag == "group" and any("group" in child for child in node["children"]):
                node["columns"] = 2
        return node


def convert_form(root: Element) -> dict[str, Any]:
    return FormReader().read(root)


def convert_search(root: Element) -> dict[str, Any]:
    names = Names()
    arch: dict[str, Any] = {"fields": [], "filters": [], "group_by": []}
    _read_search(root, arch, names)
    return {key: value for key, value in arch.items() if value}


def _read_search(element: Element, arch: dict[str, Any], names: Names) -> None:
    for child in element:
        if child.tag == "field":
            check_attributes(child, frozenset({"name", "string", "operator", "filter_domain"}))
            node = {key: child.get(key) for key in ("string", "operator", "filter_domain") if child.get(key)}
            arch["fields"].append({"field": child.get("name"), **node})
        elif child.tag == "filter":
            _read_filter(child, arch, names)
        elif child.tag == "separator":
            arch["filters"].append({"separator": names.take(child, "separator")})
        elif child.tag == "group":
            _read_search(child, arch, names)
        else:
            raise ArchError([], f"<{child.tag}> is not supported in a search view; supported: field, filter, "
                                "separator, group")


def _read_filter(element: Element, arch: dict[str, Any], names: Names) -> None:
    check_attributes(element, frozenset({"name", "string", "domain", "context"}))
    context = literal(element, "context") if element.get("context") else {}
    group_by = context.get("group_by") if isinstance(context, dict) else None
    label = element.get("string") or element.get("name") or ""
    if group_by:
        match = GROUP_BY.match(str(group_by))
        if not match:
            raise ArchError([], f"filter '{label}': group_by {group_by!r} must be one field, optionally "
                                "with :day, :week, :month, :quarter or :year")
        spec: dict[str, Any] = {"field": match.group(1), "string": label}
        if match.group(2):
            spec["interval"] = match.group(2)
        arch["group_by"].append(spec)
        return
    if not element.get("domain"):
        raise ArchError([], f"filter '{label}' needs a domain, or a context with group_by")
    arch["filters"].append({"filter": names.take(element, "filter"), "string": label,
                            "domain": element.get("domain")})
