"""Loading an addon's data files (YAML records, view files, CSV) with external ids.

Reloading on upgrade updates the records of the same external id instead of duplicating them; a
record loaded with ``noupdate`` is created once and then left as users edited it.
"""
from __future__ import annotations

import base64
import csv
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta

from core import clock
from core.addon.xmlids import lookup, set_xmlids, split_xmlid
from core.exceptions import ErpError, MetadataError
from core.loader.validate import validate_document
from core.loader.yaml_source import Located, load_yaml_documents
from core.safe_eval import base_scope, safe_eval

if TYPE_CHECKING:
    from core.addon.manifest import Manifest
    from core.records.environment import Environment

VIEW_KEYS = ("views", "actions", "menus")


class DataLoader:
    """Loads the files of one addon; remembers which external ids it (re)loaded."""

    def __init__(self, env: Environment, manifest: Manifest, mode: str = "install") -> None:
        self.env = env(su=True)
        self.manifest = manifest
        self.module = manifest.name
        self.mode = mode  # "install" or "update"
        self.loaded: set[tuple[str, str]] = set()
        # checks of references that a later file of the same load may satisfy (a button's action)
        self.deferred_checks: list[Callable[[], None]] = []

    # -- files -----------------------------------------------------------------------------
    def load_files(self, names: list[str]) -> None:
        """Load the files in order, then check the references they left to the end."""
        self._load_files(names)
        checks, self.deferred_checks = self.deferred_checks, []
        for check in checks:
            check()

    def _load_files(self, names: list[str]) -> None:
        for name in names:
            path = self.manifest.path / name
            if not path.is_file():
                raise MetadataError(str(self.manifest.path / "manifest.yaml"), None,
                                    f"data file '{name}' of addon '{self.module}' does not exist")
            if path.suffix == ".csv":
                self.load_csv(path)
            else:
                for document in load_yaml_documents(path):
                    self.load_document(document, path)

    def load_document(self, document: Any, path: Path) -> None:
        if isinstance(document, dict) and any(key in document for key in VIEW_KEYS):
            from core.addon.view_files import load_view_document

            load_view_document(self, document, path)
            return
        validate_document(document, "data")
        for entry in document:
            try:
                if "function" in entry:
                    self.call_function(entry["function"])
                elif "delete" in entry:
                    self.delete(entry["delete"])
                else:
                    self.load_record(entry["model"], entry.get("id"), entry["values"],
                                     bool(entry.get("noupdate")))
            except MetadataError:
                raise
            except ErpError as error:
                file = getattr(entry, "file", str(path))
                raise MetadataError(file, getattr(entry, "line", None), f"cannot load record "
                                    f"{entry.get('id') or entry.get('model', '')}: {error}") from error

    def load_csv(self, path: Path) -> None:
        model = path.stem
        if model not in self.env.registry.models:
            raise MetadataError(str(path), 1, f"CSV data file names unknown model '{model}'")
        with path.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))
        if not rows:
            return
        header, data = rows[0], rows[1:]
        header = [column.replace(":id", "/id") for column in header]
        records = self.env[model].with_context(default_module=self.module)
        if "id" in header:
            position = header.index("id")
            for row in data:
                if row[position] and "." not in row[position]:
                    row[position] = f"{self.module}.{row[position]}"
                if row[position]:
                    self.loaded.add(split_xmlid(row[position]))
        for index, column in enumerate(header):
            if column.endswith("/id"):
                for row in data:
                    if row[index]:
                        row[index] = ",".join(part if "." in part else f"{self.module}.{part}"
                                              for part in row[index].split(","))
        result = records.load(header, data)
        if result["ids"] is False:
            problems = "; ".join(f"row {m['rows']['from'] + 2}: {m['message']}" for m in result["messages"])
            raise MetadataError(str(path), None, f"cannot load CSV data: {problems}")

    # -- records ---------------------------------------------------------------------------
    def full_id(self, xml_id: str) -> tuple[str, str]:
        return split_xmlid(xml_id, self.module)

    def ref(self, xml_id: str) -> int:
        module, name = self.full_id(xml_id)
        found = lookup(self.env, module, name)
        if found is None:
            raise ErpError(f"external id '{module}.{name}' not found (is it defined in a data file loaded "
                           "earlier, or in an addon listed in depends?)")
        return found[1]

    def load_record(self, model: str, xml_id: str | None, values: dict[str, Any], noupdate: bool) -> int:
        if model not in self.env.registry.models:
            raise ErpError(f"unknown model '{model}'")
        records = self.env[model].with_context(active_test=False)
        key = self.full_id(xml_id) if xml_id else None
        existing = lookup(self.env, *key) if key else None
        if key:
            self.loaded.add(key)
        if existing and existing[0] == model and records.browse(existing[1]).exists():
            if existing[2] and self.mode == "update" or noupdate and self.mode == "update":
                return existing[1]
            records.browse(existing[1]).write(self.convert_values(model, values))
            if key:
                set_xmlids(self.env, model, [(key[0], key[1], existing[1], noupdate)])
            return existing[1]
        record = records.create(self.convert_values(model, values))
        if key:
            set_xmlids(self.env, model, [(key[0], key[1], record.id, noupdate)])
        return record.id

    def convert_values(self, model: str, values: dict[str, Any]) -> dict[str, Any]:
        fields = self.env[model]._fields
        result: dict[str, Any] = {}
        for name, value in values.items():
            field = fields.get(name)
            if field is None:
                raise ErpError(f"model '{model}' has no field '{name}'")
            result[name] = self.convert_value(field, value)
        return result

    def convert_value(self, field: Any, value: Any) -> Any:
        if isinstance(value, dict):
            if set(value) == {"ref"}:
                return self.ref(value["ref"])
            if set(value) == {"refs"}:
                return [(6, 0, [self.ref(x) for x in value["refs"]])]
            if set(value) == {"eval"}:
                return safe_eval(str(value["eval"]), self.eval_scope())
            if set(value) == {"file"}:
                content = (self.manifest.path / value["file"]).read_bytes()
                return base64.b64encode(content).decode("ascii")
            if field.type == "json":
                return _plain(value)
            if getattr(field, "translate", False) and all(isinstance(v, str) for v in value.values()):
                return _plain(value)
            if field.type in ("one2many", "many2many"):
                return [(0, 0, self.convert_values(field.comodel_name, value))]
            raise ErpError(f"field '{field.name}': unknown value form {sorted(value)}; use ref, refs, eval "
                           "or file")
        if isinstance(value, list) and field.type in ("one2many", "many2many") and value and \
                all(isinstance(item, dict) and not set(item) & {"ref", "refs", "eval"} for item in value):
            return [(0, 0, self.convert_values(field.comodel_name, item)) for item in value]
        if isinstance(value, list) and field.type in ("one2many", "many2many") and value and \
                all(isinstance(item, dict) and set(item) == {"ref"} for item in value):
            return [(6, 0, [self.ref(item["ref"]) for item in value])]
        if isinstance(value, Located) and field.type == "json":
            return _plain(value)
        return value

    def eval_scope(self) -> dict[str, Any]:
        scope = base_scope()
        now = clock.utcnow()
        scope.update({"ref": self.ref, "now": now, "today": now.date(), "relativedelta": relativedelta,
                      "timedelta": dt.timedelta, "date": dt.date})
        return scope

    def call_function(self, spec: dict[str, Any]) -> None:
        records = self.env[spec["model"]]
        getattr(records, spec["method"])(*spec.get("args", []), **spec.get("kwargs", {}))

    def delete(self, spec: dict[str, Any]) -> None:
        records = self.env[spec["model"]].with_context(active_test=False)
        if spec.get("id"):
            module, name = self.full_id(spec["id"])
            found = lookup(self.env, module, name)
            if found:
                records.browse(found[1]).exists().unlink()
        elif spec.get("search") is not None:
            records.search(spec["search"]).unlink()


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
