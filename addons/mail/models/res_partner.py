"""Contacts with a chatter: internal users who may read a contact may log notes and calls on it."""
from __future__ import annotations

from core import model


@model("res.partner")
class ResPartnerThread:
    _mail_post_access = "read"
