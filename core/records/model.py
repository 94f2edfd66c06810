"""BaseModel: the record API every model class is built on."""
from __future__ import annotations

from core.exceptions import ValidationError
from core.fields.base import Field
from core.i18n import _, translate
from core.records.access import AccessMixin
from core.records.archive import ArchiveMixin
from core.records.compute import ComputeMixin
from core.records.create import CreateMixin
from core.records.defaults import DefaultsMixin
from core.records.exchange import ExchangeMixin
from core.records.formats import FormatsMixin
from core.records.group import GroupMixin
from core.records.metadata import MetadataMixin
from core.records.onchange import OnchangeMixin
from core.records.precompute import PrecomputeMixin
from core.records.read import ReadMixin
from core.records.recordset import RecordsetBase
from core.records.search import SearchMixin
from core.records.secret import SecretMixin
from core.records.views import ViewsMixin
from core.records.write import WriteMixin
from core.records.x2many import X2manyMixin


class BaseModel(
    RecordsetBase,
    ReadMixin,
    SearchMixin,
    CreateMixin,
    WriteMixin,
    X2manyMixin,
    ComputeMixin,
    DefaultsMixin,
    AccessMixin,
    GroupMixin,
    MetadataMixin,
    OnchangeMixin,
    ExchangeMixin,
    FormatsMixin,
    PrecomputeMixin,
    ViewsMixin,
    ArchiveMixin,
    SecretMixin,
):
    """Records of one model. The registry derives one class per model, stacking addon hooks on top."""

    __slots__ = ()

    def _column_fields(self) -> list[Field]:
        cls = type(self)
        fields = cls.__dict__.get("_column_fields_cache")
        if fields is None:
            fields = [f for f in self._fields.values() if f.column]
            cls._column_fields_cache = fields
        return fields

    def _stored_computed(self) -> list[Field]:
        cls = type(self)
        fields = cls.__dict__.get("_stored_computed_cache")
        if fields is None:
            fields = [f for f in self._fields.values() if f.computed and f.store]
            cls._stored_computed_cache = fields
        return fields

    def _validate_constraints(self, names: set[str]) -> None:
        """Run the Python constraints that watch one of ``names``."""
        for method, fields, message in self._registry.python_constraints.get(self._name, ()):
            if fields & names:
                checker = getattr(self, method, None)
                if checker is None:
                    raise ValidationError(f"Model {self._name} has no method {method} for its constraint")
                result = checker()
                if result is False:
                    raise ValidationError(
                        translate(message)
                        if message
                        else _(
                            "The records of %(model)s break the rule %(rule)s.", model=self._name, rule=method
                        )
                    )
