"""The service desk dashboard over the helpdesk's demo tickets, and its place in the Reporting menu."""

from __future__ import annotations


def test_dashboard_counts_the_open_tickets_by_team_and_stage(env):
    tickets = env["helpdesk.ticket"]
    figures = tickets.get_desk_dashboard()
    open_count = tickets.search_count([("close_date", "=", False)])
    assert open_count and sum(row["count"] for row in figures["backlog"]) == open_count
    assert sum(bucket["count"] for bucket in figures["ages"]) == open_count
    by_priority = tickets.get_resolution_stats("priority")
    labels = dict(tickets._fields["priority"].labels())
    assert {row["label"] for row in by_priority} <= set(labels.values())
    assert sum(row["count"] for row in by_priority) == tickets.search_count([])


def test_the_dashboard_is_a_reporting_menu(env):
    menu = env.ref("helpdesk.helpdesk_menu_dashboard")
    assert menu.action_id.url == "/service_desk/dashboard/helpdesk.ticket"
    assert menu.parent_id == env.ref("helpdesk.helpdesk_menu_report")
