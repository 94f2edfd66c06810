"""Open311 keys: made once, kept as a hash, found again only from the whole key."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from addons.czrm.cli import open311_key
from addons.czrm.models.czrm_api_key import hash_key
from core.exceptions import UserError


def test_a_key_is_stored_hashed_and_authenticates(env):
    record, key = env["czrm.api.key"]._generate("Mobile app")
    assert len(key) >= 40 and record.key_prefix == key[:8]
    assert record.key_hash == ""  # a secret field: never read back
    assert record._secret_value("key_hash") == hash_key(key) != key
    assert env["czrm.api.key"]._authenticate(key) == record and record.last_used
    assert not env["czrm.api.key"]._authenticate(key[:-1] + ("A" if key[-1] != "A" else "B"))
    assert not env["czrm.api.key"]._authenticate(key[:8])
    record.active = False
    assert not env["czrm.api.key"]._authenticate(key)
    with pytest.raises(UserError, match="Name the application"):
        env["czrm.api.key"]._generate("  ")


def test_the_interface_shows_a_new_key_once(env):
    wizard = env["czrm.api.key.generate"].create({"name": "Street app"})
    wizard.action_generate()
    record = env["czrm.api.key"].search([("name", "=", "Street app")])
    assert env["czrm.api.key"]._authenticate(wizard.key) == record
    with pytest.raises(UserError, match="made already"):
        wizard.action_generate()


def test_erp_open311_key_prints_the_key_once(fresh_registry):
    registry = fresh_registry()
    result = CliRunner().invoke(open311_key, ["--db", registry.url, "--name", "Citizen app"])
    assert result.exit_code == 0, result.output
    key = result.output.strip().splitlines()[-1]
    with registry.environment() as env:
        record = env["czrm.api.key"]._authenticate(key)
        assert record.name == "Citizen app"
    refused = CliRunner().invoke(open311_key, ["--db", registry.url, "--name", ""])
    assert refused.exit_code != 0 and "Name the application" in refused.output
