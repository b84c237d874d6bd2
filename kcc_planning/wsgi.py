"""The WSGI entry point for a production server (gunicorn, mod_wsgi...).

It defaults to ``kcc_planning.settings_production``, which refuses to start without ``DJANGO_SECRET_KEY``
and ``DJANGO_ALLOWED_HOSTS`` (docs/security.md), so a server started without its settings fails loudly
rather than running on the public development key. ``make run`` (manage.py) uses the development settings.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kcc_planning.settings_production")
application = get_wsgi_application()
