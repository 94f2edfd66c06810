"""A technical model in the back office: a flask-admin ModelView over the registry's mapped class, whose
queries, reads and writes all go through the record API as the logged-in user (invariant 1).

flask-admin scaffolds a view once, from a mapped class. Here the class comes from the registry, which a
custom field or an upgrade replaces, and what a user may see depends on field groups: so each request
works on a copy of the view scaffolded for (registry, user's groups, language), kept for the next ones.
The session flask-admin would use is a guard that refuses every use.
"""

from __future__ import annotations

import copy
import threading
from typing import Any

import sqlalchemy as sa
from flask import flash, g, redirect, request
from flask_admin.contrib.sqla import ModelView
from jinja2 import pass_context
from sqlalchemy.orm import registry as orm_registry
from sqlalchemy.orm.base import manager_of_class

from core.domain.parse import AND_, OR_
from core.exceptions import AccessError, MissingError, UserError, ValidationError
from core.i18n import _, translate
from core.records.environment import Environment
from core.records.model import BaseModel
from web.admin import rows
from web.admin.converters import changed_values
from web.admin.filters import filter_chips, filter_forms, url_with_filter
from web.admin.layout import layout_of
from web.admin.query import RecordQuery
from web.admin.requests import UserRequestMixin
from web.admin.scaffold import FieldMetadataScaffold
from web.admin.site import TechnicalModel
from web.client.session_env import user_groups
from web.client.views.arch import views_stamp


class NoSession:
    """Stands where flask-admin expects an SQLAlchemy session: any use of it is a bug, and says so."""

    session = property(lambda self: self)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)  # a probe (hasattr), not a use
        raise RuntimeError(
            f"the back office reads and writes through the record API; flask-admin tried session.{name}"
        )


class _Unbound:
    """The mapped class of a view until a request binds it to a registry."""


_placeholders = orm_registry()
_placeholders.map_imperatively(
    _Unbound, sa.Table("technical_view_unbound", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True))
)


class RecordModelView(UserRequestMixin, FieldMetadataScaffold, ModelView):
    list_template = "admin/list.html"
    create_template = "admin/form.html"
    edit_template = "admin/form.html"
    details_template = "admin/details.html"
    can_view_details = True
    page_size = 40
    action_disallowed_list = ["delete"]  # flask-admin's bulk delete queries the session

    def __init__(self, spec: TechnicalModel, category: str | None = None) -> None:
        self.spec = spec
        self._fields: dict[str, Any] = {}
        self._bindings: dict[tuple[Any, ...], RecordModelView] = {}
        self._registry: Any = None
        self._lock = threading.Lock()
        super().__init__(
            _Unbound,
            NoSession(),
            name=spec.label,
            endpoint=spec.endpoint,
            url=f"/web/technical/{spec.slug}",
            category=category,
        )

    # -- binding to the request's registry and user ----------------------------------------------
    def readable(self, env: Environment) -> bool:
        return self.spec.model in env.registry.models and env[self.spec.model].check_access_rights(
            "read", raise_exception=False
        )

    def for_request(self, env: Environment) -> RecordModelView:
        if self.spec.model not in env.registry.models:
            raise MissingError(_("The model %(model)s is not installed.", model=self.spec.model))
        records = env[self.spec.model]
        records.check_access_rights("read")
        view = copy.copy(self._bound(env))
        editable = not self.spec.read_only
        view.name = self.spec.title()
        view.can_create = editable and records.check_access_rights("create", raise_exception=False)
        view.can_edit = editable and records.check_access_rights("write", raise_exception=False)
        view.can_delete = editable and records.check_access_rights("unlink", raise_exception=False)
        return view

    def _bound(self, env: Environment) -> RecordModelView:
        registry = env.registry
        key = (registry.db_name, id(registry), user_groups(env), env.lang, views_stamp(env))
        with self._lock:
            bound = self._bindings.get(key)
            if bound is None or bound._registry is not registry:
                # a registry replaced by a newer one (custom field, upgrade) is not served again
                stale = [
                    k
                    for k, v in self._bindings.items()
                    if k[0] == registry.db_name and v._registry is not registry
                ]
                for old in stale if len(self._bindings) < 64 else list(self._bindings):
                    del self._bindings[old]
                bound = self._bindings[key] = self._scaffolded(env)
        return bound

    def _scaffolded(self, env: Environment) -> RecordModelView:
        records = env[self.spec.model]
        view = copy.copy(self)
        view._registry = env.registry  # held, so that its id() stays its own while the binding lives
        view.model = env.registry.mapped_class(self.spec.model)
        view._manager = manager_of_class(view.model)
        view._fields = {n: f for n, f in records._fields.items() if records._field_accessible(f)}
        view.column_labels = {n: translate(f.string) for n, f in view._fields.items()}
        view.column_descriptions = {n: translate(f.help) for n, f in view._fields.items() if f.help}
        view.layout = layout_of(env, self.spec.model)
        view.column_filters = [n for n in view.layout.filters if n in view._fields] or None
        view.column_searchable_list = [n for n in view.layout.search if n in view._fields]
        view._refresh_cache()
        return view

    def records(self) -> BaseModel:
        """The model in the request's environment (archived records included: this is the back office)."""
        env: Environment = g.env
        return env[self.spec.model].with_context(active_test=False)

    def _run_view(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        if getattr(fn, "__name__", "") == "index_view" and request.args.get("flt_pick"):
            return redirect(url_with_filter(request.args["flt_pick"], request.args.get("flt_value", "")))
        return super()._run_view(fn, *args, **kwargs)

    def render(self, template: str, **kwargs: Any) -> str:
        if template == self.list_template:
            kwargs.update(
                filter_chips=filter_chips(self, kwargs.get("filter_args") or {}),
                filter_forms=filter_forms(self),
            )
        return super().render(template, **kwargs)

    # -- queries through the record API --------------------------------------------------------
    def get_query(self) -> RecordQuery:  # type: ignore[override]
        return RecordQuery(self.records())

    def get_count_query(self) -> RecordQuery:  # type: ignore[override]
        return RecordQuery(self.records())

    def get_list(
        self,
        page: int | None,
        sort_column: Any,
        sort_desc: bool,
        search: str | None,
        filters: Any,
        execute: bool = True,
        page_size: int | None = None,
    ) -> tuple[int, Any]:
        domain = AND_([self._search_domain(search), self._filters_domain(filters)])
        count = self.get_count_query().filter(domain).count()
        size = self.page_size if page_size is None else page_size
        direction = "desc" if sort_desc else "asc"
        order = f"{sort_column} {direction}" if sort_column in self._sortable_columns else None
        query = self.get_query().filter(domain).order_by(order).slice((page or 0) * (size or 0), size or None)
        if not execute:
            return count, query
        return count, rows.instances(self.model, query.all(), [name for name, _label in self._list_columns])

    def _search_domain(self, search: str | None) -> list[Any]:
        fields = self.column_searchable_list or []
        terms = [term for term in (search or "").split() if term]
        return AND_([OR_([[(name, "ilike", term)] for name in fields]) for term in terms]) if fields else []

    def _filters_domain(self, filters: Any) -> list[Any]:
        leaves = [self._filters[index].domain(value) for index, _name, value in filters or ()]
        return AND_(leaves) if leaves else []

    def get_one(self, id: Any) -> Any:
        if not str(id).isdigit():
            return None
        record = self.records().browse(int(id)).exists()
        if not record:
            return None
        record.check_access_rule("read")
        names = [name for name, _label in self.get_details_columns()]
        return rows.instances(self.model, record, names)[0]

    @pass_context
    def get_list_value(self, context: Any, model: Any, name: str) -> str:
        return rows.text_of(model, name)

    @pass_context
    def get_detail_value(self, context: Any, model: Any, name: str) -> str:
        return rows.text_of(model, name)

    # -- writes through the record API ---------------------------------------------------------
    def create_model(self, form: Any) -> Any:
        records = self.records()
        try:
            with records.env.cr.savepoint():
                created = records.create(changed_values(form, records))
        except (UserError, AccessError) as error:
            return self._refused(form, error)
        return rows.instances(self.model, created, [name for name, _label in self.get_details_columns()])[0]

    def update_model(self, form: Any, model: Any) -> bool:
        records = self.records()
        values = changed_values(form, records, model)
        if not values:
            return True
        try:
            with records.env.cr.savepoint():
                records.browse(model.id).write(values)
        except (UserError, AccessError) as error:
            return self._refused(form, error)
        return True

    def delete_model(self, model: Any) -> bool:
        records = self.records()
        try:
            with records.env.cr.savepoint():
                records.browse(model.id).unlink()
        except (UserError, AccessError) as error:
            return self._refused(None, error)
        return True

    def _refused(self, form: Any, error: UserError | AccessError) -> bool:
        """The record API's refusal, next to the field it names (and on top of the page); nothing changed."""
        flash(error.message, "error")
        field = getattr(error, "field", None) if isinstance(error, ValidationError) else None
        if form is not None and field and field in form:
            form[field].errors = [*form[field].errors, error.message]
        return False
