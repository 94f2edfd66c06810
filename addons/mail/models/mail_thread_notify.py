"""Email notifications of the chatter: a message sent with "Send message" (a comment of a public
subtype such as mail.mt_comment, never a note) is queued as one mail.mail per recipient partner, and
sent right after the transaction commits, or by the queue's scheduled action.

Recipients are the message's ``partner_ids`` plus the followers of its subtype, minus the author and
partners without an email. The context keys ``mail_notrack`` and ``tracking_disable`` notify nobody;
``mail_notify_force_send: False`` leaves the mails to the scheduled action.
"""
from __future__ import annotations

import logging
from typing import Any

from markupsafe import Markup

from addons.mail.models.mail_mail import format_address
from core import _, model, public
from core.i18n import use_lang

_logger = logging.getLogger(__name__)
FORCE_SEND_KEY = "mail.mail.force_send_ids"  # cr.data key: mails to send once this transaction commits


@model("mail.thread")
class MailThreadNotify:
    @public
    def message_post(self, *args: Any, **kwargs: Any) -> int:
        """Post as mail.thread's message_post does, then email the recipients of a sent message."""
        message_id = super().message_post(*args, **kwargs)
        if not self._notify_disabled():
            self._notify_by_email(self.env["mail.message"].sudo().browse(message_id))
        return message_id

    def _notify_disabled(self) -> bool:
        context = self.env.context
        return any(context.get(key) for key in ("mail_notrack", "tracking_disable", "install_mode"))

    def _notify_recipients(self, message: Any) -> Any:
        """Partners to email about ``message``: its partners and the followers of its subtype, with an
        email, without the author."""
        if message.message_type != "comment" or not message.subtype_id or message.subtype_id.internal:
            return self.env["res.partner"].sudo()
        subtype = message.subtype_id.id
        followers = self._followers_of().filtered(lambda f: subtype in f.subtype_ids.ids).mapped("partner_id")
        partners = (message.partner_ids | followers) - message.author_id
        return partners.filtered(lambda p: p.email and p.active)

    def _notify_get_reply_to(self) -> str | bool:
        """The Reply-To of the record's notifications (False: answers go to the sender); models that read
        incoming mail answer an address of their own."""
        return False

    def _notify_by_email(self, message: Any) -> Any:
        """Queue one mail.mail per recipient of ``message`` and send them after the commit; the mails."""
        recipients = self._notify_recipients(message)
        Mail = self.env["mail.mail"].sudo()
        if not recipients:
            return Mail
        record = self.sudo()
        company = record.company_id if "company_id" in record._fields else self.env.company
        company = company or self.env.company
        email_from = message.email_from or format_address(message.author_id.name, message.author_id.email) \
            or format_address(company.name, company.email)
        document = record.display_name or ""
        reply_to = record._notify_get_reply_to()
        values = []
        for partner in recipients:
            with use_lang(partner.lang or self.env.lang):  # the footer speaks the recipient's language
                footer = _("Sent from %(document)s in %(company)s", document=document,
                           company=company.name or "")
            values.append({
                "mail_message_id": message.id,
                "subject": message.subject or message.record_name or document,
                "body_html": Markup("{}<hr><p><small>{}</small></p>").format(Markup(message.body or ""),
                                                                             footer),
                "email_from": email_from or False,
                "reply_to": reply_to or False,
                "recipient_ids": [(6, 0, [partner.id])],
            })
        mails = Mail.create(values)
        if self.env.context.get("mail_notify_force_send", True):
            _send_after_commit(self.env, mails.ids)
        return mails


def _send_after_commit(env: Any, mail_ids: list[int]) -> None:
    """Send the mails in a new transaction once the current one commits; a rollback sends nothing."""
    pending = env.cr.data.get(FORCE_SEND_KEY)
    if pending is not None:  # one callback per transaction sends every mail queued in it
        pending.extend(mail_ids)
        return
    pending = env.cr.data[FORCE_SEND_KEY] = list(mail_ids)
    registry = env.registry

    def send() -> None:
        try:
            with registry.environment() as send_env:
                send_env["mail.mail"].browse(pending).exists().send()
        except Exception:  # the user's change is committed already; the cron retries what is left
            _logger.exception("sending mails %s after commit failed; the queue will retry them", pending)

    env.cr.postcommit.append(send)
