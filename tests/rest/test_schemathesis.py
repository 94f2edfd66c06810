"""Property-based fuzzing of the REST API from its own OpenAPI document (schemathesis): neither valid
nor invalid generated input yields a 5xx, on every operation the document describes."""

from __future__ import annotations

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode

EXAMPLES = {GenerationMode.POSITIVE: 5, GenerationMode.NEGATIVE: 3}
# models whose random writes would take the fuzzer's own access away (its user, keys, groups, rules);
# their endpoints are the same code, covered by the other REST tests
SELF_LOCKING = ("res.users", "res.users.apikeys", "res.groups", "ir.model.access", "ir.rule", "res.company")


def server_errors(operation, mode: GenerationMode, base: str, key: str, statuses: list[int]) -> list[str]:
    """5xx answers of ``operation`` to generated requests; every status is added to ``statuses``."""
    found: list[str] = []

    @settings(
        max_examples=EXAMPLES[mode],
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(HealthCheck),
        phases=[Phase.explicit, Phase.generate],
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def run(case) -> None:
        response = case.call(base_url=base, headers={"Authorization": f"Bearer {key}"}, timeout=30)
        statuses.append(response.status_code)
        if response.status_code >= 500:
            found.append(
                f"{case.method} {case.formatted_path} {case.query or ''} {str(case.body)[:200]}: "
                f"{response.status_code} {response.text[:300]}"
            )
        elif response.status_code >= 400 and not _json_error(response):
            found.append(
                f"{case.method} {case.formatted_path}: {response.status_code} answered without a JSON error"
            )

    run()
    return found


def _json_error(response) -> bool:
    try:
        return bool(response.json()["error"]["message"])
    except (ValueError, KeyError, TypeError):
        return False


@pytest.mark.slow
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_generated_input_gives_a_server_error(server, admin_key, mode):
    spec = requests.get(f"{server.base}/api/v1/openapi.json", timeout=60).json()
    schema = schemathesis.openapi.from_dict(spec)
    failures: list[str] = []
    statuses: list[int] = []
    operations = 0
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.path.removeprefix("/api/v1/").split("/")[0] in SELF_LOCKING:
            continue
        operations += 1
        failures += server_errors(operation, mode, server.base, admin_key, statuses)
    assert operations > 100
    assert 401 not in statuses
    assert not failures, "\n".join(failures[:20])
    # the run exercised the API as an authenticated user to the end (it did not lock itself out)
    check = requests.get(
        f"{server.base}/api/v1/res.partner",
        params={"limit": 1},
        timeout=30,
        headers={"Authorization": f"Bearer {admin_key}"},
    )
    assert check.status_code == 200, check.text
