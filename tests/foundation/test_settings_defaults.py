"""With no environment at all the project serves a laptop; the environment switches on the real services."""

from .subprocess_env import settings_with


def test_defaults_need_nothing_sqlite_in_process_tasks_console_email():
    s = settings_with()

    assert s["DEBUG"] is True
    assert s["DATABASE_ENGINE"] == "django.db.backends.sqlite3"
    assert s["DATABASE_NAME"].endswith("db.sqlite3")
    assert s["CELERY_BROKER_URL"] == "memory://"
    assert s["CELERY_TASK_ALWAYS_EAGER"] is True
    assert s["CACHE_BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.console.EmailBackend"


def test_defaults_are_jakarta_time_and_indonesian_first():
    s = settings_with()

    assert s["TIME_ZONE"] == "Asia/Jakarta"
    assert s["USE_TZ"] is True
    assert s["LANGUAGE_CODE"] == "id"
    assert s["LANGUAGES"] == ["id", "en"]


def test_environment_switches_on_postgresql_redis_and_smtp():
    s = settings_with(
        DATABASE_URL="postgres://sleepcall@db.example:5432/sleepcall",
        REDIS_URL="redis://cache.example:6379/1",
        EMAIL_URL="smtp+tls://mailer:secret@smtp.example:587",
    )

    assert s["DATABASE_ENGINE"] == "django.db.backends.postgresql"
    assert s["DATABASE_NAME"] == "sleepcall"
    assert s["CELERY_BROKER_URL"] == "redis://cache.example:6379/1"
    assert s["CELERY_TASK_ALWAYS_EAGER"] is False
    assert s["CACHE_BACKEND"] == "sleepcall.cache.ReusedClientRedisCache"  # Django's, one client per pool
    assert s["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
