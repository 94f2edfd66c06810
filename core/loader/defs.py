"""Checked definitions of models and fields, with where each part was declared."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

# attributes that are about the model, not its fields, as they appear in YAML
MODEL_KEYS = (
    "description", "table", "order", "rec_name", "parent_name", "abstract", "transient",
    "enabled_by", "chatter", "activities",
)


@dataclass
class Source:
    """Where a definition (or an extension of it) was written."""

    file: str | None
    line: int | None
    addon: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}" if self.line else str(self.file)


@dataclass
class FieldDef:
    name: str
    attrs: dict[str, Any]
    sources: list[Source] = field(default_factory=list)
    # line of each attribute in its latest declaration, for precise messages
    attr_lines: dict[str, int] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return self.attrs["type"]

    @property
    def source(self) -> Source:
        return self.sources[0]

    def where(self, attr: str | None = None) -> tuple[str | None, int | None]:
        src = self.sources[-1]
        return src.file, self.attr_lines.get(attr, src.line) if attr else src.line


@dataclass
class ModelDef:
    name: str
    attrs: dict[str, Any] = field(default_factory=dict)
    mixins: list[str] = field(default_factory=list)
    fields: dict[str, FieldDef] = field(default_factory=dict)
    constraints: list[dict[str, Any]] = field(default_factory=list)
    indexes: list[dict[str, Any]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    # where each model key (order, rec_name...) was last written, for precise messages
    attr_sources: dict[str, Source] = field(default_factory=dict)
    # manual = created at runtime through ir.model (custom model), not by an addon
    manual: bool = False

    @property
    def addon(self) -> str:
        return self.sources[0].addon if self.sources else "__custom__"

    @property
    def addons(self) -> list[str]:
        seen: list[str] = []
        for src in self.sources:
            if src.addon not in seen:
                seen.append(src.addon)
        return seen

    @property
    def abstract(self) -> bool:
        return bool(self.attrs.get("abstract"))

    @property
    def table(self) -> str:
        return self.attrs.get("table") or self.name.replace(".", "_")

    def where(self, attr: str | None = None) -> tuple[str | None, int | None]:
        if attr in self.attr_sources:
            src = self.attr_sources[attr]
            return src.file, src.line
        src = self.sources[0] if self.sources else Source(None, None, "__custom__")
        return src.file, src.line
