"""Charts of accounts loaded per company: the generic one and Spain's PGC 2008 for SMEs."""

from __future__ import annotations

import pytest

from core.exceptions import UserError, ValidationError


@pytest.fixture
def spanish_company(env):
    company = env["res.company"].create(
        {"name": "Ferretería Aragón SL", "currency_id": env.ref("base.EUR").id}
    )
    company.action_load_chart_template("es_pymes")
    return company


def test_pgc_has_the_main_accounts_with_their_types(env, spanish_company):
    accounts = env["account.account"].search([("company_id", "=", spanish_company.id)])
    by_code = {account.code: account for account in accounts}
    expected = {
        "430000": "asset_receivable",
        "400000": "liability_payable",
        "572000": "asset_cash",
        "570000": "asset_cash",
        "700000": "income",
        "600000": "expense",
        "477000": "liability_current",
        "472000": "asset_current",
        "475100": "liability_current",
        "129000": "equity_unaffected",
    }
    assert {code: by_code[code].account_type for code in expected} == expected
    assert by_code["430000"].reconcile and by_code["400000"].reconcile and not by_code["700000"].reconcile
    assert by_code["430000"].with_context(lang="es_ES").name == "Clientes"
    assert spanish_company.account_default_receivable_id == by_code["430000"]


def test_pgc_taxes_book_iva_and_irpf_on_their_accounts(env, spanish_company):
    taxes = env["account.tax"].search([("company_id", "=", spanish_company.id)])
    summary = {
        (tax.type_tax_use, tax.amount): [
            line.account_id.code for line in tax.repartition_line_ids if line.repartition_type == "tax"
        ]
        for tax in taxes
    }
    assert summary[("sale", 21.0)] == ["477000", "477000"]  # invoices and refunds
    assert summary[("sale", 10.0)] == ["477000", "477000"]
    assert summary[("sale", 4.0)] == ["477000", "477000"]
    assert summary[("sale", 0.0)] == ["477000", "477000"]
    assert summary[("purchase", 21.0)] == ["472000", "472000"]
    assert summary[("purchase", -15.0)] == ["475100", "475100"]
    assert spanish_company.account_sale_tax_id.amount == 21.0
    assert spanish_company.account_sale_tax_id.tax_group_id.name == "VAT 21%"


def test_pgc_journals_have_their_own_gapless_sequences(env, spanish_company):
    journals = env["account.journal"].search([("company_id", "=", spanish_company.id)])
    assert sorted(journals.mapped("code")) == ["BILL", "BNK1", "CSH1", "INV", "MISC"]
    sale = journals.filtered(lambda j: j.type == "sale")
    assert sale.sequence_id.implementation == "no_gap" and sale.sequence_id.use_date_range
    assert (
        sale.sequence_id.prefix == "INV/%(range_year)s/"
        and sale.refund_sequence_id.prefix == "RINV/%(range_year)s/"
    )
    assert sale.default_account_id.code == "700000"


def test_a_company_loads_one_chart_only(env, spanish_company):
    with pytest.raises(UserError, match="already has a chart"):
        spanish_company.action_load_chart_template("generic_coa")


def test_unknown_chart_is_refused_naming_the_field(env):
    company = env["res.company"].create({"name": "Nueva SL"})
    with pytest.raises(ValidationError, match="Unknown chart of accounts 'xx'") as caught:
        company.action_load_chart_template("xx")
    assert caught.value.field == "chart_template"


def test_settings_page_loads_the_chosen_chart(env):
    company = env["res.company"].create({"name": "Ajustes SL"})
    admin = env.ref("base.user_admin")
    admin.write({"company_ids": [(4, company.id)], "company_id": company.id})
    settings_env = env(user=admin.id, context={"allowed_company_ids": [company.id]})
    settings = settings_env["res.config.settings"].create({"chart_template": "es_pymes"})
    settings.execute()
    assert company.chart_template == "es_pymes"
    assert (
        env["account.account"].search_count([("company_id", "=", company.id), ("code", "=", "430000")]) == 1
    )


def test_generic_chart_on_the_demo_company_keeps_the_existing_taxes(env, chart):
    company = env.ref("base.main_company")
    assert company.chart_template == "generic_coa"
    iva = env.ref("account_tax.tax_iva_21")
    assert iva.repartition_line_ids.filtered(lambda rep: rep.repartition_type == "tax").mapped(
        "account_id"
    ) == chart("account_251000")
