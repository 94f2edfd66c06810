"""``erp export``: chosen fields, related fields by dotted path, CSV and XLSX that import back."""

from __future__ import annotations

import csv
import io

from core.exchange.files import read_table


def test_export_csv_with_dotted_paths(erp, tmp_path):
    out = tmp_path / "out.csv"
    result = erp(
        "export",
        "--model",
        "res.partner",
        "--fields",
        "name,country_id.code,country_id/id",
        "--domain",
        "[('name', '=', 'Azure Interior')]",
        "-o",
        str(out),
    )
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(out.read_text())))
    assert rows == [["name", "country_id/code", "country_id/id"], ["Azure Interior", "US", "base.us"]]


def test_export_xlsx_with_labels(erp, tmp_path):
    out = tmp_path / "out.xlsx"
    assert (
        erp(
            "export",
            "--model",
            "res.partner",
            "--fields",
            "name,country_id.name",
            "--labels",
            "--ids",
            "3",
            "-o",
            str(out),
        ).exit_code
        == 0
    )
    header, rows = read_table(out.read_bytes(), "out.xlsx")
    assert header == ["Name", "Country/Country Name"] or header[0] == "Name"
    assert rows[0][0] == "Administrator"


def test_export_then_import_round_trips(erp, tmp_path, db):
    out = tmp_path / "companies.csv"
    erp(
        "export",
        "--model",
        "res.partner",
        "--fields",
        "name,email,country_id/id",
        "--domain",
        "[('is_company', '=', True), ('email', '!=', False)]",
        "-o",
        str(out),
    )
    renamed = out.read_text().replace("\n", "\n", 1)
    lines = renamed.splitlines()
    copied = "\n".join([lines[0]] + [line.replace(",", " Copy,", 1) for line in lines[1:]]) + "\n"
    (tmp_path / "copy.csv").write_text(copied)
    assert erp("import", "--model", "res.partner", str(tmp_path / "copy.csv")).exit_code == 0


def test_unknown_field_is_an_error(erp, tmp_path):
    result = erp("export", "--model", "res.partner", "--fields", "name,nope", "-o", str(tmp_path / "x.csv"))
    assert result.exit_code == 1 and "nope" in result.output


def test_bad_domain_is_an_error(erp, tmp_path):
    result = erp(
        "export",
        "--model",
        "res.partner",
        "--fields",
        "name",
        "--domain",
        "[(",
        "-o",
        str(tmp_path / "x.csv"),
    )
    assert result.exit_code != 0 and "domain" in result.output
