"""An addon that lives outside the repository: its path is given once (or in erp.toml) and the
database remembers it; when its folder is lost, the server still serves everything else and the
addon can still be uninstalled with its tables, columns, views and menus."""
from __future__ import annotations

import logging
import shutil
import textwrap
from pathlib import Path

import pytest
import sqlalchemy as sa
from click.testing import CliRunner

from core.cli.main import cli
from core.db.engine import drop_database
from core.registry.registry import Registry
from tests.databases import new_db_url
from tests.fixtures.web_client import log_in

FILES = {
    "manifest.yaml": """
        name: Library
        version: "1.0"
        depends: [base]
        data:
          - security/ir.model.access.csv
          - views/book.yaml
    """,
    "models/book.yaml": """
        model: library.book
        description: Book
        fields:
          name: {type: char, string: Title, required: true}
          pages: {type: integer}
          reader_ids: {type: many2many, comodel_name: res.partner, string: Readers}
        ---
        inherit: res.partner
        fields:
          favourite_book_id: {type: many2one, comodel_name: library.book, string: Favourite Book}
    """,
    "security/ir.model.access.csv": """
        id,name,model_id:id,group_id:id,perm_read,perm_write,perm_create,perm_unlink
        access_library_book,library.book,model_library_book,base.group_user,1,1,1,1
    """,
    "views/book.yaml": """
        views:
          - id: view_partner_form_library
            inherit: base.view_partner_form
            changes:
              - inside: pages
                nodes:
                  - page: library
                    string: Library
                    children:
                      - field: favourite_book_id
        actions:
          - id: library_book_action
            name: Books
            model: library.book
            view_mode: list,form
        menus:
          - id: library_menu_root
            name: Library
            action: library_book_action
    """,
}


def write_addon(folder: Path) -> Path:
    addon = folder / "library"
    for name, text in FILES.items():
        path = addon / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return addon


@pytest.fixture
def url():
    url = new_db_url("outside")
    yield url
    Registry.forget(url)
    drop_database(url)


def erp(*args: str, **kwargs):
    result = CliRunner().invoke(cli, list(args), **kwargs)
    return result


def fresh(url: str) -> Registry:
    Registry.forget(url)
    return Registry.get(url)


def columns(url: str, table: str) -> set[str]:
    with Registry.get(url).engine.connect() as conn:
        inspector = sa.inspect(conn)
        return {c["name"] for c in inspector.get_columns(table)} if inspector.has_table(table) else set()


def served_pages(url: str) -> tuple[int, int, str]:
    """Status of the home page and of the partner form, and the home page's text, for the admin."""
    from web.app import create_app

    client = create_app(url, {"TESTING": True}).test_client()
    assert log_in(client, "admin", "admin").status_code in (200, 302)
    home = client.get("/web")
    with Registry.get(url).environment() as env:
        partner = env.ref("base.main_partner").id
    form = client.get(f"/web/model/res.partner/{partner}", follow_redirects=True)
    return home.status_code, form.status_code, home.get_data(as_text=True) + form.get_data(as_text=True)


def test_path_given_once_then_remembered_then_lost(url, tmp_path, caplog):
    extra = tmp_path / "extra"
    write_addon(extra)
    assert erp("init", "--db", url).exit_code == 0
    result = erp("install", "--db", url, "--addons-path", str(extra), "library")
    assert result.exit_code == 0, result.output

    # every later command finds the addon without being told where it is
    result = erp("upgrade", "--db", url, "library")
    assert result.exit_code == 0, result.output
    registry = fresh(url)
    assert "library.book" in registry.models and registry.missing_addons == []
    with registry.environment() as env:
        module = env["ir.module.module"].search([("name", "=", "library")])
        assert module.addons_path == str(extra.resolve()) and module.state == "installed"
        assert env["ir.module.module"].search([("name", "=", "base")]).addons_path == ""
    home, form, text = served_pages(url)
    assert (home, form) == (200, 200) and "Library" in text and "Favourite Book" in text

    # the folder is lost: a warning, everything else still served
    shutil.rmtree(extra)
    with caplog.at_level(logging.WARNING, logger="core.registry.installed"):
        registry = fresh(url)
    assert registry.missing_addons == ["library"] and "library.book" not in registry.models
    assert any("library" in r.getMessage() and "erp uninstall" in r.getMessage() for r in caplog.records)
    home, form, text = served_pages(url)
    assert (home, form) == (200, 200)
    assert "Favourite Book" not in text

    # and it can still be uninstalled: tables, columns, views, menus and model rows go
    result = erp("uninstall", "--db", url, "library")
    assert result.exit_code == 0, result.output
    registry = fresh(url)
    assert registry.missing_addons == []
    assert columns(url, "library_book") == set()
    assert "favourite_book_id" not in columns(url, "res_partner")
    with registry.environment() as env:
        assert env["ir.module.module"].search([("name", "=", "library")]).state == "uninstalled"
        assert not env["ir.ui.menu"].search([("name", "=", "Library")])
        assert not env["ir.ui.view"].search([("name", "ilike", "library")])
        assert not env["ir.model"].search([("model", "=", "library.book")])
        assert not env["ir.model.fields"].search([("name", "=", "favourite_book_id")])
        assert not env["ir.model.data"].search([("module", "=", "library")])
    with Registry.get(url).engine.connect() as conn:
        tables = set(sa.inspect(conn).get_table_names())
    assert not [t for t in tables if "library_book" in t]


def test_erp_toml_gives_every_command_its_database_and_addons_path(url, tmp_path, monkeypatch):
    extra = tmp_path / "extra"
    write_addon(extra)
    config = tmp_path / "erp.toml"
    config.write_text(f'db = "{url}"\naddons_path = ["{extra}"]\n\n[serve]\nport = 8170\n', encoding="utf-8")
    monkeypatch.delenv("ERP_DB_URL", raising=False)
    monkeypatch.delenv("ERP_ADDONS_PATH", raising=False)
    monkeypatch.chdir(tmp_path)
    assert erp("init").exit_code == 0
    result = erp("install", "library")
    assert result.exit_code == 0, result.output
    assert "library.book" in fresh(url).models
    result = erp("explain", "library.book")
    assert result.exit_code == 0 and "pages" in result.output
    # an explicit file elsewhere, and the command line winning over it
    other = tmp_path / "other.toml"
    other.write_text('db = "sqlite:///nowhere/x.sqlite"\n', encoding="utf-8")
    result = erp("--config", str(other), "explain", "--db", url, "library.book")
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("text, message", [
    ('dbb = "x"\n', "unknown key 'dbb' at the top of the file (did you mean 'db"),
    ('[serve]\nprot = 1\n', "unknown key 'prot' in [serve] (did you mean 'port'?)"),
    ('[serv]\nport = 1\n', "unknown key '[serv]' (no such command) (did you mean '[serve]'?)"),
    ('db = \n', "erp.toml: "),
])
def test_a_wrong_erp_toml_is_refused_naming_the_key(tmp_path, monkeypatch, text, message):
    (tmp_path / "erp.toml").write_text(text, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = erp("explain", "res.partner")
    assert result.exit_code == 2 and message in result.output, result.output


def test_every_command_takes_addons_path():
    from core.cli.main import cli as group

    ctx = group.make_context("erp", ["--help"], resilient_parsing=True)
    for name in group.list_commands(ctx):
        command = group.get_command(ctx, name)
        names = {p.name for p in command.params}
        if {"db_url"} & names:
            assert "addons_path" in names, name
