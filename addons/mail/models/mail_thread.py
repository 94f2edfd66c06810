"""The chatter's API on every model with ``chatter: true``: messages, notes, logged emails and calls,
followers. Tracking of changes lives in mail_thread_tracking.py."""
from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup, escape

from addons.mail.models.mail_access import is_share_user
from addons.mail.models.mail_subtype_cache import default_subtype_ids
from core import _, clock, model, public
from core.exceptions import AccessError, ValidationError

MESSAGE_TYPES = ("comment", "notification", "email")
POST_OPTIONS = frozenset({"email_from", "record_name", "mail_activity_type_id"})


def body_to_html(body: Any, is_html: bool = False) -> str:
    """Plain text escaped into paragraphs and line breaks; HTML kept as is (the html field sanitises it)."""
    if body is None or body is False:
        return ""
    if is_html or isinstance(body, Markup):
        return str(body)
    text = str(body).strip()
    if not text:
        return ""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(f"<p>{Markup('<br>').join(escape(line) for line in p.strip().splitlines())}</p>"
                   for p in paragraphs)


@model("mail.thread")
class MailThread:
    # the right on the document needed to post on it (Odoo's _mail_post_access)
    _mail_post_access = "write"

    # -- fields ----------------------------------------------------------------------------
    def _messages_of(self, extra: list[Any] | None = None) -> Any:
        domain = [("model", "=", self._name), ("res_id", "in", self.ids), ("is_orphan", "=", False)]
        if is_share_user(self.env):
            domain.append(("is_internal", "=", False))
        return self.env["mail.message"].sudo().search(domain + (extra or []), order="id desc")

    def _compute_message_ids(self) -> None:
        by_record: dict[int, list[int]] = {record_id: [] for record_id in self.ids}
        for message in self._messages_of() if self.ids else ():
            by_record[message.res_id].append(message.id)
        for record in self:
            record.message_ids = by_record.get(record.id, [])

    def _search_message_ids(self, operator: str, value: Any) -> list[Any]:
        messages = self.env["mail.message"].sudo()
        if operator in ("=", "!=") and value is False:
            owners = messages.search([("model", "=", self._name), ("is_orphan", "=", False)]).mapped("res_id")
            return [("id", "not in" if operator == "=" else "in", owners)]
        if operator in ("in", "=", "not in", "!="):
            ids = value if isinstance(value, (list, tuple)) else [value]
            owners = messages.search([("id", "in", list(ids)), ("model", "=", self._name)]).mapped("res_id")
            return [("id", "in" if operator in ("in", "=") else "not in", owners)]
        raise ValidationError(_("Messages can only be searched by id (in, not in, =, !=)."),
                              field="message_ids")

    def _followers_of(self) -> Any:
        if not self.ids:
            return self.env["mail.followers"].sudo()
        Followers = self.env["mail.followers"].sudo()
        return Followers.search([("res_model", "=", self._name), ("res_id", "in", self.ids)])

    def _compute_message_follower_ids(self) -> None:
        by_record: dict[int, list[int]] = {record_id: [] for record_id in self.ids}
        for follower in self._followers_of():
            by_record[follower.res_id].append(follower.id)
        for record in self:
            record.message_follower_ids = by_record.get(record.id, [])

    def _compute_message_partner_ids(self) -> None:
        by_record: dict[int, list[int]] = {record_id: [] for record_id in self.ids}
        for follower in self._followers_of():
            by_record[follower.res_id].append(follower.partner_id.id)
        for record in self:
            record.message_partner_ids = by_record.get(record.id, [])

    def _search_message_partner_ids(self, operator: str, value: Any) -> list[Any]:
        followers = self.env["mail.followers"].sudo().search([("res_model", "=", self._name),
                                                              ("partner_id", operator, value)])
        return [("id", "in", followers.mapped("res_id"))]

    def _compute_message_is_follower(self) -> None:
        partner = self.env.user.partner_id.id
        following = {f.res_id for f in self._followers_of() if f.partner_id.id == partner}
        for record in self:
            record.message_is_follower = record.id in following

    def _search_message_is_follower(self, operator: str, value: Any) -> list[Any]:
        if operator not in ("=", "!="):
            raise ValidationError(_("Is Follower can only be searched with = or !=."),
                                  field="message_is_follower")
        mine = self.env.user.partner_id.id
        followers = self.env["mail.followers"].sudo().search([("res_model", "=", self._name),
                                                              ("partner_id", "=", mine)])
        positive = bool(value) == (operator == "=")
        return [("id", "in" if positive else "not in", followers.mapped("res_id"))]

    # -- posting ---------------------------------------------------------------------------
    def _check_can_post(self) -> None:
        operation = self._mail_post_access
        self.check_access_rights(operation)
        self.check_access_rule(operation)

    @public
    def message_post(self, body: Any = "", subject: str | None = None, message_type: str = "notification",
                     subtype_xmlid: str | None = None, subtype_id: int | None = None,
                     partner_ids: list[int] | None = None, attachment_ids: list[int] | None = None,
                     author_id: int | None = None, parent_id: int | None = None, body_is_html: bool = False,
                     **options: Any) -> int:
        """Post a message on the record (a note by default: subtype mail.mt_note); the new message's id.

        A plain-text body is escaped into paragraphs; an HTML body (``body_is_html``) is sanitised.
        """
        self.ensure_one()
        unknown = sorted(set(options) - POST_OPTIONS)
        if unknown:
            raise ValidationError(_("message_post got unknown arguments: %(names)s",
                                    names=", ".join(unknown)))
        if message_type not in MESSAGE_TYPES:
            raise ValidationError(_("Invalid message_type %(type)r: expected one of %(types)s.",
                                    type=message_type, types=", ".join(MESSAGE_TYPES)), field="message_type")
        self._check_can_post()
        subtype = self._post_subtype(subtype_xmlid, subtype_id)
        author = self._post_author(author_id, message_type)
        values: dict[str, Any] = {
            "model": self._name, "res_id": self.id, "body": body_to_html(body, body_is_html),
            "subject": subject or False, "message_type": message_type, "subtype_id": subtype.id,
            "is_internal": subtype.internal, "author_id": author, "date": clock.utcnow(),
            "record_name": options.get("record_name") or self.sudo().display_name,
            "email_from": options.get("email_from") or False,
        }
        if options.get("mail_activity_type_id"):
            values["mail_activity_type_id"] = self._existing("mail.activity.type",
                                                             [options["mail_activity_type_id"]],
                                                             "mail_activity_type_id")[0]
        if partner_ids:
            values["partner_ids"] = [(6, 0, self._existing("res.partner", partner_ids, "partner_ids"))]
        if parent_id:
            values["parent_id"] = self._existing("mail.message", [parent_id], "parent_id")[0]
        if attachment_ids:
            values["attachment_ids"] = [(6, 0, self._adopt_attachments(attachment_ids))]
        return self.env["mail.message"].sudo().create(values).id

    def _post_subtype(self, subtype_xmlid: str | None, subtype_id: int | None) -> Any:
        Subtype = self.env["mail.message.subtype"].sudo()
        if subtype_id:
            subtype = Subtype.browse(int(subtype_id)).exists()
        else:
            subtype = self.env.ref(subtype_xmlid or "mail.mt_note", raise_if_not_found=False)
            subtype = subtype.sudo() if subtype is not None and subtype._name == Subtype._name else Subtype
        if not subtype:
            raise ValidationError(_("Unknown message subtype %(subtype)s.",
                                    subtype=subtype_xmlid or subtype_id), field="subtype_id")
        return subtype

    def _post_author(self, author_id: int | None, message_type: str) -> int:
        """The poster's partner; another author only for a logged email (who sent it) or the system."""
        mine = self.env.user.partner_id.id
        if not author_id or author_id == mine:
            return mine
        if not (self.env.su or message_type == "email"):
            raise AccessError(_("You can only post messages as yourself."))
        return self._existing("res.partner", [author_id], "author_id")[0]

    def _existing(self, model_name: str, ids: Any, field: str) -> list[int]:
        if not isinstance(ids, (list, tuple)) or not all(type(i) is int for i in ids):
            raise ValidationError(_("%(field)s must be a list of ids.", field=field), field=field)
        found = self.env[model_name].sudo().browse(list(ids)).exists()
        missing = sorted(set(ids) - set(found.ids))
        if missing:
            raise ValidationError(_("%(field)s: %(model)s records %(ids)s do not exist.", field=field,
                                    model=model_name, ids=missing), field=field)
        return list(dict.fromkeys(ids))

    def _adopt_attachments(self, attachment_ids: Any) -> list[int]:
        """Attachments the user may read; those not attached to anything yet join this record."""
        ids = self._existing("ir.attachment", attachment_ids, "attachment_ids")
        attachments = self.env["ir.attachment"].browse(ids)
        attachments.check_access_rule("read")
        loose = attachments.sudo().filtered(lambda a: a.res_model in (False, "", "mail.compose.message"))
        if loose:
            loose.write({"res_model": self._name, "res_id": self.id})
        return ids

    # -- followers -------------------------------------------------------------------------
    @public
    def message_subscribe(self, partner_ids: list[int] | None = None,
                          subtype_ids: list[int] | None = None) -> bool:
        """Make the partners follow the records (of ``subtype_ids``, or of the default subtypes); True."""
        if not self or not partner_ids:
            return True
        partners = self._existing("res.partner", partner_ids, "partner_ids")
        self._check_follower_change(partners)
        if subtype_ids is not None:
            subtypes = self._existing("mail.message.subtype", subtype_ids, "subtype_ids")
        else:
            subtypes = self._default_subtypes()
        self.sudo()._add_followers(partners, subtypes, replace=subtype_ids is not None)
        return True

    @public
    def message_unsubscribe(self, partner_ids: list[int] | None = None) -> bool:
        """Stop the partners following the records; True."""
        if not self or not partner_ids:
            return True
        partners = self._existing("res.partner", partner_ids, "partner_ids")
        self._check_follower_change(partners)
        self._followers_of().filtered(lambda f: f.partner_id.id in partners).unlink()
        return True

    def _check_follower_change(self, partner_ids: list[int]) -> None:
        """Following needs read access to the records; changing someone else's following, write access."""
        operation = "read" if partner_ids == [self.env.user.partner_id.id] else "write"
        self.check_access_rights(operation)
        self.check_access_rule(operation)

    def _default_subtypes(self) -> list[int]:
        return default_subtype_ids(self.env, self._name)

    def _add_followers(self, partner_ids: list[int], subtype_ids: list[int], replace: bool = False,
                       new: bool = False) -> None:
        """Followers for every (record, partner) pair, in one search and one create (no search for
        records just created: they have no followers yet)."""
        existing = {} if new else {(f.res_id, f.partner_id.id): f for f in self._followers_of()
                                   if f.partner_id.id in partner_ids}
        to_create = [{"res_model": self._name, "res_id": record_id, "partner_id": partner_id,
                      "subtype_ids": [(6, 0, subtype_ids)]}
                     for record_id in self.ids for partner_id in partner_ids
                     if (record_id, partner_id) not in existing]
        if to_create:
            self.env["mail.followers"].sudo().create(to_create)
        if replace and existing:
            self.env["mail.followers"].sudo().browse([f.id for f in existing.values()]).write(
                {"subtype_ids": [(6, 0, subtype_ids)]})
