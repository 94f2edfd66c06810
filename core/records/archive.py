"""Part of BaseModel: archiving, on every model with an ``active`` field, as Odoo's scripts call it."""
from __future__ import annotations

from typing import TYPE_CHECKING

from core.exceptions import UserError
from core.i18n import _
from core.model_hooks import public
from core.records.model_part import ModelPart

if TYPE_CHECKING:
    pass

# the methods below, hidden from the description of models that cannot archive
ARCHIVE_METHODS = frozenset({"action_archive", "action_unarchive", "toggle_active"})


class ArchiveMixin(ModelPart):
    """Part of BaseModel: action_archive, action_unarchive and toggle_active."""

    def _check_can_archive(self) -> None:
        if "active" not in self._fields or self._fields["active"].type != "boolean":
            raise UserError(_("%(model)s records cannot be archived: the model has no 'active' field.",
                              model=self._name))

    @public
    def toggle_active(self) -> bool:
        """Archive the active records and restore the archived ones (one write for each side)."""
        self._check_can_archive()
        active = self.filtered("active")
        if active:
            active.write({"active": False})
        if self - active:
            (self - active).write({"active": True})
        return True

    @public
    def action_archive(self) -> bool:
        """Archive the records (those already archived stay so); True, where Odoo answers None."""
        self._check_can_archive()
        records = self.with_context(active_test=False).filtered("active")
        if records:
            records.toggle_active()
        return True

    @public
    def action_unarchive(self) -> bool:
        """Restore archived records (those active stay so); True, where Odoo answers None."""
        self._check_can_archive()
        records = self.with_context(active_test=False).filtered(lambda record: not record.active)
        if records:
            records.toggle_active()
        return True
