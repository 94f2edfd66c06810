"""Read a CAMT.053 bank-to-customer statement (ISO 20022, any version of the camt.053.001 schema):
each statement's IBAN, opening and closing balances and its entries."""

from __future__ import annotations

import datetime as dt
from typing import Any
from xml.etree.ElementTree import Element

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from core import _


class CamtError(ValueError):
    """The file is not a CAMT.053 statement we can read; the message says where."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(node: Element | None, path: str) -> Element | None:
    """The first descendant along ``path`` (slash-separated local names), whatever the namespace."""
    current = node
    for name in path.split("/"):
        if current is None:
            return None
        current = next((child for child in current if _local(child.tag) == name), None)
    return current


def _findall(node: Element | None, name: str) -> list[Element]:
    return [child for child in node if _local(child.tag) == name] if node is not None else []


def _text(node: Element | None, path: str) -> str:
    found = _find(node, path)
    return (found.text or "").strip() if found is not None and found.text else ""


def _signed(node: Element, where: str) -> float:
    raw = _text(node, "Amt")
    try:
        amount = float(raw)
    except ValueError:
        raise CamtError(
            _("%(where)s: the amount %(value)r is not a number.", where=where, value=raw)
        ) from None
    indicator = _text(node, "CdtDbtInd")
    if indicator not in ("CRDT", "DBIT"):
        raise CamtError(_("%(where)s: CdtDbtInd must be CRDT or DBIT.", where=where))
    return amount if indicator == "CRDT" else -amount


def _date(node: Element, path: str, where: str) -> dt.date:
    raw = _text(node, f"{path}/Dt") or _text(node, f"{path}/DtTm")[:10]
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise CamtError(_("%(where)s: no valid %(path)s date.", where=where, path=path)) from None


def parse_camt053(raw: bytes) -> list[dict[str, Any]]:
    """One dict per statement: name, iban, date, balance_start, balance_end and lines."""
    try:
        root = ElementTree.fromstring(raw)
    except (ElementTree.ParseError, DefusedXmlException) as error:
        raise CamtError(_("The file is not well-formed XML: %(error)s.", error=error)) from None
    report = _find(root, "BkToCstmrStmt")
    if report is None or not _local(root.tag) == "Document":
        raise CamtError(_("The file is not a CAMT.053 statement (no Document/BkToCstmrStmt)."))
    statements = []
    for index, stmt in enumerate(_findall(report, "Stmt"), start=1):
        statements.append(_statement(stmt, index))
    if not statements:
        raise CamtError(_("The file holds no statement (Stmt)."))
    return statements


def _statement(stmt: Element, index: int) -> dict[str, Any]:
    where = _("Statement %(n)s", n=index)
    balances: dict[str, float] = {}
    for balance in _findall(stmt, "Bal"):
        code = _text(balance, "Tp/CdOrPrtry/Cd")
        balances[code] = _signed(balance, where)
    lines = []
    for number, entry in enumerate(_findall(stmt, "Ntry"), start=1):
        lines.append(_entry(entry, _("%(where)s, entry %(n)s", where=where, n=number), number))
    created = _text(stmt, "CreDtTm")[:10]
    return {
        "name": _text(stmt, "Id") or _text(stmt, "ElctrncSeqNb"),
        "iban": _text(stmt, "Acct/Id/IBAN") or None,
        "date": dt.date.fromisoformat(created) if created else None,
        "balance_start": balances.get("OPBD", balances.get("PRCD")),
        "balance_end": balances.get("CLBD"),
        "lines": lines,
    }


def _entry(entry: Element, where: str, number: int) -> dict[str, Any]:
    amount = _signed(entry, where)
    details = _find(entry, "NtryDtls/TxDtls")
    structured = _text(details, "RmtInf/Strd/CdtrRefInf/Ref")
    unstructured = " ".join(
        (node.text or "").strip() for node in _findall(_find(details, "RmtInf"), "Ustrd")
    ).strip()
    party = "RltdPties/Dbtr" if amount > 0 else "RltdPties/Cdtr"
    name = _text(details, f"{party}/Nm") or _text(details, f"{party}/Pty/Nm")
    label = (
        # both remittance texts are kept: either may carry the invoice's payment reference
        " ".join(part for part in (unstructured, structured) if part)
        or _text(entry, "AddtlNtryInf")
        or name
        or _("Bank entry %(n)s", n=number)
    )
    ref = _text(details, "Refs/EndToEndId") or _text(entry, "AcctSvcrRef")
    return {
        "date": _date(entry, "BookgDt", where),
        "payment_ref": label,
        "ref": ref if ref and ref != "NOTPROVIDED" else False,
        "partner_name": name or None,
        "amount": round(amount, 2),
        "sequence": number,
    }
