"""Sales teams: members through crm.team.member, and the team of each salesperson."""
from __future__ import annotations

from typing import Any

from core import model

NEGATIVE = {"!=": "=", "<>": "=", "not in": "in"}


def _membership_domain(field: str, operator: str, value: Any) -> list[Any]:
    """Records with (or, for a negative operator, without) an active membership matching the leaf."""
    if operator in NEGATIVE:
        return [("crm_team_member_ids", "not any", [(field, NEGATIVE[operator], value), ("active", "=",
                                                                                         True)])]
    return [("crm_team_member_ids", "any", [(field, operator, value), ("active", "=", True)])]


@model("crm.team")
class CrmTeam:
    def _compute_member_ids(self) -> None:
        for team in self:
            team.member_ids = team.crm_team_member_ids.filtered("active").mapped("user_id")

    def _inverse_member_ids(self) -> None:
        """Writing the salespersons adds (or reactivates) and archives memberships to match."""
        Member = self.env["crm.team.member"].with_context(active_test=False)
        for team in self:
            wanted = set(self.env.cache.get(self._fields["member_ids"], team.id) or ())
            memberships = Member.search([("crm_team_id", "=", team.id)])
            by_user = {m.user_id.id: m for m in memberships}
            to_archive = memberships.filtered(lambda m, keep=wanted: m.active and m.user_id.id not in keep)
            to_restore = memberships.filtered(lambda m, keep=wanted: not m.active and m.user_id.id in keep)
            if to_archive:
                to_archive.write({"active": False})
            if to_restore:
                to_restore.write({"active": True})
            new = [{"crm_team_id": team.id, "user_id": uid} for uid in sorted(wanted) if uid not in by_user]
            if new:
                Member.create(new)

    def _search_member_ids(self, operator: str, value: Any) -> list[Any]:
        return _membership_domain("user_id", operator, value)


@model("res.users")
class ResUsers:
    def _compute_crm_team_ids(self) -> None:
        for user in self:
            user.crm_team_ids = user.crm_team_member_ids.filtered("active").mapped("crm_team_id")

    def _search_crm_team_ids(self, operator: str, value: Any) -> list[Any]:
        return _membership_domain("crm_team_id", operator, value)

    def _compute_sale_team_id(self) -> None:
        for user in self:
            teams = user.crm_team_member_ids.filtered("active").mapped("crm_team_id").filtered("active")
            user.sale_team_id = teams.sorted(key=lambda t: (t.sequence, t.id))[:1]
