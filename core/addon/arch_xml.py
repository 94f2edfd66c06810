"""Our view definitions written as Odoo XML, for clients that render Odoo's ``get_views`` answer."""
from __future__ import annotations

from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring

ROOT_TAGS = {"list": "tree", "form": "form", "kanban": "kanban", "search": "search", "calendar": "calendar",
             "pivot": "pivot", "graph": "graph"}
NODE_ATTRIBUTES = ("string", "widget", "placeholder", "help", "confirm", "domain", "context", "options",
                   "invisible", "readonly", "required", "nolabel", "optional")
BUTTON_CLASSES = {"primary": "btn-primary", "secondary": "btn-secondary", "danger": "btn-danger",
                  "link": "btn-link"}


def _text(value: Any) -> str:
    if value is True:
        return "1"
    if value is False:
        return "0"
    return value if isinstance(value, str) else repr(value)


def _node(parent: Element, node: dict[str, Any]) -> None:
    kind = next((k for k in ("field", "group", "notebook", "page", "button", "separator") if k in node), None)
    if kind is None:
        return
    attributes = {"name": str(node[kind])}
    if kind == "button":
        attributes["type"] = node.get("type", "object")
        if node.get("class") in BUTTON_CLASSES:
            attributes["class"] = BUTTON_CLASSES[node["class"]]
    for key in NODE_ATTRIBUTES:
        if key in node and node[key] is not None and not (key == "nolabel" and not node[key]):
            attributes[key] = _text(node[key])
    if kind == "field" and node.get("sum"):
        attributes["sum"] = "1"
    element = SubElement(parent, kind, attributes)
    if kind == "field" and isinstance(node.get("columns"), list):
        sub_list = SubElement(element, "tree")
        for key in ("create", "delete"):
            if node.get(key) is False:
                sub_list.set(key, "0")
        for column in node["columns"]:
            _node(sub_list, column)
    if kind == "group" and node.get("columns") and isinstance(node["columns"], int):
        element.set("col", str(node["columns"] * 2))
    for child in node.get("children") or ():
        _node(element, child)


def _form(root: Element, arch: dict[str, Any]) -> None:
    if arch.get("header") or arch.get("statusbar"):
        header = SubElement(root, "header")
        for node in arch.get("header") or ():
            _node(header, node)
        statusbar = arch.get("statusbar")
        if statusbar:
            field = SubElement(header, "field", {"name": statusbar["field"], "widget": "statusbar"})
            if statusbar.get("clickable"):
                field.set("options", "{'clickable': '1'}")
            if statusbar.get("visible"):
                field.set("statusbar_visible", ",".join(statusbar["visible"]))
    sheet = SubElement(root, "sheet")
    for ribbon in arch.get("ribbons") or ():
        widget = SubElement(sheet, "widget", {"name": "web_ribbon", "title": ribbon["string"],
                                              "bg_color": f"text-bg-{ribbon.get('bg_color') or 'success'}"})
        if ribbon.get("invisible") not in (None, False):
            widget.set("invisible", _text(ribbon["invisible"]))
    if arch.get("smart_buttons"):
        box = SubElement(sheet, "div", {"class": "oe_button_box", "name": "button_box"})
        for node in arch["smart_buttons"]:
            _node(box, node)
    if arch.get("title"):
        title = SubElement(SubElement(sheet, "div", {"class": "oe_title"}), "h1")
        for node in arch["title"]:
            _node(title, node)
    for node in arch.get("sheet") or ():
        _node(sheet, node)
    if arch.get("chatter"):
        SubElement(root, "chatter")


def _list(root: Element, arch: dict[str, Any]) -> None:
    for key, attribute in (("editable", "editable"), ("order", "default_order"), ("limit", "limit"),
                           ("create", "create"), ("delete", "delete")):
        if key in arch:
            root.set(attribute, _text(arch[key]))
    for style, condition in (arch.get("decorations") or {}).items():
        root.set(f"decoration-{style}", condition)
    for column in arch.get("columns") or ():
        _node(root, column)


def _kanban(root: Element, arch: dict[str, Any]) -> None:
    if arch.get("group_by"):
        root.set("default_group_by", arch["group_by"])
    if arch.get("order"):
        root.set("default_order", arch["order"])
    names = [arch["title"], *(arch.get(k) for k in ("subtitle", "image", "color", "tags") if arch.get(k)),
             *(column["field"] for column in arch.get("fields") or ())]
    for name in dict.fromkeys(names):
        SubElement(root, "field", {"name": name})
    card = SubElement(SubElement(root, "templates"), "t", {"t-name": "kanban-box"})
    box = SubElement(card, "div", {"class": "oe_kanban_global_click"})
    for name in dict.fromkeys(names):
        SubElement(SubElement(box, "div"), "field", {"name": name})


def _search(root: Element, arch: dict[str, Any]) -> None:
    for spec in arch.get("fields") or ():
        SubElement(root, "field", {"name": spec["field"], **{k: spec[k] for k in
                                   ("string", "operator", "filter_domain") if spec.get(k)}})
    for spec in arch.get("filters") or ():
        if "separator" in spec:
            SubElement(root, "separator")
        else:
            SubElement(root, "filter", {"name": spec["filter"], "string": spec.get("string", spec["filter"]),
                                        "domain": _text(spec.get("domain") or "[]")})
    if arch.get("group_by"):
        group = SubElement(root, "group", {"expand": "0", "string": "Group By"})
        for spec in arch["group_by"]:
            target = f"{spec['field']}:{spec['interval']}" if spec.get("interval") else spec["field"]
            SubElement(group, "filter", {"name": f"groupby_{spec['field']}", "string": spec.get("string")
                                         or spec["field"], "context": repr({"group_by": target})})


def _pivot_graph(root: Element, arch: dict[str, Any], view_type: str) -> None:
    if view_type == "graph":
        if arch.get("type"):
            root.set("type", arch["type"])
        if arch.get("stacked") is not None:
            root.set("stacked", _text(arch["stacked"]))
        specs = [(arch.get("group_by"), "row"), (arch.get("measure"), "measure")]
    else:
        specs = [*((s, "row") for s in arch.get("rows") or ()), *((s, "col") for s in arch.get("cols") or ()),
                 *((s, "measure") for s in arch.get("measures") or ())]
    for spec, kind in specs:
        if spec and spec != "__count":
            name, _sep, interval = spec.partition(":")
            field = SubElement(root, "field", {"name": name, "type": kind})
            if interval:
                field.set("interval", interval)


def arch_to_xml(view_type: str, arch: dict[str, Any], title: str = "") -> str:
    """The Odoo XML text of ``arch`` (a resolved view of ``view_type``)."""
    root = Element(ROOT_TAGS[view_type])
    if title and view_type in ("form", "list", "kanban", "search", "pivot", "graph", "calendar"):
        root.set("string", title)
    if view_type == "form":
        _form(root, arch)
    elif view_type == "list":
        _list(root, arch)
    elif view_type == "kanban":
        _kanban(root, arch)
    elif view_type == "search":
        _search(root, arch)
    elif view_type == "calendar":
        for key in ("date_start", "date_stop", "color", "mode"):
            if arch.get(key):
                root.set(key, arch[key])
        if arch.get("title"):
            SubElement(root, "field", {"name": arch["title"]})
    else:
        _pivot_graph(root, arch, view_type)
    return tostring(root, encoding="unicode")
