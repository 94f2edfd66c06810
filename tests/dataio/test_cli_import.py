"""``erp import``: mapping by label or name, references by name or external id, dry run, all or nothing."""

from __future__ import annotations

from core.records.environment import SUPERUSER_ID, Environment


def partners_named(db, prefix: str) -> list[dict]:
    with db.cursor() as cr:
        env = Environment(cr, SUPERUSER_ID, {})
        return env["res.partner"].search_read(
            [("name", "=like", f"{prefix}%")],
            ["name", "email", "country_id", "is_company", "parent_id"],
            order="name",
        )


def test_import_maps_columns_by_label(erp, db, write_file):
    path = write_file(
        "partners.csv",
        "Name,Email,Country,Is a Company\n"
        "Lbl Uno,uno@example.com,Spain,yes\nLbl Dos,dos@example.com,France,no\n",
    )
    result = erp("import", "--model", "res.partner", str(path))
    assert result.exit_code == 0, result.output
    rows = partners_named(db, "Lbl ")
    assert [(r["name"], r["country_id"][1], r["is_company"]) for r in rows] == [
        ("Lbl Dos", "France", False),
        ("Lbl Uno", "Spain", True),
    ]


def test_import_maps_technical_names(erp, db, write_file):
    path = write_file("partners.csv", "name,email\nTech Uno,t1@example.com\n")
    result = erp("import", "--model", "res.partner", str(path))
    assert result.exit_code == 0, result.output
    assert partners_named(db, "Tech ")[0]["email"] == "t1@example.com"


def test_import_resolves_external_ids(erp, db, write_file):
    path = write_file("p.csv", "id,name,country_id/id\nimp_x1,Xml Uno,base.pt\nimp_x2,Xml Dos,base.es\n")
    assert erp("import", "--model", "res.partner", str(path)).exit_code == 0
    assert [r["country_id"][1] for r in partners_named(db, "Xml ")] == ["Spain", "Portugal"]


def test_second_import_with_ids_updates(erp, db, write_file):
    first = write_file("a.csv", "id,name,email\nupd_1,Upd One,a@example.com\n")
    second = write_file("b.csv", "id,name,email\nupd_1,Upd One,b@example.com\n")
    erp("import", "--model", "res.partner", str(first))
    erp("import", "--model", "res.partner", str(second))
    assert [r["email"] for r in partners_named(db, "Upd ")] == ["b@example.com"]


def test_dry_run_reports_every_bad_row_with_line_and_column(erp, db, write_file):
    path = write_file(
        "bad.csv",
        "Name,Country,Is a Company\nGood Row,Spain,yes\nBad One,Narnia,no\nBad Two,France,perhaps\n",
    )
    result = erp("import", "--model", "res.partner", "--dry-run", str(path))
    assert result.exit_code == 1
    assert "line 3, column 'Country'" in result.output and "Narnia" in result.output
    assert "line 4, column 'Is a Company'" in result.output and "perhaps" in result.output
    assert partners_named(db, "Good Row") == []


def test_dry_run_of_a_good_file_writes_nothing(erp, db, write_file):
    path = write_file("ok.csv", "Name\nDry Only\n")
    result = erp("import", "--model", "res.partner", "--dry-run", str(path))
    assert result.exit_code == 0 and "1 rows are valid" in result.output
    assert partners_named(db, "Dry Only") == []


def test_one_bad_row_imports_nothing(erp, db, write_file):
    lines = "".join(f"Batch {i:03d},b{i}@example.com,Contact\n" for i in range(50))
    path = write_file("batch.csv",
                      "Name,Email,Address Type\n" + lines + "Batch bad,bad@example.com,Sometimes\n")
    result = erp("import", "--model", "res.partner", str(path))
    assert result.exit_code == 1 and "nothing was imported" in result.output
    assert "line 52" in result.output
    assert partners_named(db, "Batch ") == []


def test_unmatched_column_is_named(erp, write_file):
    path = write_file("x.csv", "Name,Shoe size\nA,42\n")
    result = erp("import", "--model", "res.partner", str(path))
    assert result.exit_code == 1 and "Shoe size" in result.output


def test_map_option_skips_or_maps_a_column(erp, db, write_file):
    path = write_file("x.csv", "Full name,Shoe size\nMapped Person,42\n")
    result = erp(
        "import", "--model", "res.partner", "--map", "Full name=name", "--map", "Shoe size=", str(path)
    )
    assert result.exit_code == 0, result.output
    assert partners_named(db, "Mapped Person")


def test_mapping_is_remembered_for_the_next_import(erp, db, write_file):
    path = write_file("x.csv", "Full name\nRemembered One\n")
    assert erp("import", "--model", "res.partner", "--map", "Full name=name", str(path)).exit_code == 0
    again = write_file("y.csv", "Full name\nRemembered Two\n")
    assert erp("import", "--model", "res.partner", str(again)).exit_code == 0
    assert len(partners_named(db, "Remembered ")) == 2


def test_import_as_a_user_without_rights_is_refused(erp, db, write_file):
    path = write_file("x.csv", "Name\nNot Allowed\n")
    result = erp("import", "--model", "res.groups", "--login", "demo", str(path))
    assert result.exit_code == 1
    with db.cursor() as cr:
        assert not Environment(cr, SUPERUSER_ID, {})["res.groups"].search([("name", "=", "Not Allowed")])


def test_demo_salesperson_imports_contacts(erp, db, write_file):
    path = write_file("x.csv", "Name,Phone\nImported by demo,612 34 56 78\n")
    result = erp("import", "--model", "res.partner", "--login", "demo", str(path))
    assert result.exit_code == 0, result.output
    assert partners_named(db, "Imported by demo")[0]["name"] == "Imported by demo"


def test_xlsx_import(erp, db, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Email"])
    sheet.append(["Xlsx Person", "x@example.com"])
    path = tmp_path / "people.xlsx"
    workbook.save(path)
    assert erp("import", "--model", "res.partner", str(path)).exit_code == 0
    assert partners_named(db, "Xlsx Person")[0]["email"] == "x@example.com"


def test_unknown_model_is_an_error(erp, write_file):
    result = erp("import", "--model", "no.model", str(write_file("x.csv", "Name\nA\n")))
    assert result.exit_code == 1 and "no.model" in result.output
