"""The back office's start page: the technical models the user may open, with how many records each has."""

from __future__ import annotations

from typing import Any

from flask import g, url_for
from flask_admin import AdminIndexView, expose

from core.i18n import _
from web.admin.requests import UserRequestMixin


class TechnicalIndexView(UserRequestMixin, AdminIndexView):
    def __init__(self) -> None:
        super().__init__(
            name="Technical", endpoint="technical", url="/web/technical", template="admin/home.html"
        )

    @expose("/")
    def index(self) -> Any:
        env = g.env
        cards = []
        for view in self.admin._views:
            spec = getattr(view, "spec", None)
            if spec is None or not view.is_accessible():
                continue
            count = env[spec.model].with_context(active_test=False).search_count([])
            cards.append(
                {
                    "label": spec.title(),
                    "model": spec.model,
                    "count": count,
                    "url": url_for(f"{view.endpoint}.index_view"),
                }
            )
        return self.render(self._template, cards=cards, title=self.page_title())

    def page_title(self) -> str:
        return _("Back office")
