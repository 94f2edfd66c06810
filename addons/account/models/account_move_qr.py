"""The payment QR code of a customer invoice: an EPC (SEPA credit transfer) code that banking apps
scan to fill in the transfer (the company's IBAN, the amount due in euros and the payment reference).
Printed only for invoices in euros with something due, when the company's bank account is an IBAN."""

from __future__ import annotations

from typing import Any

import segno
from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from core import model

# EPC069-12: at most 999,999,999.99 euros, beneficiary 70 characters, remittance 140
MAX_AMOUNT = 999_999_999.99


def epc_payload(name: str, iban: str, amount: float, reference: str, bic: str = "") -> str:
    """The text of an EPC QR code (version 002, UTF-8, SEPA credit transfer); an RF creditor
    reference goes in its structured field, anything else as remittance text."""
    structured = reference if reference.upper().startswith("RF") and reference[2:4].isdigit() else ""
    lines = [
        "BCD",
        "002",
        "1",
        "SCT",
        bic or "",
        name[:70],
        stdnum_iban.compact(iban),
        f"EUR{amount:.2f}",
        "",
        structured,
        "" if structured else reference[:140],
    ]
    return "\n".join(lines).rstrip("\n")


@model("account.move")
class AccountMoveQr:
    def _account_payment_bank(self) -> Any:
        """The company's bank account the customer pays into: the invoice's, else the first bank
        journal's, else the company partner's first."""
        if self.partner_bank_id:
            return self.partner_bank_id
        journal = self.env["account.journal"].search(
            [
                ("type", "=", "bank"),
                ("company_id", "=", self.company_id.id),
                ("bank_account_id", "!=", False),
            ],
            limit=1,
        )
        return journal.bank_account_id or self.company_id.partner_id.bank_ids[:1]

    def _account_epc_payload(self) -> str | None:
        """The EPC QR text of this invoice, or None when it cannot have one."""
        if self.move_type != "out_invoice" or self.state != "posted" or self.currency_id.name != "EUR":
            return None
        amount = self.amount_residual
        if not 0.01 <= amount <= MAX_AMOUNT:
            return None
        bank = self._account_payment_bank()
        if not bank or bank.acc_type != "iban":
            return None
        try:
            iban = stdnum_iban.validate(bank.acc_number)
        except StdnumError:
            return None
        name = bank.acc_holder_name or self.company_id.name
        reference = self.payment_reference or self.name or ""
        return epc_payload(name, iban, amount, reference, bank.bank_bic or "")

    def _account_payment_qr(self) -> str | None:
        """The EPC QR code as a PNG data URI for the printed invoice, or None."""
        payload = self._account_epc_payload()
        if payload is None:
            return None
        return segno.make(payload, error="m", micro=False, encoding="utf-8").png_data_uri(scale=4, border=2)
