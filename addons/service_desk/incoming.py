"""Reading an incoming email (RFC 822 bytes): who wrote, to which addresses, the body and the files."""

from __future__ import annotations

import email
import email.policy
import re
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import getaddresses, parseaddr

from markupsafe import Markup, escape

# a ticket's reply address: <alias local part>+<ticket id>-<8 characters of its token>@<alias domain>
REPLY_ADDRESS = re.compile(r"^(?P<local>[^+@\s]+)\+(?P<id>\d+)-(?P<sig>[\w-]{8})@(?P<domain>[^@\s]+)$")
RECIPIENT_HEADERS = ("To", "Cc", "Delivered-To", "X-Original-To")


@dataclass
class Incoming:
    """What a ticket needs of an email."""

    message_id: str
    subject: str
    author_name: str
    author_email: str
    recipients: list[str]
    body_html: str
    attachments: list[tuple[str, bytes]] = field(default_factory=list)


def parse(raw: bytes | str) -> Incoming:
    """The parts of an RFC 822 message; ValueError when it has no sender address."""
    data = raw.encode() if isinstance(raw, str) else raw
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert isinstance(message, EmailMessage)
    name, address = parseaddr(str(message.get("From", "")))
    if "@" not in address:
        raise ValueError("the email has no sender address (From)")
    recipients = [
        addr
        for _name, addr in getaddresses([str(v) for h in RECIPIENT_HEADERS for v in message.get_all(h, [])])
        if addr
    ]
    return Incoming(
        message_id=str(message.get("Message-Id", "")).strip(),
        subject=str(message.get("Subject", "")).strip(),
        author_name=name,
        author_email=address.lower(),
        recipients=list(dict.fromkeys(recipients)),
        body_html=_body(message),
        attachments=_attachments(message),
    )


def _body(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("html", "plain"))
    if part is None:
        return ""
    content = part.get_content()
    if part.get_content_subtype() == "html":
        return str(content)
    paragraphs = [p for p in str(content).replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(
        Markup("<p>{}</p>").format(Markup("<br>").join(escape(line) for line in p.split("\n")))
        for p in paragraphs
    )


def _attachments(message: EmailMessage) -> list[tuple[str, bytes]]:
    files = []
    for part in message.iter_attachments():
        payload = part.get_payload(decode=True)
        if isinstance(payload, bytes):
            files.append((part.get_filename() or "attachment", payload))
    return files
