"""The ``erp`` commands of the addon system: init, install, upgrade, uninstall."""
from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from core.cli.main import cli
from core.registry.registry import Registry

TESTS_ADDONS = str(Path(__file__).resolve().parents[1] / "addons")


def _run(*args):
    return CliRunner().invoke(cli, list(args))


def test_init_with_demo_gives_admin_demo_companies_and_partners(new_url):
    result = _run("init", "--db", new_url, "--addons", "base", "--demo")
    assert result.exit_code == 0, result.output
    with Registry.get(new_url).environment() as env:
        users = env["res.users"].search([("login", "in", ["admin", "demo"])])
        assert sorted(users.mapped("login")) == ["admin", "demo"]
        assert env["res.users"].authenticate("admin", "admin") == env.ref("base.user_admin").id
        assert env["res.users"].authenticate("demo", "demo") == env.ref("base.user_demo").id
        assert env["res.company"].search_count([]) >= 2
        assert env["res.partner"].search_count([("is_company", "=", True)]) >= 3


def test_init_twice_is_refused(new_url):
    assert _run("init", "--db", new_url).exit_code == 0
    result = _run("init", "--db", new_url)
    assert result.exit_code != 0 and "already initialised" in result.output


def test_install_upgrade_uninstall_from_the_command_line(new_url):
    assert _run("init", "--db", new_url).exit_code == 0
    result = _run("install", "--db", new_url, "--addons-path", TESTS_ADDONS, "addon_a")
    assert result.exit_code == 0, result.output
    assert "addon_b" in result.output and "addon_a" in result.output
    assert _run("upgrade", "--db", new_url, "--addons-path", TESTS_ADDONS, "addon_b").exit_code == 0
    result = _run("uninstall", "--db", new_url, "--addons-path", TESTS_ADDONS, "addon_b")
    assert result.exit_code != 0 and "installed addons depend on it" in result.output


def test_install_of_an_unknown_addon_is_a_one_line_error(new_url):
    assert _run("init", "--db", new_url).exit_code == 0
    result = _run("install", "--db", new_url, "no_such_addon")
    assert result.exit_code != 0
    assert "Addon 'no_such_addon' not found" in result.output and "Traceback" not in result.output
