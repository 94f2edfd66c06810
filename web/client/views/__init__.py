"""The view types of the web client, one module each (list, kanban, calendar, pivot, graph, form):
each owns its data, its pager and URLs, and what its template shows. ``arch`` gives a view's arch."""

from __future__ import annotations

from web.client.views.arch import get_arch

__all__ = ["get_arch"]
