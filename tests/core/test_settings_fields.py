"""The settings keys of the metadata language: ``config_parameter`` and ``implied_group`` belong to plain
fields of settings (transient) models, and are refused elsewhere with the file and line."""
from __future__ import annotations

import pytest

from core.exceptions import MetadataError
from tests.core.test_metadata_errors import build, error_of, located


def test_settings_fields_keep_their_parameter_and_group(tmp_path):
    registry = build(tmp_path, {"settings.yaml": """\
model: x.settings
transient: true
fields:
  x_limit:
    type: integer
    config_parameter: x.limit
  x_feature:
    type: boolean
    implied_group: base.group_multi_currency
"""})
    fields = registry.models["x.settings"]._fields
    assert fields["x_limit"].attrs["config_parameter"] == "x.limit"
    assert fields["x_feature"].attrs["implied_group"] == "base.group_multi_currency"


@pytest.mark.parametrize(("document", "line", "reason"), [
    ("model: x.book\nfields:\n  x_limit:\n    type: integer\n    config_parameter: x.limit\n", 5,
     "only applies to settings models"),
    ("model: x.s\ntransient: true\nfields:\n  x_tags:\n    type: text\n    config_parameter: x.tags\n", 6,
     "a text cannot be kept as a system parameter"),
    ("model: x.s\ntransient: true\nfields:\n  x_group:\n    type: integer\n"
     "    implied_group: base.group_user\n", 6, "'implied_group' needs a boolean field"),
])
def test_misplaced_settings_keys_are_refused_at_load(tmp_path, document, line, reason):
    error = error_of(tmp_path, {"settings.yaml": document})
    assert isinstance(error, MetadataError) and reason in str(error)
    located(error, "settings.yaml", line)
