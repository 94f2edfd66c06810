"""Helpdesk tickets: their number, the knowledge base articles that match them, and the customer's count."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import quote

from core import _, model, public

WORD = re.compile(r"\w{4,}", re.UNICODE)
MAX_SUGGESTIONS = 5


def article_domain(text: str) -> list[Any]:
    """A domain of published articles sharing a word (4+ letters) of ``text`` in title or keywords."""
    words = sorted({w.lower() for w in WORD.findall(text or "")})[:8]
    if not words:
        return [("id", "=", 0)]
    leaves: list[Any] = []
    for word in words:
        leaves += [("name", "ilike", word), ("keywords", "ilike", word)]
    return [("is_published", "=", True)] + ["|"] * (len(leaves) - 1) + leaves


@model("helpdesk.ticket")
class HelpdeskTicket:
    def create(self, vals_list: Any) -> Any:
        vals_list = [vals_list] if isinstance(vals_list, dict) else list(vals_list)
        if all(isinstance(vals, dict) for vals in vals_list):
            Sequence = self.env["ir.sequence"].sudo()
            vals_list = [
                {**vals, "ticket_ref": vals.get("ticket_ref") or Sequence.next_by_code("helpdesk.ticket")}
                for vals in vals_list
            ]
        return super().create(vals_list)

    def _compute_display_name(self) -> None:
        for ticket in self:
            ticket.display_name = (
                f"{ticket.name} (#{ticket.ticket_ref})" if ticket.ticket_ref else ticket.name
            )

    def _compute_suggested_article_ids(self) -> None:
        Article = self.env["helpdesk.article"]
        for ticket in self:
            ticket.suggested_article_ids = Article.search(
                article_domain(ticket.name or ""), limit=MAX_SUGGESTIONS
            )

    @public
    def suggest_articles(self, text: str) -> list[dict[str, Any]]:
        """Published articles matching ``text`` (a subject being written): ``[{id, name}]``."""
        articles = self.env["helpdesk.article"].search(article_domain(text), limit=MAX_SUGGESTIONS)
        return [{"id": article.id, "name": article.name} for article in articles]


@model("res.partner")
class ResPartner:
    def _compute_ticket_count(self) -> None:
        groups = self.env["helpdesk.ticket"].read_group(
            [("partner_id", "in", self.ids)], ["partner_id"], ["partner_id"]
        )
        counts = {
            group["partner_id"][0]: group["partner_id_count"] for group in groups if group["partner_id"]
        }
        for partner in self:
            partner.ticket_count = counts.get(partner.id, 0)

    @public
    def action_open_helpdesk_ticket(self) -> dict[str, Any]:
        """The window of the contact's tickets."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Tickets"),
            "res_model": "helpdesk.ticket",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }


@model("helpdesk.ticket")
class HelpdeskTicketPortal:
    def _portal_path(self) -> str:
        return f"/support/ticket/{quote(self.ticket_ref or '')}?token={quote(self.access_token or '')}"

    def _portal_number(self) -> str:
        return self.ticket_ref or ""

    def _portal_subject(self) -> str:
        return self.name or ""
