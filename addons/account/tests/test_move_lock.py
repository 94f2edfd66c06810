"""Posted entries are immutable; numbers are gapless per journal and year, given at posting and never
reused; corrections go through credit notes."""

from __future__ import annotations

import datetime as dt

import pytest

from core.exceptions import AccessError, UserError


@pytest.fixture
def posted(env, make_invoice):
    return make_invoice((100.0, 1, env.ref("account_tax.tax_iva_21")), post=True)


def test_posted_entry_refuses_writes(env, posted):
    with pytest.raises(UserError, match="is posted: it cannot be changed"):
        posted.write({"ref": "changed"})
    with pytest.raises(UserError, match="is posted"):
        posted.write({"invoice_line_ids": [(0, 0, {"name": "extra", "price_unit": 5.0})]})
    assert posted.ref is False and len(posted.line_ids) == 3


def test_posted_lines_refuse_writes_creates_and_deletes(env, posted):
    line = posted.line_ids[0]
    with pytest.raises(UserError, match="is posted"):
        line.write({"debit": 1.0})
    with pytest.raises(UserError, match="is posted"):
        line.unlink()
    with pytest.raises(UserError, match="is posted"):
        env["account.move.line"].create({"move_id": posted.id, "name": "x", "account_id": line.account_id.id})
    assert posted.line_ids.exists() and sum(posted.line_ids.mapped("debit")) == 121.0


def test_posted_entry_cannot_be_deleted(env, posted):
    with pytest.raises(UserError, match="cannot be deleted"):
        posted.unlink()
    assert posted.exists()


def test_reset_to_draft_keeps_the_number_and_leaves_a_trace(env, posted):
    number = posted.name
    posted.button_draft()
    assert posted.state == "draft" and posted.name == number
    assert any("Reset to draft" in (message.body or "") for message in posted.message_ids)
    posted.line_ids.filtered(lambda ln: ln.display_type == "product").write({"price_unit": 200.0})
    posted.action_post()
    assert posted.name == number and posted.amount_total == 242.0
    posted.button_draft()
    with pytest.raises(UserError, match="cancel it instead of deleting it"):
        posted.unlink()


def test_locked_journal_refuses_reset_to_draft(env, posted):
    posted.journal_id.restrict_mode_hash_table = True
    with pytest.raises(UserError, match="locks posted entries"):
        posted.button_draft()
    assert posted.state == "posted"


def test_cancel_only_drafts(env, posted, make_invoice):
    with pytest.raises(UserError, match="cannot be cancelled"):
        posted.button_cancel()
    draft = make_invoice((10.0, 1, None))
    draft.button_cancel()
    assert draft.state == "cancel" and draft.name == "/"


def test_numbers_are_consecutive_per_journal_and_year(env, make_invoice):
    first = make_invoice((1.0, 1, None), invoice_date=dt.date(2026, 1, 10), post=True)
    second = make_invoice((1.0, 1, None), invoice_date=dt.date(2026, 1, 11), post=True)
    refund = make_invoice(
        (1.0, 1, None), move_type="out_refund", invoice_date=dt.date(2026, 1, 12), post=True
    )
    next_year = make_invoice((1.0, 1, None), invoice_date=dt.date(2027, 1, 2), post=True)
    year_first = int(first.name.rsplit("/", 1)[1])
    assert first.name.startswith("INV/2026/") and second.name == f"INV/2026/{year_first + 1:05d}"
    assert refund.name == "RINV/2026/00001"
    assert next_year.name == "INV/2027/00001"


def test_draft_invoices_take_no_number(env, make_invoice):
    draft = make_invoice((1.0, 1, None))
    posted = make_invoice((1.0, 1, None), post=True)
    draft.unlink()
    after = make_invoice((1.0, 1, None), post=True)
    assert int(after.name.rsplit("/", 1)[1]) == int(posted.name.rsplit("/", 1)[1]) + 1


def test_credit_note_reverses_the_invoice_exactly(env, posted):
    wizard = (
        env["account.move.reversal"]
        .with_context(active_model="account.move", active_ids=posted.ids)
        .create({"reason": "Damaged goods", "date": posted.invoice_date})
    )
    action = wizard.reverse_moves()
    refund = env["account.move"].browse(action["res_id"])
    assert refund.move_type == "out_refund" and refund.state == "posted" and refund.name.startswith("RINV/")
    assert refund.reversed_entry_id == posted and "Damaged goods" in refund.ref
    mirror = sorted((line.account_id.id, line.credit, line.debit) for line in posted.line_ids)
    assert sorted((line.account_id.id, line.debit, line.credit) for line in refund.line_ids) == mirror
    assert posted.payment_state == "reversed" and posted.amount_residual == 0.0
    assert refund.payment_state == "reversed"


def test_refund_moves_makes_a_draft_credit_note(env, posted):
    wizard = (
        env["account.move.reversal"]
        .with_context(active_model="account.move", active_ids=posted.ids)
        .create({"reason": "Price"})
    )
    refund = env["account.move"].browse(wizard.refund_moves()["res_id"])
    assert refund.state == "draft" and refund.amount_total == posted.amount_total
    assert posted.payment_state == "not_paid"


def test_only_posted_entries_are_reversed(env, make_invoice):
    draft = make_invoice((1.0, 1, None))
    wizard = (
        env["account.move.reversal"]
        .with_context(active_model="account.move", active_ids=draft.ids)
        .create({})
    )
    with pytest.raises(UserError, match="Only posted entries"):
        wizard.refund_moves()


def test_duplicate_of_a_posted_invoice_is_a_new_draft(env, posted):
    copy = posted.copy()
    assert (copy.state, copy.name, copy.posted_before) == ("draft", "/", False)
    assert copy.amount_total == posted.amount_total == 121.0
    assert len(copy.line_ids) == len(posted.line_ids)
    copy.action_post()
    assert copy.name != posted.name and copy.name.startswith("INV/")


def test_employee_without_billing_rights_cannot_invoice(env, as_user, make_invoice):
    demo = as_user("demo")
    assert not demo.user.has_group("account.group_account_invoice")
    with pytest.raises(AccessError):
        demo["account.move"].create(
            {"move_type": "out_invoice", "partner_id": env.ref("base.res_partner_2").id}
        )
