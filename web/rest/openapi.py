"""The OpenAPI 3 document of the REST API, generated from the registry's model definitions.

Built once per registry: a custom field added from the studio rebuilds the registry, so it appears
in the document on the next request.
"""

from __future__ import annotations

import weakref
from typing import TYPE_CHECKING, Any

from core.fields.base import MISSING
from core.i18n import translate
from core.rpc.version import SERVER_VERSION
from web.rest.convert import MAX_ID, input_fields

if TYPE_CHECKING:
    from core.fields.base import Field
    from core.registry.registry import Registry

_cache: weakref.WeakKeyDictionary[Registry, dict[str, Any]] = weakref.WeakKeyDictionary()
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}
ERRORS = {
    "400": "Bad request: a parameter or value is invalid",
    "401": "Missing or invalid credentials",
    "403": "Access rights or record rules forbid it",
    "404": "Unknown model or record",
    "409": "Conflict with the current state of the record",
    "415": "The body is not JSON",
    "422": "The operation is refused by a business rule",
    "429": "Too many requests",
}


def document(registry: Registry) -> dict[str, Any]:
    """The OpenAPI document of every concrete model of ``registry``."""
    spec = _cache.get(registry)
    if spec is None:
        spec = _cache[registry] = _build(registry)
    return spec


def _build(registry: Registry) -> dict[str, Any]:
    schemas: dict[str, Any] = {"Error": _error_schema(), "Links": _links_schema()}
    paths: dict[str, Any] = {}
    for name, cls in sorted(registry.models.items()):
        if cls._abstract:
            continue
        schemas[name] = _record_schema(cls)
        schemas[f"{name}.input"] = _input_schema(cls)
        paths[f"/api/v1/{name}"] = _collection_paths(name, translate(cls._description or name))
        paths[f"/api/v1/{name}/{{id}}"] = _member_paths(name)
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "ERP Suite REST API",
            "version": "1",
            "description": "Records of every model, through the record API: access rights, record rules "
            "and validation apply. Odoo-compatible XML-RPC/JSON-RPC serve the same data "
            f"(server {SERVER_VERSION}).",
        },
        "paths": paths,
        "components": {
            "schemas": schemas,
            "securitySchemes": {
                "bearerAuth": {
                    "type": "http",
                    "scheme": "bearer",
                    "description": "A personal API key (user preferences).",
                },
                "sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session_id"},
            },
        },
        "security": [{"bearerAuth": []}, {"sessionCookie": []}],
    }


# -- schemas ----------------------------------------------------------------------------------
def field_schema(field: Field, for_input: bool = False) -> dict[str, Any]:
    """The JSON schema of one field's REST value."""
    kind = field.type
    schema: dict[str, Any]
    if kind in ("char", "text", "html"):
        schema = {"type": "string", "nullable": True}
        if getattr(field, "size", None):
            schema["maxLength"] = field.size
    elif kind == "selection":
        keys = [key for key, _label in field.selection] if isinstance(field.selection, (list, tuple)) else []
        schema = {"type": "string", "nullable": True}
        if keys:
            schema["enum"] = [*keys, None]
    elif kind == "integer":
        schema = {"type": "integer", "minimum": -MAX_ID - 1, "maximum": MAX_ID}
    elif kind in ("float", "monetary"):
        schema = {"type": "number"}
    elif kind == "boolean":
        schema = {"type": "boolean"}
    elif kind == "date":
        schema = {"type": "string", "format": "date", "nullable": True}
    elif kind == "datetime":
        schema = {"type": "string", "format": "date-time", "nullable": True}
    elif kind == "many2one":
        schema = (
            {**ID_SCHEMA, "nullable": True}
            if for_input
            else {
                "type": "object",
                "nullable": True,
                "required": ["id", "display_name"],
                "properties": {"id": {"type": "integer"}, "display_name": {"type": "string"}},
            }
        )
    elif kind in ("one2many", "many2many"):
        schema = {"type": "array", "items": ID_SCHEMA if for_input else {"type": "integer"}}
    elif kind in ("binary", "image"):
        schema = {"type": "string", "format": "byte", "nullable": True}
    else:
        schema = {}
    label = translate(field.string) if field.string else field.name
    schema["description"] = label + (f": {translate(field.help)}" if field.help else "")
    if field.readonly and not for_input:
        schema["readOnly"] = True
    if field.secret:
        schema.update(writeOnly=True, format="password")
    return schema


def _record_schema(cls: Any) -> dict[str, Any]:
    # a secret field is never in an answer: it is written only (see the input schema)
    properties = {name: field_schema(field) for name, field in cls._fields.items() if not field.secret}
    return {
        "type": "object",
        "description": translate(cls._description or cls._name),
        "properties": properties,
    }


def _input_schema(cls: Any) -> dict[str, Any]:
    fields = input_fields(cls)
    required = [
        name
        for name, field in fields.items()
        if field.required and field.default is MISSING and not field.computed
    ]
    schema: dict[str, Any] = {
        "type": "object",
        "additionalProperties": False,
        "properties": {name: field_schema(f, for_input=True) for name, f in fields.items()},
    }
    if required:
        schema["required"] = required
    return schema


def _error_schema() -> dict[str, Any]:
    return {
        "type": "object",
        "required": ["error"],
        "properties": {
            "error": {
                "type": "object",
                "required": ["status", "code", "message"],
                "properties": {
                    "status": {"type": "integer"},
                    "code": {"type": "string"},
                    "message": {"type": "string"},
                    "field": {"type": "string"},
                },
            }
        },
    }


def _links_schema() -> dict[str, Any]:
    link = {"type": "string", "nullable": True}
    return {"type": "object", "properties": {k: link for k in ("self", "first", "last", "next", "prev")}}


# -- paths ------------------------------------------------------------------------------------
def _ref(name: str) -> dict[str, Any]:
    return {"$ref": f"#/components/schemas/{name}"}


def _errors(*codes: str) -> dict[str, Any]:
    return {
        code: {"description": ERRORS[code], "content": {"application/json": {"schema": _ref("Error")}}}
        for code in codes
    }


def _fields_parameter() -> dict[str, Any]:
    return {
        "name": "fields",
        "in": "query",
        "required": False,
        "schema": {"type": "string"},
        "description": "Comma-separated field names to answer (default: every readable non-binary field).",
    }


def _collection_paths(name: str, label: str) -> dict[str, Any]:
    one = {"type": "object", "properties": {"data": _ref(name)}}
    many = {
        "type": "object",
        "properties": {
            "data": {"type": "array", "items": _ref(name)},
            "count": {"type": "integer"},
            "offset": {"type": "integer"},
            "limit": {"type": "integer"},
            "links": _ref("Links"),
        },
    }
    parameters = [
        {
            "name": "domain",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": 'An Odoo domain as JSON, e.g. [["name", "ilike", "a"]].',
        },
        _fields_parameter(),
        {
            "name": "limit",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 0, "maximum": 1000, "default": 80},
        },
        {
            "name": "offset",
            "in": "query",
            "required": False,
            "schema": {"type": "integer", "minimum": 0, "maximum": MAX_ID, "default": 0},
        },
        {
            "name": "order",
            "in": "query",
            "required": False,
            "schema": {"type": "string"},
            "description": "Sort specification, e.g. 'name desc, id'.",
        },
    ]
    return {
        "get": {
            "tags": [name],
            "summary": f"List {label} records",
            "operationId": f"list_{name}",
            "parameters": parameters,
            "responses": {
                "200": {
                    "description": "A page of records",
                    "content": {"application/json": {"schema": many}},
                },
                **_errors("400", "401", "403", "404", "429"),
            },
        },
        "post": {
            "tags": [name],
            "summary": f"Create a {label} record",
            "operationId": f"create_{name}",
            "parameters": [_fields_parameter()],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(f"{name}.input")}},
            },
            "responses": {
                "201": {"description": "Created", "content": {"application/json": {"schema": one}}},
                **_errors("400", "401", "403", "404", "409", "415", "422", "429"),
            },
        },
    }


def _member_paths(name: str) -> dict[str, Any]:
    one = {"type": "object", "properties": {"data": _ref(name)}}
    id_parameter = {"name": "id", "in": "path", "required": True, "schema": ID_SCHEMA}
    return {
        "parameters": [id_parameter],
        "get": {
            "tags": [name],
            "summary": "Read a record",
            "operationId": f"get_{name}",
            "parameters": [_fields_parameter()],
            "responses": {
                "200": {"description": "The record", "content": {"application/json": {"schema": one}}},
                **_errors("400", "401", "403", "404", "429"),
            },
        },
        "patch": {
            "tags": [name],
            "summary": "Update a record",
            "operationId": f"update_{name}",
            "parameters": [
                _fields_parameter(),
                {
                    "name": "If-Match",
                    "in": "header",
                    "required": False,
                    "schema": {"type": "string"},
                    "description": "The ETag of the version read; a newer version answers 409.",
                },
            ],
            "requestBody": {
                "required": True,
                "content": {"application/json": {"schema": _ref(f"{name}.input")}},
            },
            "responses": {
                "200": {
                    "description": "The updated record",
                    "content": {"application/json": {"schema": one}},
                },
                **_errors("400", "401", "403", "404", "409", "415", "422", "429"),
            },
        },
        "delete": {
            "tags": [name],
            "summary": "Delete a record",
            "operationId": f"delete_{name}",
            "responses": {
                "204": {"description": "Deleted"},
                **_errors("401", "403", "404", "409", "422", "429"),
            },
        },
    }
