"""Production settings: the development settings plus HTTPS-only hardening.

Use with ``DJANGO_SETTINGS_MODULE=kcc_planning.settings_production``. Kept apart from
``settings.py`` because these settings (HTTPS redirect, HSTS, secure-only cookies)
would stop ``make run`` and the tests working over plain http://127.0.0.1.
``python manage.py check --deploy --fail-level WARNING`` must pass with this module
(``make test`` runs it); see docs/security.md.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .settings import *  # noqa: F403
from .settings import env_bool

DEBUG = False

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("Set DJANGO_SECRET_KEY to a random value of at least 50 characters in production.")
# Keys being retired after a rotation: comma-separated, newest first.
SECRET_KEY_FALLBACKS = [key for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if key]

if not os.environ.get("DJANGO_ALLOWED_HOSTS"):
    raise ImproperlyConfigured("Set DJANGO_ALLOWED_HOSTS to the site's host name(s) in production.")
ALLOWED_HOSTS = [host for host in os.environ["DJANGO_ALLOWED_HOSTS"].split(",") if host]
CSRF_TRUSTED_ORIGINS = [f"https://{host.lstrip('.')}" for host in ALLOWED_HOSTS if host != "*"]

# A mail server that does not answer must not hold a worker's email task for ever (docs/operations.md, "Email").
EMAIL_TIMEOUT = int(os.environ.get("DJANGO_EMAIL_TIMEOUT", "20"))

# Static files served by WhiteNoise from STATIC_ROOT (``collectstatic`` in the production start): hashed names,
# so they are cached for a year, and compressed copies. Run ``collectstatic`` before starting the web process.
WHITENOISE_USE_FINDERS = False
WHITENOISE_AUTOREFRESH = False
STORAGES = {
    **STORAGES,  # noqa: F405 - keeps "private" (settings.py, chosen by PRIVATE_STORAGE_BACKEND)
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

SECURE_SSL_REDIRECT = True
SECURE_HSTS_SECONDS = 63_072_000  # two years, as the HSTS preload list asks
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# The __Host- prefix makes the browser refuse the cookie unless it is secure,
# host-only and path "/": a sibling subdomain cannot plant or overwrite it.
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"

if env_bool("DJANGO_BEHIND_PROXY"):
    # Only behind a reverse proxy that terminates TLS and always sets (never passes
    # through) these headers; otherwise a client could claim HTTPS or another IP.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_PROXY_COUNT = int(os.environ.get("DJANGO_PROXY_COUNT", "1"))
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
    # The API's and feeds' rate limits count the client's own address, not the proxy's (ADR 0006).
    REST_FRAMEWORK = REST_FRAMEWORK | {"NUM_PROXIES": AXES_IPWARE_PROXY_COUNT}  # noqa: F405

# `make serve` runs this production stack on one machine over plain HTTP on the loopback address (there is no TLS to
# terminate). Only then may the HTTPS-only settings go, and never for a host name other machines could reach.
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}
if env_bool("DJANGO_LOOPBACK_HTTP"):
    if not set(ALLOWED_HOSTS) <= LOOPBACK_HOSTS:
        raise ImproperlyConfigured("DJANGO_LOOPBACK_HTTP is only for DJANGO_ALLOWED_HOSTS of 127.0.0.1 and localhost.")
    SECURE_SSL_REDIRECT = False
    SECURE_HSTS_SECONDS = 0
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
    SESSION_COOKIE_NAME, CSRF_COOKIE_NAME = "sessionid", "csrftoken"  # the __Host- prefix needs HTTPS
    CSRF_TRUSTED_ORIGINS = []
