"""The accounting reports in the web client: each report filtered by period, journal and company, every
figure drilling down to the journal items behind it, and its export to XLSX and PDF."""

from __future__ import annotations

from typing import Any

from flask import Response, render_template, request, url_for

from addons.account.controllers.report_export import filter_lines, to_pdf, to_xlsx
from addons.account.controllers.report_tables import AS_OF, TITLES, Filters, Table, build, parse_filters
from core.exceptions import MissingError
from core.i18n import _
from core.records.environment import Environment
from web.addon_pages import addon_blueprint
from web.client.actions import model_action
from web.client.nav import Nav
from web.client.pages import menu_param, page_context
from web.client.request_env import with_env

bp = addon_blueprint("account_reports", __name__, "/account/reports", assets=True)
DRILL_LIMIT = 2000
LEDGER_LIMIT = 500  # general ledger items per account on screen and in the PDF; the spreadsheet has all
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _report(env: Environment, name: str, ledger_limit: int | None = LEDGER_LIMIT) -> tuple[Table, Filters]:
    if "account.move.line" not in env:  # the routes are mounted for every database
        raise MissingError(_("Invoicing is not installed in this database."))
    if name not in TITLES:
        raise MissingError(_("There is no report %(name)s.", name=name))
    env["account.move.line"].check_access_rights("read")
    filters = parse_filters(env, request.args)
    return build(env, name, filters, ledger_limit), filters


def _menu(env: Environment, name: str) -> int | None:
    """The menu of the page: the request's, else the one opening this report's screen."""
    found = env(su=True)["ir.ui.menu"].search([("action_id.url", "=", f"/account/reports/{name}")], limit=1)
    return menu_param() or found.id or None


def _page(env: Environment, name: str, template: str, title: str, **data: Any) -> str:
    return render_template(template, **page_context(env, None, title, menu_id=_menu(env, name)), **data)


def _header(env: Environment, table: Table, filters: Filters) -> list[str]:
    company = env["res.company"].browse(filters.company_id)
    journal = env["account.journal"].browse(filters.journal_id).display_name if filters.journal_id else ""
    return filter_lines(company.display_name, table, filters, journal)


@bp.route("/<string:name>")
@with_env(readonly=True)
def report(env: Environment, name: str) -> Any:
    """The report ``name`` on screen, with its filters and export links."""
    table, filters = _report(env, name)
    params = filters.params()
    menu = menu_param()
    if menu:
        params["menu"] = str(menu)
    journals = env["account.journal"].search_read([("company_id", "=", filters.company_id)], ["name", "code"])
    companies = env["res.company"].browse(env.companies.ids).read(["name"]) if len(env.companies) > 1 else []
    return _page(
        env,
        name,
        "account/report.html",
        table.title,
        table=table,
        filters=filters,
        params=params,
        journals=journals,
        companies=companies,
        as_of=name in AS_OF,
        header=_header(env, table, filters),
    )


@bp.route("/<string:name>/drill/<string:key>")
@with_env(readonly=True)
def drill(env: Environment, name: str, key: str) -> Any:
    """The posted journal items behind one line of the report, each opening its journal entry."""
    table, filters = _report(env, name)
    row = next((row for row in table.rows if row.key == key and row.domain is not None), None)
    if row is None:
        raise MissingError(_("This line of the report has no journal items to show."))
    fields = [
        "date",
        "move_id",
        "journal_id",
        "account_id",
        "partner_id",
        "name",
        "debit",
        "credit",
        "balance",
    ]
    items = env["account.move.line"].search_read(
        row.domain, fields, order="date, move_name, id", limit=DRILL_LIMIT
    )
    moves = Nav(model_action(env, "account.move"))
    params = filters.params()
    back = url_for(
        "account_reports.report", name=name, **params, **({"menu": menu_param()} if menu_param() else {})
    )
    label = " ".join(str(cell) for cell in row.cells if isinstance(cell, str) and cell)
    return _page(
        env,
        name,
        "account/report_drill.html",
        f"{table.title}: {label}",
        table=table,
        items=items,
        label=label,
        back=back,
        move_url=moves.record_url,
        limit=DRILL_LIMIT,
        totals={key: round(sum(item[key] for item in items), 2) for key in ("debit", "credit", "balance")},
    )


@bp.route("/<string:name>.xlsx")
@with_env(readonly=True)
def report_xlsx(env: Environment, name: str) -> Response:
    """The report as a spreadsheet."""
    table, filters = _report(env, name, ledger_limit=None)
    return _download(to_xlsx(table, _header(env, table, filters)), MIME_XLSX, f"{name}.xlsx")


@bp.route("/<string:name>.pdf")
@with_env(readonly=True)
def report_pdf(env: Environment, name: str) -> Response:
    """The report printed as PDF."""
    table, filters = _report(env, name)
    return _download(to_pdf(table, _header(env, table, filters)), "application/pdf", f"{name}.pdf")


def _download(content: bytes, mimetype: str, filename: str) -> Response:
    return Response(
        content,
        mimetype=mimetype,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Cache-Control": "private, no-store",
        },
    )
