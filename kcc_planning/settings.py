"""Settings for kcc_planning, driven by environment variables.

Embedded default: with no ``DATABASE_URL`` the app runs on SQLite and with no
``REDIS_URL`` Celery tasks run eagerly, so ``make run`` needs no services.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", default=False)
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    # Only a development convenience: production must set DJANGO_SECRET_KEY.
    SECRET_KEY = "dev-only-insecure-key-set-DJANGO_SECRET_KEY-in-production"
ALLOWED_HOSTS = [h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "crispy_forms",
    "crispy_forms_gds",
    "govuk_frontend_django",
    "simple_history",
    "csp",
    "axes",
    # Optional TOTP second factor for local accounts, with static backup codes (kcc_planning/otp.py).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rules.apps.AutodiscoverRulesConfig",
    # The read-only open data API and its OpenAPI description (kcc_planning/settings_api.py).
    "rest_framework",
    "drf_spectacular",
    "kcc_planning.apps.KccPlanningConfig",
    "documents",
    "plans",
    "risks",
    "performance",
    "committees",
]

MIDDLEWARE = [
    # /healthz and /readyz answered before the host check and the HTTPS redirect (kcc_planning/health.py).
    "kcc_planning.health.HealthCheckMiddleware",
    # Next, so every other response (even a redirect to HTTPS or a 500) and every log line has the request id.
    "kcc_planning.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after the HTTPS redirect, before sessions and the database are touched.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Early, so request.csp_nonce exists for every template that renders.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Gives request.user.is_verified() (a second factor passed in this session); must follow AuthenticationMiddleware.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # After messages, so it can say why someone was signed out.
    "kcc_planning.middleware.SessionLifetimeMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Password sign-ins with a device (or that must have one) go no further until the code is given (docs/security.md).
    "kcc_planning.otp.OTPRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes requires: it turns a flagged lock-out into the lock-out page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kcc_planning.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "kcc_planning.context_processors.council",
                # Whether the sign-in page offers single sign-on (kcc_planning/oidc.py).
                "kcc_planning.oidc.sign_in_options",
            ],
        },
    },
]

WSGI_APPLICATION = "kcc_planning.wsgi.application"

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": os.environ.get("SQLITE_PATH", str(BASE_DIR / "db.sqlite3")),
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # First, so a locked-out username + IP pair is refused before any password is checked.
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home:my_work"  # "My work" first (issue 16)
LOGOUT_REDIRECT_URL = "login"

# Single sign-on with OpenID Connect (docs/security.md, "Single sign-on"; kcc_planning/oidc.py): on only when
# OIDC_RP_CLIENT_ID is set, so the embedded default keeps local passwords and nothing else.
OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
if OIDC_RP_CLIENT_ID:
    # After axes, which refuses a locked-out address before any backend is asked.
    _axes = AUTHENTICATION_BACKENDS.index("axes.backends.AxesStandaloneBackend")
    AUTHENTICATION_BACKENDS.insert(_axes + 1, "kcc_planning.oidc.CouncilOIDCBackend")
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
    OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid email profile")
    _endpoints = ["OIDC_OP_AUTHORIZATION_ENDPOINT", "OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT"]
    if not all(os.environ.get(name) for name in _endpoints):
        raise ImproperlyConfigured(f"Single sign-on (OIDC_RP_CLIENT_ID) needs {', '.join(_endpoints)}.")
    OIDC_OP_AUTHORIZATION_ENDPOINT, OIDC_OP_TOKEN_ENDPOINT, OIDC_OP_JWKS_ENDPOINT = map(os.environ.get, _endpoints)
    # Claims are read from the signed ID token (Entra ID puts groups and roles there, not at /userinfo).
    OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_LOGOUT_ENDPOINT = os.environ.get("OIDC_OP_LOGOUT_ENDPOINT", "")
    AXES_WHITELIST_CALLABLE = "kcc_planning.oidc.axes_ignores_single_sign_on"
    OIDC_STORE_ID_TOKEN = True  # the id_token_hint of the sign-out at the provider
    OIDC_USE_PKCE = True
    OIDC_TIMEOUT = int(os.environ.get("OIDC_TIMEOUT_SECONDS", "10"))
# The claim that names a user for good (their username here) and the one listing their provider groups or roles.
OIDC_USERNAME_CLAIM = os.environ.get("OIDC_USERNAME_CLAIM", "sub")
OIDC_GROUPS_CLAIM = os.environ.get("OIDC_GROUPS_CLAIM", "groups")
# JSON: provider group or role -> app role(s) (kcc_planning.roles.Role values), applied at every SSO sign-in.
OIDC_ROLE_MAP = os.environ.get("OIDC_ROLE_MAP", "{}")
# Break-glass: when set, only these usernames may sign in with a password; everyone else uses single sign-on.
LOCAL_LOGIN_ACCOUNTS = [name.strip() for name in os.environ.get("LOCAL_LOGIN_ACCOUNTS", "").split(",") if name.strip()]
if LOCAL_LOGIN_ACCOUNTS:
    _passwords = AUTHENTICATION_BACKENDS.index("django.contrib.auth.backends.ModelBackend")
    AUTHENTICATION_BACKENDS.insert(_passwords, "kcc_planning.oidc.LocalPasswordGate")

# Security baseline (issue 5 item 7; docs/security.md). Production-only hardening
# (HTTPS, HSTS, secure cookies) lives in kcc_planning/settings_production.py so
# that development and tests keep working over plain http://127.0.0.1.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    # Older hashes still verify and are upgraded to Argon2 at the next sign-in.
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
SESSION_COOKIE_AGE = 30 * 60  # idle limit: every request pushes the expiry 30 minutes on
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_LIMIT_SECONDS = 12 * 60 * 60  # enforced by kcc_planning.middleware
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True  # no script reads the token from the cookie: forms carry it
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        # The one inline script in base.html carries the per-request nonce; no 'unsafe-inline'.
        "script-src": ["'self'", NONCE],
        "style-src": ["'self'"],
        "img-src": ["'self'"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
    },
}
if OIDC_RP_CLIENT_ID and OIDC_OP_LOGOUT_ENDPOINT:
    # Sign-out is a form post answered by a redirect to the identity provider, and browsers apply form-action to
    # that redirect too.
    from urllib.parse import urlsplit

    _logout = urlsplit(OIDC_OP_LOGOUT_ENDPOINT)
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(f"{_logout.scheme}://{_logout.netloc}")

# Failed sign-ins are counted per username AND IP address together, so one person
# guessing at one account cannot lock everyone else in an office behind the same IP.
AXES_FAILURE_LIMIT = 5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_RESET_ON_SUCCESS = True
# Tries during a lock-out do not restart the wait, so the time the lock-out page gives stays true.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "kcc_planning.lockout.lockout_response"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
# Where collectstatic gathers the files WhiteNoise serves in production (settings_production.py).
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
# Development: WhiteNoise serves the source folders as they change (so `make run` with DEBUG off still has its
# styles, and there is no STATIC_ROOT to collect first). settings_production.py serves the collected files only.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True

# Generated files (PDFs) are private: they are served only through
# permission-checked views, never from a public media URL.
PRIVATE_STORAGE_ROOT = Path(os.environ.get("PRIVATE_STORAGE_ROOT", str(BASE_DIR / "media" / "private")))

# Where private files live: the local disk or Azure Blob Storage (kcc_planning/settings_storage.py).
from .settings_storage import PRIVATE_STORAGE_BACKEND, STORAGES  # noqa: E402, F401

# Retention of private storage (docs/operations.md, "Retention"): what purge_storage deletes, run daily by beat.
# Published packs are never deleted; uploaded papers' files go when their paper is deleted.
RETENTION = {
    "render_jobs_days": int(os.environ.get("RETENTION_RENDER_JOBS_DAYS", "30")),
    "unpublished_builds_days": int(os.environ.get("RETENTION_UNPUBLISHED_BUILDS_DAYS", "30")),
    "part_cache_max_mb": int(os.environ.get("RETENTION_PART_CACHE_MAX_MB", "500")),
    "part_cache_max_days": int(os.environ.get("RETENTION_PART_CACHE_MAX_DAYS", "90")),
    "orphan_min_age_hours": int(os.environ.get("RETENTION_ORPHAN_MIN_AGE_HOURS", "24")),
}

CRISPY_ALLOWED_TEMPLATE_PACKS = ["gds"]
CRISPY_TEMPLATE_PACK = "gds"

MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# Celery: eager when there is no broker configured (embedded default).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = False
# Without a broker, render jobs run in one background thread of the web process, so a long render still shows
# its progress page (documents/background.py).
RENDER_IN_BACKGROUND_THREAD = not REDIS_URL
CELERY_TASK_SERIALIZER = "json"
# Two sites (say, test and live) may share one Redis: each names its own queue, so neither's workers take the
# other's work. Web, worker and beat of one site must use the same name.
CELERY_TASK_DEFAULT_QUEUE = os.environ.get("CELERY_QUEUE", "celery")
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = 240
CELERY_TASK_TIME_LIMIT = 300
CELERY_WORKER_MAX_MEMORY_PER_CHILD = 1_000_000  # KiB: WeasyPrint peaks around 0.5 GB on big packs
# Redis redelivers a task its worker took but never acknowledged (acks_late: the worker died) after the
# visibility timeout. Its default, an hour, left a pack "Building 41%" that long. It must stay above the longest
# hard time limit (pack builds, 660 s) or a healthy long build would be delivered twice; the sweeper
# (documents/dispatch.py) re-queues an interrupted job a minute after its limit anyway.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 720, "socket_connect_timeout": 3}
# Broker down: give up sending after about a second, so a request for a PDF still answers quickly; the job is
# marked and the sweeper sends it when the broker is back (docs/operations.md).
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 2, "interval_start": 0, "interval_step": 0.5, "interval_max": 0.5}

# Celery beat: scheduled jobs exist only where a broker (and so a beat process) runs.
CELERY_BEAT_SCHEDULE: dict = {}
if REDIS_URL:
    from celery.schedules import crontab

    # Performance: email owners of missing actuals for the last closed period, 10th of each month at 08:00.
    CELERY_BEAT_SCHEDULE["performance-missing-actuals-reminders"] = {
        "task": "performance.send_reminders",
        "schedule": crontab(minute=0, hour=8, day_of_month=10),
    }
    # Plans: remind officers of actions and milestones not updated when a reporting period closed, daily at 08:15.
    CELERY_BEAT_SCHEDULE["plans-progress-reminders"] = {
        "task": "plans.send_progress_reminders",
        "schedule": crontab(minute=15, hour=8),
    }
    # Render jobs and pack builds: send again what never reached the broker, retry what a dead worker left
    # running (documents/dispatch.py). Every minute; a sweep that waited longer than that is dropped.
    CELERY_BEAT_SCHEDULE["documents-sweep-render-jobs"] = {
        "task": "documents.sweep_render_jobs",
        "schedule": 60.0,
        "options": {"expires": 55},
    }
    CELERY_BEAT_SCHEDULE["committees-sweep-pack-builds"] = {
        "task": "committees.sweep_pack_builds",
        "schedule": 60.0,
        "options": {"expires": 55},
    }
    # Published packs' papers one by one: queue again those a broker outage or a dead worker lost.
    CELERY_BEAT_SCHEDULE["committees-sweep-public-papers"] = {
        "task": "committees.sweep_public_papers",
        "schedule": 60.0,
        "options": {"expires": 55},
    }
    # Private storage: apply the retention policy (RETENTION), every day at 02:30.
    CELERY_BEAT_SCHEDULE["documents-purge-storage"] = {
        "task": "documents.purge_storage",
        "schedule": crontab(minute=30, hour=2),
    }

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "business-planning@example.gov.uk")

# Used in emails to link back to the app.
SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000").rstrip("/")
COUNCIL_NAME = os.environ.get("COUNCIL_NAME", "Kent County Council")
SERVICE_NAME = "Business planning"

# Local accounts (docs/security.md, "Local accounts"): password reset by email and the optional TOTP second factor.
# The cache counts password-reset requests; with REDIS_URL it is shared by every web process, else per process.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kcc",
            "OPTIONS": {"socket_connect_timeout": 3, "socket_timeout": 3},
        }
    }
PASSWORD_RESET_TIMEOUT = int(os.environ.get("PASSWORD_RESET_TIMEOUT", str(60 * 60)))  # seconds a reset link works
PASSWORD_RESET_RATE_LIMIT = int(os.environ.get("PASSWORD_RESET_RATE_LIMIT", "5"))  # requests per address and per IP
PASSWORD_RESET_RATE_WINDOW = int(os.environ.get("PASSWORD_RESET_RATE_WINDOW", str(60 * 60)))  # ... in this many s
# Who must have a second factor when they sign in with a password: "none", "administrators" or "all".
OTP_REQUIRED_FOR = os.environ.get("OTP_REQUIRED_FOR", "none").strip().lower()
if OTP_REQUIRED_FOR not in {"none", "administrators", "all"}:
    raise ImproperlyConfigured(f"OTP_REQUIRED_FOR must be none, administrators or all, not {OTP_REQUIRED_FOR!r}")
# Sessions signed in through these backends used a password, so the second factor applies; any other backend
# (single sign-on: the identity provider does its own MFA) is not asked for a code.
OTP_PASSWORD_BACKENDS = ["django.contrib.auth.backends.ModelBackend", "axes.backends.AxesStandaloneBackend"]
OTP_TOTP_ISSUER = f"{COUNCIL_NAME} {SERVICE_NAME}"
OTP_STATIC_BACKUP_CODES = 10
# Administrators can remove a user's devices in the Django admin, but never read their keys or backup codes.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# `load_demo` publishes the demo meeting's agenda pack as it was published (committees/demo_publish.py).
DEMO_PUBLISH_PACK = env_bool("DJANGO_DEMO_PUBLISH_PACK", True)

# The open data API and feeds: anonymous, read-only, paginated, rate-limited (kcc_planning/settings_api.py).
from .settings_api import REST_FRAMEWORK, SPECTACULAR_SETTINGS  # noqa: E402, F401

# Logs: one JSON object per line on stderr (kcc_planning/settings_logging.py; docs/operations.md, "Logs").
from .settings_logging import LOG_LEVEL, LOGGING  # noqa: E402, F401
