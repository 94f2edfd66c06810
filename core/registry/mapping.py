"""ORM-mapped classes of model tables, built on demand (flask-admin and ad-hoc queries use them).

The record API never goes through these; each registry maps fresh classes, never remapping old ones.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import registry as orm_registry

if TYPE_CHECKING:
    from core.registry.registry import Registry


def map_model(registry: Registry, model_name: str) -> type:
    model = registry.models[model_name]
    if model._abstract:
        raise ValueError(f"{model_name} is abstract: it has no table to map")
    mapper_registry = registry.__dict__.setdefault("_orm_registry", orm_registry())

    def __repr__(self: Any) -> str:
        return f"<{model_name} {getattr(self, 'id', None)}>"

    def __str__(self: Any) -> str:
        for name in (model._rec_name, "name", "display_name"):
            if name and hasattr(self, name) and getattr(self, name):
                value = getattr(self, name)
                return value.get("en_US", "") if isinstance(value, dict) else str(value)
        return f"{model_name},{getattr(self, 'id', '')}"

    class_name = "Mapped" + "".join(part.capitalize() for part in model_name.split("."))
    mapped = type(class_name, (), {"__model_name__": model_name, "__repr__": __repr__, "__str__": __str__})
    mapper_registry.map_imperatively(mapped, model._table)
    return mapped
