"""With DEBUG off, a missing production setting stops the process with one clear line."""

import pytest

from .subprocess_env import manage

SECRET = "a-long-random-production-secret-for-the-deploy-check-0123456789-abcdefghij"


@pytest.mark.parametrize(
    ("missing", "env"),
    [
        ("SECRET_KEY", {"ALLOWED_HOSTS": "sleepcall.example"}),
        ("ALLOWED_HOSTS", {"SECRET_KEY": SECRET}),
    ],
)
def test_a_missing_production_setting_is_named_without_a_traceback(missing, env):
    result = manage("check", DEBUG="false", **env)
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert missing in output
    assert "required" in output
    assert "Traceback" not in output


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING",
        DEBUG="false", SECRET_KEY=SECRET, ALLOWED_HOSTS="sleepcall.example",
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_value_is_named_without_a_traceback():
    result = manage("check", SLEEPCALL_PRICE_MIN="lima ribu")
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert "SLEEPCALL_PRICE_MIN" in output
    assert "Traceback" not in output
