"""A model that goes away (uninstalled, or a custom model deleted) takes its messages and followers along."""
from __future__ import annotations

from core import model


@model("ir.model")
class IrModelMail:
    def unlink(self) -> bool:
        names = self.sudo().exists().mapped("model")
        result = super().unlink()
        if names:
            Message = self.env["mail.message"].sudo()
            Message.search([("model", "in", names)]).unlink()
        return result
