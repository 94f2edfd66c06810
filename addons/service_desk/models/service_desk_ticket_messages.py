"""The conversation with the requester: the first answer stops the first-response clock, canned answers,
and the rating asked once the ticket is closed."""

from __future__ import annotations

import secrets
from typing import Any

from markupsafe import Markup, escape

from core import _, clock, model, public
from core.exceptions import UserError


def base_url(env: Any) -> str:
    """The address people reach this server at, for links in emails."""
    return (env["ir.config_parameter"].sudo().get_param("web.base.url") or "http://localhost:8069").rstrip(
        "/"
    )


@model("service_desk.ticket.mixin")
class ServiceTicketMessages:
    def message_post(self, *args: Any, **kwargs: Any) -> int:
        """Post as the chatter does; an answer sent to the requester by someone else is the first response."""
        message_id = super().message_post(*args, **kwargs)
        if not self.first_response_date and not self.env.context.get("service_desk_sla_write"):
            message = self.env["mail.message"].sudo().browse(message_id)
            requester = self.partner_id
            if (
                message.message_type == "comment"
                and not message.is_internal
                and message.author_id != requester
            ):
                self.write({"first_response_date": clock.utcnow()})
        return message_id

    def _reply_to_requester(self, body: Any) -> int:
        """Send ``body`` (html) to the requester through the chatter; the message id."""
        self.ensure_one()
        if not self.partner_id:
            raise UserError(
                _("The ticket %(ticket)s has no customer to answer to.", ticket=self.display_name)
            )
        return self.message_post(
            body=body,
            body_is_html=True,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=[self.partner_id.id],
        )

    @public
    def action_send_canned_response(self) -> bool:
        """Send the chosen canned response to the requester, placeholders filled in; True."""
        for ticket in self:
            canned = ticket.canned_response_id
            if not canned:
                raise UserError(_("Choose a canned response to send first."))
            values = {
                "ticket": escape(ticket.display_name or ""),
                "requester": escape(ticket.partner_id.name or ticket.partner_name or ""),
                "user": escape(self.env.user.name or ""),
            }
            body = str(canned.body or "")
            for key, value in values.items():
                body = body.replace("{" + key + "}", str(value))
            ticket._reply_to_requester(Markup(body))
            ticket.canned_response_id = False
        return True

    # -- rating ------------------------------------------------------------------------------
    def _request_rating(self) -> Any:
        """Ask the requester of a closed ticket to rate it, through a link in a message; the rating."""
        self.ensure_one()
        if not self.team_id.use_rating or not self.partner_id.email:
            return self.env["rating.rating"]
        rating = (
            self.env["rating.rating"]
            .sudo()
            .create(
                {
                    "res_model": self._name,
                    "res_id": self.id,
                    "res_name": self.display_name,
                    "partner_id": self.partner_id.id,
                    "rated_partner_id": self.user_id.partner_id.id or False,
                    "access_token": secrets.token_urlsafe(24),
                }
            )
        )
        url = f"{base_url(self.env)}/rate/{rating.access_token}"
        links = Markup(" · ").join(
            Markup('<a href="{}/{}">{}</a>').format(url, score, label)
            for score, label in ((5, _("Satisfied")), (3, _("Okay")), (1, _("Dissatisfied")))
        )
        body = Markup("<p>{}</p><p>{}</p>").format(
            _(
                "Your request %(ticket)s is solved. How satisfied are you with our service?",
                ticket=self.display_name,
            ),
            links,
        )
        self.sudo().with_context(service_desk_sla_write=True)._reply_to_requester(body)
        return rating
