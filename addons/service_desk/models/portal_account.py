"""Portal accounts: a requester signs up with their email (or staff invite them); the emailed link, valid
for a few days and used once, lets them choose a password. The account is a portal user bound to the
contact of that email, so it sees the tickets and requests filed with it, before and after (the record
rules of the ticket models keep it to those)."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from markupsafe import Markup

from addons.service_desk.models.service_desk_ticket_messages import base_url
from core import _, clock, model, public
from core.exceptions import UserError, ValidationError

LINK_DAYS = 3


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _is_staff(user: Any) -> bool:
    """A back-office user (internal, through any group implying it): never turned into a portal one."""
    return bool(user) and user.has_group("base.group_user")


@model("res.partner")
class PartnerPortalAccount:
    def _portal_invite(self) -> str:
        """Email the contact a link to choose the password of their portal account; the link."""
        self.ensure_one()
        partner = self.sudo()
        if not partner.email:
            raise UserError(_("%(name)s has no email to send the portal link to.", name=partner.name))
        user = self.env["res.users"].sudo().with_context(active_test=False).search(
            [("partner_id", "=", partner.id)], limit=1)
        if _is_staff(user):
            raise UserError(_("%(name)s is a user of the back office, not of the portal.", name=partner.name))
        token = secrets.token_urlsafe(32)
        partner.write({"signup_token_hash": _digest(token),
                       "signup_expiration": clock.utcnow() + dt.timedelta(days=LINK_DAYS)})
        link = f"{base_url(self.env)}/my/account/{token}"
        company = self.env.company
        body = Markup("<p>{}</p><p><a href=\"{}\">{}</a></p><p>{}</p>").format(
            _("Hello %(name)s, choose a password to follow all your requests and tickets in one place:",
              name=partner.name),
            link, link, _("The link works once, for %(days)s days.", days=LINK_DAYS))
        mail = self.env["mail.mail"].sudo().create({
            "subject": _("Your account at %(company)s", company=company.name or ""),
            "body_html": body,
            "email_to": partner.email,
            "email_from": company.email or False,
        })
        from addons.mail.models.mail_thread_notify import _send_after_commit

        _send_after_commit(self.env, mail.ids)
        return link

    @public
    def action_portal_invite(self) -> bool:
        """Invite the contacts to the portal (an email with their link); True. Only for those who may
        edit the contacts."""
        self.check_access_rights("write")
        self.check_access_rule("write")
        for partner in self:
            partner._portal_invite()
        return True

    def _portal_signup_request(self, name: str, email: str) -> None:
        """A visitor asks for an account: the link goes to ``email`` (its contact, made if new); the
        answer is the same whether the email was known, so nobody learns who files requests."""
        email = (email or "").strip()
        if "@" not in email or " " in email or len(email) > 254:
            raise ValidationError(_("Write a valid email address."), field="email")
        Partner = self.env["res.partner"].sudo()
        partner = Partner.search([("email", "=ilike", email)], limit=1)
        if not partner:
            partner = Partner.create({"name": (name or "").strip() or email.split("@")[0], "email": email})
        users = self.env["res.users"].sudo().with_context(active_test=False)
        if _is_staff(users.search([("partner_id", "=", partner.id)], limit=1)):
            return  # staff log in to the back office; say nothing more
        partner._portal_invite()

    def _portal_partner_of_token(self, token: str) -> Any:
        """The contact whose valid portal link is ``token``; empty when unknown, used or expired."""
        if not token:
            return self.browse()
        partner = self.sudo().search([("signup_token_hash", "=", _digest(token))], limit=1)
        if not partner or not partner.signup_expiration or partner.signup_expiration < clock.utcnow():
            return self.browse()
        return partner


@model("res.users")
class UsersPortalAccount:
    def _portal_activate(self, token: str, password: str) -> int:
        """Set the password of the portal account of the link ``token`` (made now if new); its uid.
        The link is spent."""
        partner = self.env["res.partner"]._portal_partner_of_token(token)
        if not partner:
            raise UserError(_("This link is not valid any more: ask for a new one."))
        Users = self.sudo().with_context(active_test=False)
        user = Users.search([("partner_id", "=", partner.id)], limit=1)
        if _is_staff(user):
            raise UserError(_("This link is not valid any more: ask for a new one."))
        if user:
            user.write({"password": password, "active": True})
        else:
            login = partner.email.strip().lower()
            if Users.search_count([("login", "=", login)]):
                raise UserError(_("An account with the login %(login)s exists already.", login=login))
            user = Users.create({
                "name": partner.name,
                "login": login,
                "password": password,
                "partner_id": partner.id,
                "groups_id": [(6, 0, [self.env.ref("base.group_portal").id])],
            })
        partner.sudo().write({"signup_token_hash": False, "signup_expiration": False})
        return user.id


@model("service_desk.ticket.mixin")
class ServiceTicketPortal:
    def _portal_path(self) -> str:
        """The tracking page of the record (with its secret), as the model's portal serves it."""
        raise NotImplementedError(f"{self._name} has no portal page")

    def _portal_entries(self) -> list[dict[str, Any]]:
        """What a requester's list shows of each record: kind, number, subject, stage, dates, link."""
        kind = self._model_description()
        entries = []
        for record in self.sudo():
            entries.append({
                "model": record._name,
                "kind": kind,
                "number": record._portal_number(),
                "subject": record._portal_subject(),
                "stage": record.stage_id.public_name or record.stage_id.name or "",
                "closed": bool(record.close_date),
                "filed": record.sla_start or record.create_date,
                "updated": record.write_date,
                "url": record._portal_path(),
            })
        return entries

    def _portal_number(self) -> str:
        return self.display_name

    def _portal_subject(self) -> str:
        return self.display_name
