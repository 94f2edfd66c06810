"""Bank accounts: a number that starts like an IBAN (two letters, two digits) must be a valid one."""

from __future__ import annotations

import re
from typing import Any

from stdnum import iban as stdnum_iban
from stdnum.exceptions import ValidationError as StdnumError

from core import _, model
from core.exceptions import ValidationError

IBAN_SHAPE = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]+$")


def sanitize(number: str | None) -> str:
    return re.sub(r"[^A-Za-z0-9]", "", number or "").upper()


def is_iban_shaped(number: str | None) -> bool:
    return bool(IBAN_SHAPE.match(sanitize(number)))


@model("res.partner.bank")
class ResPartnerBank:
    def create(self, vals_list: Any) -> Any:
        for vals in [vals_list] if isinstance(vals_list, dict) else vals_list:
            if isinstance(vals, dict) and "acc_number" in vals:
                vals["acc_number"] = _checked(vals["acc_number"])
        return super().create(vals_list)

    def write(self, vals: dict[str, Any]) -> bool:
        if "acc_number" in vals:
            vals = {**vals, "acc_number": _checked(vals["acc_number"])}
        return super().write(vals)

    def _compute_sanitized_acc_number(self) -> None:
        for account in self:
            account.sanitized_acc_number = sanitize(account.acc_number) or False
            account.acc_type = "iban" if is_iban_shaped(account.acc_number) else "bank"

    def _compute_display_name(self) -> None:
        for account in self:
            number = account.acc_number or ""
            account.display_name = f"{number} - {account.bank_name}" if account.bank_name else number


def _checked(number: Any) -> Any:
    """An IBAN-shaped number validated and written in groups of four; others as given."""
    if not isinstance(number, str) or not is_iban_shaped(number):
        return number
    try:
        valid = stdnum_iban.validate(number)
    except StdnumError:
        raise ValidationError(
            _("%(number)r is not a valid IBAN (check digits or length).", number=number),
            field="acc_number",
        ) from None
    return stdnum_iban.format(valid)
