"""Import a bank statement: a CSV file whose columns are named in the wizard, or a CAMT.053 XML file
(ISO 20022, any version). Every line is checked before anything is created; an error names the line.
The lines get their suggested matches right away."""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
from typing import Any

from addons.account.models.account_bank_statement_camt import CamtError, parse_camt053
from core import _, model, public
from core.exceptions import ValidationError


@model("account.bank.statement.import")
class AccountBankStatementImport:
    def _default_journal_id(self) -> int | bool:
        journals = self.env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", self.env.company.id)], limit=2
        )
        return journals.id if len(journals) == 1 else False

    @public
    def action_import(self) -> dict[str, Any]:
        """Create the statements of the file; the window action of the (first) statement."""
        self.ensure_one()
        raw = self._account_file_bytes()
        if self.file_format == "camt053":
            try:
                parsed = parse_camt053(raw)
            except CamtError as error:
                raise ValidationError(str(error), field="data_file") from None
        else:
            parsed = [self._account_parse_csv(raw)]
        statements = self.env["account.bank.statement"]
        for values in parsed:
            statements |= self._account_create_statement(values)
        statements.mapped("line_ids").action_suggest()
        return {
            "type": "ir.actions.act_window",
            "res_model": "account.bank.statement",
            "res_id": statements[:1].id,
            "view_mode": "form",
            "views": [[False, "form"]],
            "name": _("Bank Statement"),
        }

    def _account_file_bytes(self) -> bytes:
        data = self.data_file
        if not data:
            raise ValidationError(_("Choose the file to import."), field="data_file")
        if isinstance(data, str):
            data = data.encode()
        try:
            return base64.b64decode(data, validate=True)
        except ValueError:
            return bytes(data)

    def _account_journal(self, iban: str | None) -> Any:
        if self.journal_id:
            return self.journal_id
        Journal = self.env["account.journal"]
        if iban:
            squashed = iban.replace(" ", "").upper()
            journal = Journal.search(
                [("type", "=", "bank"), ("bank_account_id.sanitized_acc_number", "=", squashed)], limit=1
            )
            if journal:
                return journal
            raise ValidationError(
                _("No bank journal has the account %(iban)s: choose the journal.", iban=iban),
                field="journal_id",
            )
        raise ValidationError(_("Choose the bank journal of the statement."), field="journal_id")

    def _account_create_statement(self, values: dict[str, Any]) -> Any:
        journal = self._account_journal(values.get("iban"))
        Partner = self.env["res.partner"]
        lines = []
        for row in values["lines"]:
            name = row.pop("partner_name", None)
            partner = Partner.search([("name", "=ilike", name)], limit=1) if name else Partner
            lines.append(
                (
                    0,
                    0,
                    {
                        **row,
                        "partner_id": partner.id or False,
                        "partner_name": name or False,
                        "journal_id": journal.id,
                    },
                )
            )
        dates = [row[2]["date"] for row in lines]
        return self.env["account.bank.statement"].create(
            {
                "name": self.statement_name or values.get("name") or self.filename or _("Bank Statement"),
                "journal_id": journal.id,
                "date": values.get("date") or (max(dates) if dates else dt.date.today()),
                "balance_start": values.get("balance_start") or 0.0,
                "balance_end_real": values.get("balance_end")
                if values.get("balance_end") is not None
                else (values.get("balance_start") or 0.0) + sum(row[2]["amount"] for row in lines),
                "line_ids": lines,
            }
        )

    # -- CSV ---------------------------------------------------------------------------------
    def _account_parse_csv(self, raw: bytes) -> dict[str, Any]:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("latin-1")
        delimiter = self.csv_delimiter or ","
        if len(delimiter) != 1:
            raise ValidationError(_("The delimiter must be one character."), field="csv_delimiter")
        reader = csv.reader(io.StringIO(text), delimiter=delimiter)
        header = [cell.strip() for cell in next(reader, [])]
        if not any(header):
            raise ValidationError(_("The file is empty."), field="data_file")
        columns = self._account_csv_columns(header)
        lines = []
        for number, row in enumerate(reader, start=2):
            if not any(cell.strip() for cell in row):
                continue
            lines.append(self._account_csv_line(number, row, columns))
        if not lines:
            raise ValidationError(_("The file has no statement lines."), field="data_file")
        return {"lines": lines}

    def _account_csv_columns(self, header: list[str]) -> dict[str, int | None]:
        wanted = {
            "date": (self.csv_date_column, "csv_date_column", True),
            "label": (self.csv_label_column, "csv_label_column", True),
            "amount": (self.csv_amount_column, "csv_amount_column", True),
            "ref": (self.csv_ref_column, "csv_ref_column", False),
            "partner": (self.csv_partner_column, "csv_partner_column", False),
        }
        lowered = [cell.lower() for cell in header]
        columns: dict[str, int | None] = {}
        for key, (name, field, required) in wanted.items():
            name = (name or "").strip().lower()
            if name and name in lowered:
                columns[key] = lowered.index(name)
            elif required:
                raise ValidationError(
                    _(
                        "The file has no column %(column)r (its columns are %(header)s).",
                        column=name,
                        header=", ".join(header),
                    ),
                    field=field,
                )
            else:
                columns[key] = None  # optional columns may be missing from the file
        return columns

    def _account_csv_line(
        self, number: int, row: list[str], columns: dict[str, int | None]
    ) -> dict[str, Any]:
        def cell(key: str) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        raw_date, label, raw_amount = cell("date"), cell("label"), cell("amount")
        try:
            date = dt.datetime.strptime(raw_date, self.csv_date_format or "%Y-%m-%d").date()
        except ValueError:
            raise ValidationError(
                _(
                    "Line %(line)s: the date %(value)r does not read as %(format)s.",
                    line=number,
                    value=raw_date,
                    format=self.csv_date_format,
                ),
                field="csv_date_column",
            ) from None
        amount = _number(raw_amount, self.csv_decimal_separator or ".")
        if amount is None:
            raise ValidationError(
                _("Line %(line)s: the amount %(value)r is not a number.", line=number, value=raw_amount),
                field="csv_amount_column",
            )
        if not amount:
            raise ValidationError(
                _("Line %(line)s: the amount is zero.", line=number), field="csv_amount_column"
            )
        if not label:
            raise ValidationError(
                _("Line %(line)s: the label is empty.", line=number), field="csv_label_column"
            )
        return {
            "date": date,
            "payment_ref": label,
            "ref": cell("ref") or False,
            "partner_name": cell("partner") or None,
            "amount": amount,
            "sequence": number,
        }


def _number(text: str, decimal: str) -> float | None:
    cleaned = text.replace(" ", "").replace("\u00a0", "")
    if decimal == ",":
        cleaned = cleaned.replace(".", "").replace(",", ".")
    else:
        cleaned = cleaned.replace(",", "")
    try:
        return round(float(cleaned), 2)
    except ValueError:
        return None
