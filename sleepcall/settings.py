"""Settings for Sleep Call, read from the environment with django-environ.

The defaults serve a laptop (SQLite, tasks run in-process, console e-mail, DEBUG on).
With DEBUG off, the production settings below are required and a missing one stops the
process with a message naming the variable, not a traceback.
"""

import sys
from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent



class _Env(environ.Env):
    """Name the variable when a value cannot be read (SLEEPCALL_PRICE_MIN=abc), instead of a traceback."""

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        try:
            return super().get_value(var, cast=cast, default=default, parse_default=parse_default)
        except ValueError as error:
            message = f"Configuration error: the environment variable {var} has a bad value ({error})."
            raise SystemExit(message) from None


env = _Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)


def _url_setting(name: str, read, **kwargs) -> dict:
    """env.db / env.email_url, with a one-line message naming the variable for a URL it cannot parse."""
    try:
        config = read(name, **kwargs)
    except (ValueError, KeyError, environ.ImproperlyConfigured) as error:
        raise SystemExit(
            f"Configuration error: the environment variable {name} is not a URL we can use ({error})."
        ) from None
    return config

DEBUG = env.bool("DEBUG", default=True)
TESTING = "pytest" in sys.modules or env.bool("TESTING", default=False)


def _required(name: str) -> str:
    """Stop with a one-line message when a production setting is missing."""
    value = env.str(name, default="")
    if not value:
        raise SystemExit(
            f"Configuration error: the environment variable {name} is required when DEBUG is off."
        )
    return value


if DEBUG:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-change-me-in-production-0123456789")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
else:
    SECRET_KEY = _required("SECRET_KEY")
    ALLOWED_HOSTS = [host.strip() for host in _required("ALLOWED_HOSTS").split(",") if host.strip()]
    if not ALLOWED_HOSTS:
        raise SystemExit("Configuration error: the environment variable ALLOWED_HOSTS names no host.")

CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "sleepcall.admin_site.SleepCallAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "phonenumber_field",
    "django_htmx",
    "axes",
    "csp",
    "talents",
    "bookings",
    "payouts",
    "notifications",
    "support",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "sleepcall.headers.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "sleepcall.middleware.PersonTimezoneMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "sleepcall.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.template.context_processors.tz",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "notifications.context_processors.bell",
            ],
        },
    },
]

WSGI_APPLICATION = "sleepcall.wsgi.application"

# Database: SQLite by default, PostgreSQL (psycopg 3) from DATABASE_URL.
DATABASES = {"default": _url_setting("DATABASE_URL", env.db, default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if not DATABASES["default"].get("ENGINE"):
    raise SystemExit(
        "Configuration error: the environment variable DATABASE_URL is not a database URL "
        "(for example postgres://user@127.0.0.1:5432/sleepcall)."
    )
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Concurrent writers on the embedded default: every transaction takes the write lock when it
    # begins (BEGIN IMMEDIATE), so a second writer waits up to `timeout` seconds for it instead of
    # failing with "database is locked" when a read lock cannot be upgraded mid-transaction; the
    # service's own checks then answer the late one as PostgreSQL's row locks would.
    DATABASES["default"].setdefault("OPTIONS", {}).update({"timeout": 20, "transaction_mode": "IMMEDIATE"})
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # A database that stops answering fails a request in seconds, instead of hanging it until
    # gunicorn kills the worker (psycopg counts at least 2 s for a connect timeout).
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "connect_timeout": env.int("DATABASE_CONNECT_TIMEOUT", default=3),
        "options": f"-c statement_timeout={env.int('DATABASE_STATEMENT_TIMEOUT_MS', default=15_000)}"
                   f" -c lock_timeout={env.int('DATABASE_LOCK_TIMEOUT_MS', default=10_000)}",
    })
# /healthz gives the database this long to answer SELECT 1 before it says "unavailable".
HEALTHZ_TIMEOUT_SECONDS = env.float("HEALTHZ_TIMEOUT_SECONDS", default=0.8)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "sleepcall.auth_backends.ProfileModelBackend",
    # Sessions opened before ProfileModelBackend still name this one; keep them signed in.
    "django.contrib.auth.backends.ModelBackend",
]
# Sessions are read from the cache (Redis, or local memory on the embedded default) and written
# through to the database: no session query on a page, and nobody is signed out by a cache flush.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Argon2id first: new passwords use it, older hashes (PBKDF2 and the rest) still verify and are
# re-hashed with Argon2id at the owner's next log-in (Django does that for the first hasher).
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
if TESTING:
    # Hashing is deliberately slow; tests create many users and prove nothing about hashing
    # (the hashing tests put Argon2id back first).
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *PASSWORD_HASHERS]

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "after_login"
LOGOUT_REDIRECT_URL = "/"

# Brute-force protection (django-axes): lock an account/IP pair after repeated failures.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=8)
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_ENABLED = env.bool("AXES_ENABLED", default=not TESTING)
AXES_LOCKOUT_CALLABLE = "sleepcall.errors.locked_out"  # translated, says how long the lock lasts
AXES_VERBOSE = False  # no start-up banner on every manage.py command

# The site's own 403 page for a failed CSRF check (an expired form), translated, with a way back.
CSRF_FAILURE_VIEW = "sleepcall.errors.csrf_failure"

# Language and time: Indonesian first, English available; store UTC, show WIB/WITA/WIT.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
FORMAT_MODULE_PATH = ["sleepcall.formats"]  # date-times name their zone (WIB, WITA, WIT)
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Payment proofs never live under a public URL: they are served by a view that checks who asks.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private_media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# E-mail: console by default; EMAIL_URL (e.g. smtp+tls://user:pass@host:587) in production.
vars().update(_url_setting("EMAIL_URL", env.email_url, default="consolemail://"))
# A mail relay that hangs never holds a worker longer than this (e-mail is only sent from workers).
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Sleep Call <noreply@sleepcall.local>")

# Redis: Celery broker and cache. Without it, tasks run in-process and the cache is local memory.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "sleepcall.cache.ReusedClientRedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not REDIS_URL or TESTING)
CELERY_TASK_EAGER_PROPAGATES = True
# At least once: a task is acknowledged after it ran, and given back if its worker dies mid-run.
# The outbox makes a redelivered message harmless (a row is claimed before it is sent).
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# Longer than any task runs (e-mail has EMAIL_TIMEOUT), so Redis never redelivers a task still running;
# short connect/publish timeouts, so a request never waits long on a broker that is down (the outbox
# row stays queued and the sweep sends it).
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600, "socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2, "interval_max": 0.2}
CELERY_TASK_IGNORE_RESULT = True
CELERY_TIMEZONE = "UTC"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "expire-unpaid-bookings": {"task": "bookings.tasks.expire_unpaid_bookings", "schedule": 60.0},
    "complete-finished-sessions": {"task": "bookings.tasks.complete_finished_sessions", "schedule": 60.0},
    "remind-talents-to-unblock": {"task": "bookings.tasks.remind_talents_to_unblock", "schedule": 60.0},
    "remind-talents-to-block": {"task": "bookings.tasks.remind_talents_to_block", "schedule": 60.0},
    "remind-customers": {"task": "bookings.tasks.remind_customers", "schedule": 60.0},
    "send-queued-notifications": {"task": "notifications.tasks.send_queued_notifications", "schedule": 60.0},
}

# Rate limits (django-ratelimit on the cache above: local memory alone, Redis in production), as
# "count/period" per client IP and per target (the e-mail or number typed). Over them: a 429 page.
RATELIMIT_USE_CACHE = "default"
# Off under tests (their many sign-ups come from one address); the rate-limit tests turn it on.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=not TESTING)
# Behind a proxy, the header holding the client's address (e.g. HTTP_X_REAL_IP); REMOTE_ADDR otherwise.
RATELIMIT_IP_META_KEY = env.str("RATELIMIT_IP_META_KEY", default="") or None
SLEEPCALL_RATE_SIGNUP_PER_IP = env.str("SLEEPCALL_RATE_SIGNUP_PER_IP", default="10/h")
SLEEPCALL_RATE_SIGNUP_PER_TARGET = env.str("SLEEPCALL_RATE_SIGNUP_PER_TARGET", default="5/h")
SLEEPCALL_RATE_RESET_PER_IP = env.str("SLEEPCALL_RATE_RESET_PER_IP", default="10/h")
SLEEPCALL_RATE_RESET_PER_TARGET = env.str("SLEEPCALL_RATE_RESET_PER_TARGET", default="3/h")
SLEEPCALL_RATE_PROFILE_PER_USER = env.str("SLEEPCALL_RATE_PROFILE_PER_USER", default="20/h")
SLEEPCALL_RATE_DESK_PER_IP = env.str("SLEEPCALL_RATE_DESK_PER_IP", default="60/h")
SLEEPCALL_RATE_DESK_PER_TARGET = env.str("SLEEPCALL_RATE_DESK_PER_TARGET", default="30/h")

# Payment proofs: images larger than this many pixels are refused (decompression bombs).
SLEEPCALL_PROOF_MAX_PIXELS = env.int("SLEEPCALL_PROOF_MAX_PIXELS", default=40_000_000)
# A proof image whose perceptual hash is this many bits (of 64) or fewer from an earlier booking's
# is taken for the same picture (re-saved, resized, slightly cropped): verifying it needs an override.
SLEEPCALL_PROOF_PHASH_DISTANCE = env.int("SLEEPCALL_PROOF_PHASH_DISTANCE", default=10)

# The waiting list: a verifier's "I'm on it" claim lapses after this long; rows starting this soon stand out;
# the list reloads its rows this often (seconds).
SLEEPCALL_CLAIM_MINUTES = env.int("SLEEPCALL_CLAIM_MINUTES", default=5)
SLEEPCALL_SOON_HOURS = env.int("SLEEPCALL_SOON_HOURS", default=2)
SLEEPCALL_WAITING_LIST_REFRESH_SECONDS = env.int("SLEEPCALL_WAITING_LIST_REFRESH_SECONDS", default=30)

# Security headers on every response, in every mode (DEBUG too, so what we test is what we ship).
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style anywhere (the admin's own scripts are files too); nobody frames us.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        # Staff WhatsApp buttons post here and are redirected on to wa.me (form-action covers redirects).
        "form-action": ["'self'", "https://wa.me", "https://api.whatsapp.com"],
        "frame-ancestors": ["'none'"],
    },
}
# Features no page uses stay off for every page (and anything a page embeds).
PERMISSIONS_POLICY = (
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), "
    "magnetometer=(), gyroscope=(), accelerometer=(), display-capture=()"
)

# The outbox. Links in messages start with SITE_URL.
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000")
NOTIFICATION_MAX_ATTEMPTS = env.int("NOTIFICATION_MAX_ATTEMPTS", default=8)
NOTIFICATION_CLAIM_TIMEOUT_SECONDS = env.int("NOTIFICATION_CLAIM_TIMEOUT_SECONDS", default=300)

# Booking rules. Each may be overridden from the environment.
SLEEPCALL_PRICE_MIN = env.int("SLEEPCALL_PRICE_MIN", default=5_000)
SLEEPCALL_PRICE_MAX = env.int("SLEEPCALL_PRICE_MAX", default=300_000)
SLEEPCALL_PAYMENT_WINDOW_MINUTES = env.int("SLEEPCALL_PAYMENT_WINDOW_MINUTES", default=60)
SLEEPCALL_SLOT_GRID_MINUTES = env.int("SLEEPCALL_SLOT_GRID_MINUTES", default=15)
SLEEPCALL_BUFFER_MINUTES = env.int("SLEEPCALL_BUFFER_MINUTES", default=10)
SLEEPCALL_MIN_NOTICE_MINUTES = env.int("SLEEPCALL_MIN_NOTICE_MINUTES", default=30)
SLEEPCALL_MAX_UNPAID_BOOKINGS = env.int("SLEEPCALL_MAX_UNPAID_BOOKINGS", default=2)
SLEEPCALL_BOOKING_HORIZON_DAYS = env.int("SLEEPCALL_BOOKING_HORIZON_DAYS", default=14)
SLEEPCALL_MAX_SESSIONS_PER_NIGHT = env.int("SLEEPCALL_MAX_SESSIONS_PER_NIGHT", default=6)
SLEEPCALL_MIN_REST_MINUTES = env.int("SLEEPCALL_MIN_REST_MINUTES", default=0)
SLEEPCALL_UNBLOCK_LEAD_MINUTES = env.int("SLEEPCALL_UNBLOCK_LEAD_MINUTES", default=10)
SLEEPCALL_WIND_DOWN_MINUTES = env.int("SLEEPCALL_WIND_DOWN_MINUTES", default=5)
SLEEPCALL_GOODBYE_GRACE_MINUTES = env.int("SLEEPCALL_GOODBYE_GRACE_MINUTES", default=5)
SLEEPCALL_REMINDER_LEAD_MINUTES = env.int("SLEEPCALL_REMINDER_LEAD_MINUTES", default=15)
SLEEPCALL_TALENT_SHARE_PERCENT = env.int("SLEEPCALL_TALENT_SHARE_PERCENT", default=70)
# Money out (issue 14): moving and cancelling a paid session.
SLEEPCALL_RESCHEDULE_MIN_HOURS = env.int("SLEEPCALL_RESCHEDULE_MIN_HOURS", default=6)
SLEEPCALL_CANCEL_FULL_REFUND_HOURS = env.int("SLEEPCALL_CANCEL_FULL_REFUND_HOURS", default=24)
SLEEPCALL_CANCEL_LATE_REFUND_PERCENT = env.int("SLEEPCALL_CANCEL_LATE_REFUND_PERCENT", default=50)
SLEEPCALL_RULES_VERSION = env.str("SLEEPCALL_RULES_VERSION", default="2026-11")

# Customer service desk (support/).
SUPPORT_WHATSAPP_NUMBER = env.str("SUPPORT_WHATSAPP_NUMBER", default="+6281100000000")
SUPPORT_FIRST_REPLY_MINUTES = env.int("SUPPORT_FIRST_REPLY_MINUTES", default=15)
SUPPORT_BANNED_MESSAGES_PER_DAY = env.int("SUPPORT_BANNED_MESSAGES_PER_DAY", default=3)
SUPPORT_ABUSE_BAN_AFTER = env.int("SUPPORT_ABUSE_BAN_AFTER", default=3)
SUPPORT_ABUSE_BAN_DAYS = env.int("SUPPORT_ABUSE_BAN_DAYS", default=7)

# Production hardening; `manage.py check --deploy` passes with DEBUG off.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    # Secure cookies are sent over HTTPS only: a plain-HTTP staging host needs these three set to
    # false, or nobody can stay logged in there (see README, "A plain-HTTP staging host").
    SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=True)
    SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 30)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
    if not SECURE_HSTS_PRELOAD:
        # Joining the browsers' HSTS preload list is hard to undo (months to leave it), so it is an
        # operator's explicit choice (SECURE_HSTS_PRELOAD=true), not something a deploy check forces.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]

if SECRET_KEY.startswith("dev-only") and not DEBUG:
    raise SystemExit("Configuration error: SECRET_KEY must be set to a real secret when DEBUG is off.")

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").upper()
if LOG_LEVEL not in ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"):
    raise SystemExit(
        "Configuration error: the environment variable LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "django.server": {
            "()": "django.utils.log.ServerFormatter", "format": "[{server_time}] {message}", "style": "{"
        },
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler"},
        "django.server": {"class": "logging.StreamHandler", "formatter": "django.server"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    # Naming "django" drops Django's own console handler, whose records also reached the root one
    # (every line was printed twice); the runserver request log keeps its timestamped format.
    "loggers": {
        "django": {"level": "INFO"},
        "django.server": {"handlers": ["django.server"], "level": "INFO", "propagate": False},
        # Without Redis the broker is kombu's in-memory transport, which warns "No hostname was
        # supplied" on first use: meaningless there, and it cluttered `make run`.
        **({} if REDIS_URL else {"kombu.connection": {"level": "ERROR"}}),
    },
}
