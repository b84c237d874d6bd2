"""gunicorn's settings for the web process (``gunicorn -c kcc_planning/gunicorn.conf.py``; docs/operations.md).

Each can be changed by environment variable, so a council's service definition sets them without editing code.
"""

import multiprocessing
import os

wsgi_app = "kcc_planning.wsgi:application"
bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gunicorn's own advice (2 × cores + 1) for sync workers; each holds one request at a time.
workers = int(os.environ.get("GUNICORN_WORKERS", str(multiprocessing.cpu_count() * 2 + 1)))
# Long enough for the slowest thing a request does: checking a large uploaded paper (tens of seconds at the upload
# limits, in a memory-limited child process). PDFs and packs are made by the Celery worker, never in a request.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "90"))
graceful_timeout = 30
keepalive = 5
# A worker is replaced after this many requests, so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "1000"))
max_requests_jitter = 100
# Heartbeat files in memory: a slow or full disk must not get healthy workers killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
# Only the reverse proxy may say which address and scheme a request came from (DJANGO_BEHIND_PROXY).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# Access and error lines to stderr, each access line with the request id the application sets (X-Request-ID), so
# it joins up with the application's own JSON lines for the same request (kcc_planning/logs.py). Not JSON itself:
# gunicorn does not escape what a client sends (a path, a user agent) for JSON.
accesslog = "-"
errorlog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms request_id=%({x-request-id}o)s'
