"""Part of BaseModel: values of computed and related fields filled into the cache when read."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from core.exceptions import ValidationError
from core.fields.base import Field
from core.fields.image import Image
from core.records.model_part import ModelPart

if TYPE_CHECKING:
    from core.records.model import BaseModel


class ComputeValuesMixin(ModelPart):
    """Part of BaseModel: run computes and follow related paths for the records being read."""

    def _compute_values(self, field: Field, ids: list[Any]) -> None:
        """Run the compute of ``field`` (and of fields sharing its method) on ``ids``."""
        records = self.browse(ids)
        if field.related:
            self._compute_related(field, records)
            return
        assert field.compute is not None  # a computed field that is not related names its method
        method = getattr(records, field.compute, None)
        if method is None:
            raise ValidationError(
                f"Model {self._name} has no method {field.compute} to compute field {field.name}"
            )
        fields = self._fields_computed_by(field.compute)
        protected = self.env.protected
        saved = {f: protected.get(f) for f in fields}
        for f in fields:
            protected[f] = set(protected.get(f) or ()) | set(ids)
        try:
            method()
        finally:
            for f, previous in saved.items():
                if previous is None:
                    protected.pop(f, None)
                else:
                    protected[f] = previous
        cache = self.env.cache
        for f in fields:
            values = cache.field_values(f)
            for record_id in ids:
                if record_id not in values:
                    values[record_id] = f.null_cache()
                    if f.store and isinstance(record_id, int):
                        self.env.towrite.mark(f, record_id)

    def _fields_computed_by(self, method: str) -> list[Field]:
        return self._registry.fields_by_compute(self._name, method)

    def _compute_related(self, field: Field, records: BaseModel) -> None:
        cache = self.env.cache
        values = cache.field_values(field)
        path = field.related_path
        sudo = records.sudo()
        if len(path) == 1:
            self._copy_related_source(field, sudo)
            return
        for record in sudo:
            target = record
            for name in path[:-1]:
                target = target[name]
                if len(target) > 1:
                    target = target[:1]
            last_field = target._fields[path[-1]]
            if not target:
                value = field.null_cache()
            else:
                target[path[-1]]
                value = cache.get(last_field, target._ids[0], field.null_cache())
                if value is not None and isinstance(field, Image):
                    value = field.process(value)
            values[record._ids[0]] = value
            if field.store and isinstance(record._ids[0], int):
                self.env.towrite.mark(field, record._ids[0])

    def _copy_related_source(self, field: Field, records: BaseModel) -> None:
        """A related field of a field of the same record: the source's values, read in one batch."""
        cache, towrite = self.env.cache, self.env.towrite
        source = self._fields[field.related_path[0]]
        ids = list(records._ids)
        missing = cache.missing(source, ids)
        while missing:
            records._browse_prefetched((missing[0],), tuple(missing))[source.name]
            missing = cache.missing(source, missing)
        values, source_values = cache.field_values(field), cache.field_values(source)
        null = field.null_cache()
        for record_id in ids:
            value = source_values.get(record_id, null)
            if value is not None and isinstance(field, Image):
                value = field.process(value)
            values[record_id] = value
            if field.store and isinstance(record_id, int):
                towrite.mark(field, record_id)
