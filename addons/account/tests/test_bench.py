"""``erp bench``'s invoicing scenarios at a tiny size: they run on databases of their own and report
their figures (never timed: speed belongs to the benchmark's output)."""

from __future__ import annotations

import json

from click.testing import CliRunner

from core.cli.bench import bench
from tests.databases import new_db_url


def test_invoicing_scenarios_report_their_figures():
    arguments = [
        "--db",
        new_db_url("benchaccount"),
        "--size",
        "20",
        "--json",
        "--only",
        "account_invoices,account_trial_balance",
    ]
    result = CliRunner().invoke(bench, arguments)
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    invoices = figures["account_invoices"]
    assert invoices["invoices"] == 20 and invoices["journal_items"] == 20 * 5
    for key in ("create_invoices_per_s", "post_invoices_per_s", "raw_sql_invoices_per_s", "post_vs_raw_sql"):
        assert invoices[key] > 0, key
    # posting is batched: a few statements per invoice, not one per journal item and step
    assert 0 < invoices["post_sql_statements_per_invoice"] <= 12
    assert 0 < invoices["create_sql_statements_per_invoice"] <= 40
    trial = figures["account_trial_balance"]
    assert trial["journal_items"] == 1000 and trial["balanced"] is True
    assert trial["trial_balance_ms"] > 0 and trial["accounts"] > 1
