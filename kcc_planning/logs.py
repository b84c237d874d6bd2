"""Structured logs and the reference people quote when something goes wrong (docs/operations.md, "Logs").

Every request gets an id (``RequestIdMiddleware``): a safe ``X-Request-ID`` from the proxy in front, or a
new one. It is kept in a context variable while the request is handled, so every log line written meanwhile
carries it, and the 500 page (``server_error``) shows it as the reference to quote. ``JsonFormatter`` writes
one JSON object per line: time, level, logger, message, request id, user id, path, method, exception type and
traceback, plus simple values passed with ``extra`` (such as a render job's ``reference``).
"""

from __future__ import annotations

import contextvars
import datetime
import json
import logging
import re
import secrets
import traceback
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader
from django.utils.functional import SimpleLazyObject, empty

REQUEST_ID_HEADER = "X-Request-ID"
# A proxy's request id is taken only if it is a plain token (UUIDs, nginx's $request_id): nothing that could
# break a log line or a page.
SAFE_REQUEST_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")

_current_request: contextvars.ContextVar[HttpRequest | None] = contextvars.ContextVar("request", default=None)
_current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)


def new_request_id() -> str:
    """Twelve hex characters: short enough to read out over the phone, unique enough to find in the logs."""
    return secrets.token_hex(6)


def current_request_id() -> str | None:
    return _current_request_id.get()


class RequestIdMiddleware:
    """Gives each request an id, for its log lines, its ``X-Request-ID`` response header and the 500 page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        offered = request.headers.get(REQUEST_ID_HEADER, "")
        request_id = offered if SAFE_REQUEST_ID.fullmatch(offered) else new_request_id()
        request.request_id = request_id
        request_token = _current_request.set(request)
        id_token = _current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            _current_request_id.reset(id_token)
            _current_request.reset(request_token)
        response[REQUEST_ID_HEADER] = request_id
        return response


def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page with the reference to quote (``handler500``). No context processors: they may be what broke."""
    reference = getattr(request, "request_id", None) or current_request_id()
    html = loader.get_template("500.html").render({"reference": reference})
    return HttpResponseServerError(html)


def _user_id(request: HttpRequest) -> Any:
    """The signed-in user's id, only if the request has already loaded its user (logging never queries)."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    if isinstance(user, SimpleLazyObject) and user._wrapped is empty:
        return None
    if not getattr(user, "is_authenticated", False):
        return None
    return getattr(user, "pk", None)


class RequestContextFilter(logging.Filter):
    """Adds the request id, user id, path and method (and a Celery task's id and name) to every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        request = getattr(record, "request", None)
        if not isinstance(request, HttpRequest):
            request = _current_request.get()
        if not hasattr(record, "request_id"):
            record.request_id = getattr(request, "request_id", None) or current_request_id()
        if request is not None:
            record.user_id = _user_id(request)
            record.path = request.path
            record.method = request.method
        task = _current_task()
        if task is not None:
            record.task_id, record.task_name = task
        return True


def _current_task() -> tuple[str, str] | None:
    try:
        from celery import current_task
    except ImportError:  # pragma: no cover - Celery is a dependency
        return None
    task = current_task
    if not task:
        return None
    task_id = getattr(task.request, "id", None)
    return (task_id, task.name) if task_id else None


# Attributes every LogRecord has: anything else on a record came through ``extra`` (or a filter above).
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}
# Fields written first, in this order, whenever they are set.
_CONTEXT = ("request_id", "user_id", "method", "path", "status_code", "task_name", "task_id", "reference")


class JsonFormatter(logging.Formatter):
    """One JSON object per line. Extra values that are not plain (a request object, say) are left out."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name in _CONTEXT:
            value = getattr(record, name, None)
            if value is not None:
                entry[name] = value
        for name, value in vars(record).items():
            if name in _STANDARD or name in _CONTEXT or name in entry or name.startswith("_"):
                continue
            if value is None or isinstance(value, str | int | float | bool):
                entry[name] = value
        if record.exc_info and record.exc_info[0] is not None:
            entry["exc_type"] = f"{record.exc_info[0].__module__}.{record.exc_info[0].__qualname__}"
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        elif record.exc_text:
            entry["traceback"] = record.exc_text
        if record.stack_info:
            entry["stack"] = record.stack_info
        return json.dumps(entry, ensure_ascii=False, default=str)
