"""Sequences: prefixes and suffixes with date patterns, padding, standard and gapless numbering."""
from __future__ import annotations

import pytest

from core import clock


@pytest.mark.parametrize("implementation", ["standard", "no_gap"])
def test_sequence_formats_prefix_padding_and_suffix(env, implementation):
    env["ir.sequence"].create({"name": "Tickets", "code": "test.ticket", "prefix": "T/%(year)s/",
                               "suffix": "-%(month)s", "padding": 4, "implementation": implementation})
    year, month = clock.utcnow().strftime("%Y"), clock.utcnow().strftime("%m")
    assert env["ir.sequence"].next_by_code("test.ticket") == f"T/{year}/0001-{month}"
    assert env["ir.sequence"].next_by_code("test.ticket") == f"T/{year}/0002-{month}"


def test_unknown_sequence_code_gives_false(env):
    assert env["ir.sequence"].next_by_code("no.such.code") is False


def test_sequence_step_must_be_positive(env):
    from core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="greater than zero"):
        env["ir.sequence"].create({"name": "Bad", "number_increment": 0})
