"""Ratings answered by the requester through the link of a closed ticket."""

from __future__ import annotations

from typing import Any

from core import _, model
from core.exceptions import UserError, ValidationError

SCORES = (1, 2, 3, 4, 5)


@model("rating.rating")
class Rating:
    def _find_token(self, token: str) -> Any:
        """The rating of ``token``; a UserError when there is none."""
        rating = self.sudo().search([("access_token", "=", token or "")], limit=1) if token else self.browse()
        if not rating:
            raise UserError(_("This rating link is not valid."))
        return rating

    def _apply_rating(self, score: Any, feedback: str = "") -> Any:
        """Record the requester's answer on the rating and on the rated ticket (a note in its chatter)."""
        self.ensure_one()
        try:
            score = int(score)
        except (TypeError, ValueError):
            score = 0
        if score not in SCORES:
            raise ValidationError(_("rating: give a value from 1 to 5."), field="rating")
        self.sudo().write({"rating": score, "feedback": feedback or False, "consumed": True})
        record = self.env[self.res_model].sudo().browse(self.res_id).exists()
        if record:
            record.with_context(service_desk_sla_write=True).write(
                {"rating_last_value": score, "rating_last_feedback": feedback or False}
            )
            body = _("Rated %(score)s/5 by the customer.", score=score)
            if feedback:
                body += " " + _("Comment: %(feedback)s", feedback=feedback)
            record.with_context(service_desk_sla_write=True).message_post(
                body=body, subtype_xmlid="mail.mt_note", author_id=self.partner_id.id or None
            )
        return self
