"""BaseModel: the record API every model class is built on."""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

import sqlalchemy as sa

from core.exceptions import ValidationError
from core.fields.base import Field
from core.i18n import _, translate
from core.records.access import AccessMixin
from core.records.archive import ArchiveMixin
from core.records.compute_values import ComputeValuesMixin
from core.records.create import CreateMixin
from core.records.defaults import DefaultsMixin
from core.records.exchange import ExchangeMixin
from core.records.formats import format_country_code
from core.records.group import GroupMixin
from core.records.metadata import MetadataMixin
from core.records.onchange import OnchangeMixin
from core.records.read import ReadMixin
from core.records.recordset import RecordsetBase
from core.records.search import SearchMixin
from core.records.secret import SecretMixin
from core.records.view_methods import ViewsMixin
from core.records.write import WriteMixin


class BaseModel(
    RecordsetBase,
    ReadMixin,
    ComputeValuesMixin,
    SearchMixin,
    CreateMixin,
    WriteMixin,
    DefaultsMixin,
    AccessMixin,
    GroupMixin,
    MetadataMixin,
    OnchangeMixin,
    ExchangeMixin,
    ViewsMixin,
    ArchiveMixin,
    SecretMixin,
):
    """Records of one model. The registry derives one class per model, stacking addon hooks on top.

    Hook classes wrap the public API; of the private methods they may override only the points listed
    in ``core.records.override_points`` (the first ones are defined just below).
    """

    __slots__ = ()

    if TYPE_CHECKING:
        # the fields of each model and the methods of its hook classes are set up by the registry on the
        # class it derives for the model: statically, a record's other attributes are unknown
        def __getattr__(self, name: str) -> Any: ...

    # -- override points -----------------------------------------------------------------------
    def _extra_rule_condition(self, operation: str, table: sa.FromClause) -> Any:
        """An SQL condition over ``table`` ANDed to the record rules of ``operation`` ("read", "write",
        "create", "unlink") wherever they apply: searches, counts, groupings, reads and the checks
        after create/write. Not called for the superuser. None (the default) adds nothing."""
        return None

    def _extra_search_domain(self, domain: list[Any]) -> list[Any]:
        """A domain ANDed to every search of the model (search, search_count, read_group, the
        comodel side of x2many reads...); ``domain`` is the normalized domain asked for, so the
        extra domain may depend on it. The default adds nothing."""
        return []

    def _narrow_search(self, condition: Any, table: sa.FromClause, operation: str) -> Any:
        """The SQL condition every search of the model runs with, given the one built from the domain
        and the rules; override to restrict it further when what the user may see is decided in
        Python. The default returns ``condition`` unchanged."""
        return condition

    def _format_country_code(self, vals: dict[str, Any]) -> str | None:
        """ISO code of the country the phone and VAT numbers in ``vals`` (written on these records, or
        on a new one) are checked in; None leaves it to the company's. The records' own
        ``country_id`` by default."""
        return format_country_code(self, vals)

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
                    raise ValidationError(_("Model %(model)s has no method %(method)s for its constraint",
                                            model=self._name, method=method))
                result = checker()
                if result is False:
                    raise ValidationError(
                        translate(message)
                        if message
                        else _(
                            "The records of %(model)s break the rule %(rule)s.", model=self._name, rule=method
                        )
                    )
