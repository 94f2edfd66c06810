"""Part of BaseModel: the views of a model described as Odoo clients ask for them (``get_views``,
``get_view``, ``fields_view_get``), the arch written as Odoo XML."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from core.records.model_part import ModelPart


def _model_method(function: Callable[..., Any]) -> Callable[..., Any]:
    """Callable over RPC without ids, as Odoo's ``@api.model`` methods."""
    function._public = True  # type: ignore[attr-defined]
    function._api_model = True  # type: ignore[attr-defined]
    return function


class ViewsMixin(ModelPart):
    @_model_method
    def get_views(self, views: Any, options: Any = None) -> dict[str, Any]:
        """``{"views": {type: {"arch", "id", "model", "type", "name"}}, "models": {model: fields}}`` for
        ``views``, a list of ``[view id or False, view type]``."""
        from core.addon.view_lookup import get_views

        self._check_access("read")
        return get_views(self, views, options)

    @_model_method
    def get_view(self, view_id: Any = None, view_type: str = "form",
                 **options: Any) -> dict[str, Any]:
        """One view: ``{"arch", "id", "model", "type", "name"}``."""
        from core.addon.view_lookup import describe_view, view_type_of

        self._check_access("read")
        described = describe_view(self, view_type_of(view_type), view_id)
        described.pop("_arch")
        return described

    @_model_method
    def fields_view_get(self, view_id: Any = None, view_type: str = "form", toolbar: bool = False,
                        submenu: bool = False) -> dict[str, Any]:
        """The older clients' form of ``get_view``: the arch with the model's ``fields`` and ``view_id``."""
        from core.addon.view_lookup import describe_view, view_type_of

        self._check_access("read")
        described = describe_view(self, view_type_of(view_type), view_id)
        described.pop("_arch")
        return {"arch": described["arch"], "fields": self.fields_get(), "model": self._name,
                "name": described["name"], "type": described["type"], "view_id": described["id"],
                "field_parent": False, **({"toolbar": {"action": [], "print": []}} if toolbar else {})}
