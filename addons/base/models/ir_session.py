"""Web sessions kept in the database: expired ones are deleted by a scheduled action."""
from __future__ import annotations

from core import clock, model

GC_BATCH = 5000


@model("ir.session")
class IrSession:
    def _gc_expired(self) -> bool:
        """Scheduled action: delete the sessions whose idle timeout or lifetime has passed."""
        now = clock.utcnow()
        sessions = self.sudo()
        while True:
            expired = sessions.search([("date_expiry", "<", now)], limit=GC_BATCH)
            if not expired:
                return True
            expired.unlink()
