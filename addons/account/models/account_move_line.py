"""Journal items: defaults from the product and the entry, balances, residuals and reconciliation."""

from __future__ import annotations

from typing import Any

from addons.account.models.account_move import INVOICE_TYPES, NO_SYNC, SALE_TYPES
from core import _, model, public
from core.exceptions import UserError, ValidationError

# a change of these on a draft invoice's product line redraws its taxes and instalments
PRICE_FIELDS = frozenset(
    {"price_unit", "quantity", "discount", "tax_ids", "account_id", "product_id", "display_type"}
)


@model("account.move.line")
class AccountMoveLine:
    def _compute_balance(self) -> None:
        for line in self:
            line.balance = (line.debit or 0.0) - (line.credit or 0.0)

    def _compute_amount_residual(self) -> None:
        for line in self:
            if not line.account_id.reconcile:
                line.amount_residual = line.amount_residual_currency = 0.0
                line.reconciled = False
                continue
            company_currency = line.move_id.company_id.currency_id or self.env.company.currency_id
            residual = (
                line.balance
                - sum(line.matched_credit_ids.mapped("amount"))
                + sum(line.matched_debit_ids.mapped("amount"))
            )
            residual_currency = (
                line.amount_currency
                - sum(line.matched_credit_ids.mapped("debit_amount_currency"))
                + sum(line.matched_debit_ids.mapped("credit_amount_currency"))
            )
            line.amount_residual = company_currency.round(residual)
            line.amount_residual_currency = (line.currency_id or company_currency).round(residual_currency)
            line.reconciled = company_currency.is_zero(residual) and bool(
                line.matched_credit_ids or line.matched_debit_ids
            )

    def _compute_display_name(self) -> None:
        for line in self:
            parts = [line.move_id.name or "", line.name or line.product_id.display_name or ""]
            line.display_name = " - ".join(part for part in parts if part and part != "/")

    # -- create, write, unlink --------------------------------------------------------------
    def create(self, vals_list: Any) -> Any:
        """Lines take their currency from the entry; invoice lines their description, price, taxes and
        account from the product (mapped by the fiscal position) unless given."""
        items = [vals_list] if isinstance(vals_list, dict) else vals_list
        if not isinstance(items, list) or not all(isinstance(v, dict) for v in items):
            return super().create(vals_list)
        Move = self.env["account.move"]
        # the entries of the whole batch checked at once, not one query per line
        ids = {vals["move_id"] for vals in items if isinstance(vals.get("move_id"), int)}
        existing = set(Move.browse(sorted(ids)).exists().ids)
        rates: dict[int, float] = {}
        for vals in items:
            move_id = vals.get("move_id")
            if isinstance(move_id, int):
                move = Move.browse(move_id if move_id in existing else [])
            else:
                move = Move.browse(move_id or []).exists()
            if not move:
                continue
            vals.setdefault("currency_id", move.currency_id.id)
            if move.move_type in INVOICE_TYPES and vals.get("display_type", "product") == "product":
                self._account_product_defaults(vals, move)
                self._account_product_amounts(vals, move, rates)
            elif "amount_currency" not in vals and vals.get("currency_id") == move.company_id.currency_id.id:
                vals["amount_currency"] = (vals.get("debit") or 0.0) - (vals.get("credit") or 0.0)
            if vals.get("display_type") in ("line_section", "line_note"):
                vals.update({"account_id": False, "quantity": 0.0, "price_unit": 0.0})
        lines = super().create(vals_list)
        if not self.env.context.get(NO_SYNC):
            lines.mapped("move_id")._account_sync_lines()
        return lines

    def _account_product_defaults(self, vals: dict[str, Any], move: Any) -> None:
        product = self.env["product.product"].browse(vals.get("product_id") or [])
        if not product:
            return
        sale = move.move_type in SALE_TYPES
        if not vals.get("name"):
            vals["name"] = product.with_context(lang=move.partner_id.lang or self.env.lang).display_name
        if "price_unit" not in vals:
            vals["price_unit"] = product.list_price if sale else product.standard_price
        if not vals.get("product_uom_id"):
            vals["product_uom_id"] = product.uom_id.id
        if "tax_ids" not in vals:
            company = move.company_id
            taxes = (product.taxes_id if sale else product.product_tmpl_id.supplier_taxes_id).filtered(
                lambda tax: tax.company_id == company
            )
            vals["tax_ids"] = [(6, 0, move.fiscal_position_id.map_tax(taxes).ids)]
        if not vals.get("account_id"):
            account = move._account_product_account(product)
            if account:
                vals["account_id"] = account.id

    def _account_product_amounts(self, vals: dict[str, Any], move: Any, rates: dict[int, float]) -> None:
        """Insert a product line with the amounts the redraw of its invoice computes, so that the
        redraw finds nothing to rewrite (one insert per batch instead of an update per line); zero,
        not NULL, when they cannot be told yet (the redraw sets them)."""
        tax_ids = _tax_ids(vals.get("tax_ids"))
        product = self.env["product.product"].browse(vals.get("product_id") or [])
        account = self.env["account.account"].browse(vals.get("account_id") or [])
        account = account or move._account_product_account(product)
        numbers = [vals.get("price_unit", 0.0), vals.get("discount", 0.0), vals.get("quantity", 1.0)]
        plain = all(isinstance(n, (int, float)) and not isinstance(n, bool) for n in numbers)
        if plain and tax_ids is not None and account and move.state == "draft":
            if move.id not in rates:
                rates[move.id] = move._account_rate()
            values, _result = move._account_product_amounts(
                *numbers,
                self.env["account.tax"].browse(tax_ids),
                product,
                account,
                rates[move.id],
            )
            for name, value in values.items():
                vals.setdefault(name, value)
        for name in ("price_subtotal", "price_total", "amount_currency", "debit", "credit"):
            vals.setdefault(name, 0.0)

    def write(self, vals: dict[str, Any]) -> bool:
        result = super().write(vals)
        if PRICE_FIELDS & set(vals) and not self.env.context.get(NO_SYNC):
            self.mapped("move_id")._account_sync_lines()
        return result

    def unlink(self) -> bool:
        moves = self.mapped("move_id")
        result = super().unlink()
        if not self.env.context.get(NO_SYNC):
            moves.exists()._account_sync_lines()
        return result

    # -- reconciliation ---------------------------------------------------------------------
    @public
    def reconcile(self) -> bool:
        """Match the debits and credits of these posted items of one reconcilable account, oldest
        first, for as much as each has left; each match is an account.partial.reconcile."""
        lines = self.filtered(lambda line: not line.reconciled)
        if not lines:
            return True
        accounts = lines.mapped("account_id")
        if len(accounts) != 1:
            raise UserError(
                _(
                    "Only items of one account can be reconciled together (%(accounts)s).",
                    accounts=", ".join(accounts.mapped("display_name")),
                )
            )
        if not accounts.reconcile:
            raise ValidationError(
                _("The account %(account)s does not allow reconciliation.", account=accounts.display_name),
                field="account_id",
            )
        if lines.filtered(lambda line: line.move_id.state != "posted"):
            raise UserError(_("Only posted journal items can be reconciled."))
        company_currency = lines[0].move_id.company_id.currency_id
        key = lambda line: (line.date_maturity or line.date, line.id)
        debits = sorted((ln for ln in lines if ln.amount_residual > 0), key=key)
        credits = sorted((ln for ln in lines if ln.amount_residual < 0), key=key)
        Partial = self.env["account.partial.reconcile"].sudo()
        left = {line.id: [line.amount_residual, line.amount_residual_currency] for line in debits + credits}
        while debits and credits:
            debit, credit = debits[0], credits[0]
            amount, debit_currency, credit_currency = _match(debit, credit, left, company_currency)
            Partial.create(
                {
                    "debit_move_id": debit.id,
                    "credit_move_id": credit.id,
                    "amount": amount,
                    "debit_amount_currency": debit_currency,
                    "credit_amount_currency": credit_currency,
                    "max_date": max(debit.date, credit.date),
                }
            )
            left[debit.id][0] -= amount
            left[debit.id][1] -= debit_currency
            left[credit.id][0] += amount
            left[credit.id][1] += credit_currency
            if _settled(debit, left[debit.id], company_currency):
                debits.pop(0)
            if _settled(credit, left[credit.id], company_currency):
                credits.pop(0)
        return True

    @public
    def remove_move_reconcile(self) -> bool:
        """Undo the matches of these items."""
        (self.mapped("matched_debit_ids") | self.mapped("matched_credit_ids")).sudo().unlink()
        return True


def _tax_ids(commands: Any) -> list[int] | None:
    """The ids a line's ``tax_ids`` value sets when it plainly lists them (none given, ids, or one
    (6, 0, ids) command), else None."""
    if not commands:
        return []
    if isinstance(commands, (list, tuple)) and all(_is_id(c) for c in commands):
        return list(commands)
    if (
        isinstance(commands, (list, tuple))
        and len(commands) == 1
        and isinstance(commands[0], (list, tuple))
        and len(commands[0]) == 3
        and commands[0][0] == 6
        and isinstance(commands[0][2], (list, tuple))
        and all(_is_id(c) for c in commands[0][2])
    ):
        return list(commands[0][2])
    return None


def _is_id(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _match(debit: Any, credit: Any, left: dict[int, list[float]], company_currency: Any) -> tuple[float, ...]:
    """(company amount, debit's currency amount, credit's currency amount) that one match settles.
    Lines in one foreign currency are matched on that currency (a payment of 100 USD settles 100 USD
    of the invoice, whatever the rates); others on the company's currency."""
    owed, paid = left[debit.id], left[credit.id]
    currency = debit.currency_id
    if currency == credit.currency_id and currency != company_currency:
        amount_currency = min(owed[1], -paid[1])
        if currency.is_zero(paid[1] + amount_currency):
            amount = -paid[0]
        elif currency.is_zero(owed[1] - amount_currency):
            amount = owed[0]
        else:
            amount = company_currency.round(owed[0] * amount_currency / owed[1]) if owed[1] else 0.0
        amount = min(amount, owed[0], -paid[0])
        return amount, amount_currency, amount_currency
    amount = min(owed[0], -paid[0])
    return amount, _share(debit, amount, owed), _share(credit, -amount, paid) * -1


def _settled(line: Any, left: list[float], company_currency: Any) -> bool:
    if line.currency_id != company_currency and line.currency_id.is_zero(left[1]):
        return True
    return company_currency.is_zero(left[0])


def _share(line: Any, amount: float, left: list[float]) -> float:
    """The part of ``line``'s residual in its currency that ``amount`` (company currency) settles:
    all of it when the company residual is settled, else in proportion."""
    currency = line.currency_id
    if line.company_currency_id.is_zero(left[0] - amount):
        return left[1]
    return currency.round(left[1] * amount / left[0]) if left[0] else 0.0
