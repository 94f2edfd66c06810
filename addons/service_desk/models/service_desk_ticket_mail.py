"""Email in and out of service tickets: replies are addressed to the ticket's own address (the team's
alias with the ticket's id and a signature), and ``message_process`` reads an incoming email: an answer
to that address updates its ticket, a new email to a team's alias opens a ticket in that team."""

from __future__ import annotations

import base64
import hmac
from typing import Any

from addons.service_desk import incoming
from core import _, model
from core.exceptions import UserError

SIGNATURE = 8


@model("service_desk.ticket.mixin")
class ServiceTicketMail:
    def _notify_get_reply_to(self) -> str | bool:
        alias = self.team_id.alias_email
        if not alias or "@" not in alias or not self.access_token:
            return False
        local, _at, domain = alias.partition("@")
        return f"{local}+{self.id}-{self.access_token[:SIGNATURE]}@{domain}"

    def message_process(self, raw: bytes | str) -> Any:
        """Read an incoming email: update the ticket it answers or open one in the team it is sent to;
        the ticket. An email read before (same Message-Id) changes nothing."""
        try:
            mail = incoming.parse(raw)
        except ValueError as error:
            raise UserError(_("The email cannot be read: %(reason)s.", reason=str(error)))
        Tickets = self.sudo()
        for address in mail.recipients:
            ticket = Tickets._ticket_of_reply_address(address)
            if ticket:
                return ticket.message_update(mail)
        if mail.message_id:
            known = Tickets.with_context(active_test=False).search(
                [("email_msg_id", "=", mail.message_id)], limit=1
            )
            if known:
                return known
        Team = self.env["service_desk.team"].sudo()
        for address in mail.recipients:
            team = Team.search([("alias_email", "=ilike", address)], limit=1)
            if team:
                return Tickets.message_new(mail, {"team_id": team.id})
        raise UserError(
            _(
                "No team reads the address(es) %(addresses)s: set it as a team's email alias.",
                addresses=", ".join(mail.recipients) or "-",
            )
        )

    def _ticket_of_reply_address(self, address: str) -> Any:
        found = incoming.REPLY_ADDRESS.match(address)
        if not found:
            return self.browse()
        ticket = self.browse(int(found["id"])).exists()
        if (
            not ticket
            or not ticket.access_token
            or not hmac.compare_digest(ticket.access_token[:SIGNATURE], found["sig"])
        ):
            return self.browse()
        alias = (ticket.team_id.alias_email or "").lower()
        return ticket if alias == f"{found['local']}@{found['domain']}".lower() else self.browse()

    def message_new(self, mail: incoming.Incoming, custom_values: dict[str, Any] | None = None) -> Any:
        """A ticket from a new email: its subject, its body as the description, its sender as requester."""
        values = {
            "name": mail.subject or _("(no subject)"),
            "description": mail.body_html,
            "partner_email": mail.author_email,
            "partner_name": mail.author_name or False,
            "email_msg_id": mail.message_id or False,
            **(custom_values or {}),
        }
        if "description" not in self._fields:
            values.pop("description")
        ticket = self.create(values)
        ticket._post_incoming(mail)
        return ticket

    def message_update(self, mail: incoming.Incoming) -> Any:
        """Add an answer of the requester to the ticket; a ticket waiting for them goes back to work."""
        self.ensure_one()
        self._post_incoming(mail)
        self._resume_from_waiting()
        return self

    def _resume_from_waiting(self) -> None:
        """A ticket waiting for its requester goes back to the last working stage before the waiting one."""
        for ticket in self.filtered(lambda t: t.stage_id.is_waiting):
            limit = ticket.stage_id.sequence
            stages = ticket.team_id.stage_ids.filtered(
                lambda s, limit=limit: not s.is_waiting and not s.is_close and s.sequence <= limit
            )
            if stages:
                ticket.stage_id = stages.sorted(lambda s: (s.sequence, s.id))[-1]

    def _post_incoming(self, mail: incoming.Incoming) -> int:
        author = (
            self.partner_id
            if (self.partner_id.email or "").lower() == mail.author_email
            else self._requester_partner(
                {"partner_email": mail.author_email, "partner_name": mail.author_name}
            )
        )
        Attachment = self.env["ir.attachment"].sudo()
        files = [
            Attachment.create(
                {
                    "name": name,
                    "datas": base64.b64encode(data).decode(),
                    "res_model": self._name,
                    "res_id": self.id,
                }
            ).id
            for name, data in mail.attachments
        ]
        return self.message_post(
            body=mail.body_html,
            body_is_html=True,
            subject=mail.subject or None,
            message_type="email",
            subtype_xmlid="mail.mt_comment",
            author_id=author.id,
            email_from=f"{mail.author_name} <{mail.author_email}>" if mail.author_name else mail.author_email,
            attachment_ids=files or None,
        )
