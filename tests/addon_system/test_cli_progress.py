"""Progress of long commands: a redrawn bar on a terminal, one plain line per step in pipes and CI."""
from __future__ import annotations

import io

from click.testing import CliRunner

from core.cli.main import cli
from core.cli.progress import Steps, bar
from tests.addon_system.test_cli import TESTS_ADDONS


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_steps_in_a_pipe_are_plain_lines():
    out = io.StringIO()
    with Steps("Installing", out) as steps:
        steps.step("base: models")
        steps.step("base: data")
    assert out.getvalue().splitlines() == ["Installing: base: models", "Installing: base: data",
                                           "Installing: done (2 steps)"]
    assert "\r" not in out.getvalue()


def test_steps_on_a_terminal_redraw_one_bar():
    out = Terminal()
    with Steps("Installing", out) as steps:
        steps.step("base: models")
        steps.step("base: data")
    assert "\r" in out.getvalue() and "base: data" in out.getvalue()


def test_row_counter_in_a_pipe_prints_each_tenth_once():
    out = io.StringIO()
    with bar(1000, "Importing contacts", out) as counter:
        for _ in range(100):
            counter.update(10)
    lines = out.getvalue().splitlines()
    assert lines[0] == "Importing contacts: 1000 rows"
    assert lines[1:] == [f"Importing contacts: {n}/1000 rows" for n in range(100, 1001, 100)]


def test_row_counter_of_nothing_ends_cleanly():
    out = io.StringIO()
    with bar(0, "Importing contacts", out):
        pass
    assert out.getvalue().splitlines() == ["Importing contacts: 0 rows", "Importing contacts: 0/0 rows"]


def test_install_output_in_ci_has_one_line_per_step(new_url):
    runner = CliRunner()
    assert runner.invoke(cli, ["init", "--db", new_url]).exit_code == 0
    result = runner.invoke(cli, ["install", "--db", new_url, "--addons-path", TESTS_ADDONS, "addon_a"])
    assert result.exit_code == 0, result.output
    assert "\r" not in result.output
    step_lines = [line for line in result.output.splitlines() if line.startswith("Installing")]
    assert len(step_lines) >= 3 and any("addon_b" in line for line in step_lines)
