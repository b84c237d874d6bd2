"""Settings for the test suite (pytest's DJANGO_SETTINGS_MODULE): the app's settings, made fast and quiet.

Only what tests need differs from kcc_planning.settings; per-test state (a throwaway PRIVATE_STORAGE_ROOT,
eager Celery) is set by fixtures in tests/conftest.py.
"""

from .settings import *  # noqa: F403

# Argon2 is deliberately slow; tests create many users. tests/security/test_settings.py checks the
# app's own hashers by putting them back for those tests.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Sent mail is kept in django.core.mail.outbox, whatever EMAIL_BACKEND the environment names.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

# Render jobs run in the test's own thread (and transaction) unless a test turns the background thread on.
RENDER_IN_BACKGROUND_THREAD = False

# Loading the demo does not render the seed's agenda pack for every test that loads it (committees/demo_publish.py).
DEMO_PUBLISH_PACK = False
