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


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("SLEEPCALL_PRICE_MIN", "lima ribu"),
        ("DATABASE_URL", "garbage"),
        ("DATABASE_URL", "postgres://u@h:abc/db"),
        ("EMAIL_URL", "garbage"),
        ("EMAIL_URL", "smtp://u:p@host:notaport"),
        ("LOG_LEVEL", "loud"),
    ],
)
def test_a_bad_value_is_named_without_a_traceback(name, value):
    result = manage("check", **{name: value})
    output = result.stdout + result.stderr

    assert result.returncode != 0
    assert name in output
    assert "Traceback" not in output


def test_allowed_hosts_with_no_host_in_it_is_refused():
    result = manage("check", DEBUG="false", SECRET_KEY=SECRET, ALLOWED_HOSTS=" , ")
    output = result.stdout + result.stderr
    assert result.returncode != 0 and "ALLOWED_HOSTS" in output and "Traceback" not in output
