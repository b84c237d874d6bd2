"""Render jobs over HTTP: follow a job, download its file; Word copies of documents.

Each app has its own view that requests a render (it needs the renderer's permission on the
subject, 403 without it). Following and downloading need the same permission; without it a job is
treated as not existing (404), so job ids reveal nothing.
"""

import io

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from . import word
from .models import RenderJob, RenderStatus
from .selectors import job_file_open, job_renderer, job_subject, render_job_get, user_may_follow


def _job_for(request, job_id) -> RenderJob:
    try:
        job = render_job_get(job_id=job_id)
    except RenderJob.DoesNotExist:
        raise Http404("No such job") from None
    if not user_may_follow(user=request.user, job=job):
        raise Http404("No such job")
    return job


def _status_payload(job: RenderJob) -> dict:
    return {
        "status": job.status,
        # "Queued: it will start when the rendering service is back", "Interrupted, retrying" or the status.
        "status_label": job.status_label,
        "progress": job.progress,
        # True when the percentage means nothing (not sent to the broker yet, or its worker died): not shown.
        "progress_hidden": job.progress_hidden,
        # True a minute after it was sent with no worker taking it: the page reloads to say so (and whom to tell).
        "waits_for_worker": job.waits_for_worker(),
        "finished": job.is_finished,
    }


@never_cache
@login_required
@require_GET
def render_job_status(request, job_id):
    job = _job_for(request, job_id)
    if request.GET.get("format") == "json":
        # Polled by static/js/render_job.js while the job is queued or running.
        return JsonResponse(_status_payload(job))
    renderer = job_renderer(job=job)
    subject = job_subject(job=job)
    file_size = None
    handle = job_file_open(job=job)  # checked as the download would be, so a damaged file is never offered
    if handle is not None:
        with handle:
            file_size = handle.size
    context = {
        "job": job,
        "subject": subject,
        "subject_url": renderer.subject_url(subject) if renderer.subject_url else "",
        "file_size": file_size,
        # Done in the database but the file has gone (storage wiped or moved): never offer a dead link.
        "file_missing": job.status == RenderStatus.DONE and file_size is None,
        "status_url": reverse("documents:render_job_status", args=[job.id]),
    }
    return render(request, "documents/render_job_status.html", context)


@never_cache
@login_required
@require_GET
def render_job_download(request, job_id):
    job = _job_for(request, job_id)
    handle = job_file_open(job=job)  # None unless the file still matches the checksum recorded when it was finished
    if handle is None:
        raise Http404("The file is not available.")
    return FileResponse(
        handle,
        as_attachment=True,
        filename=job.download_name or "document.pdf",
        content_type="application/pdf",
    )


@never_cache
@login_required
@require_GET
def word_download(request, key: str, subject_id: int):
    """The Word copy of one document, made as it is asked for (a few seconds at most; no layout is computed).

    Staff-only: the export's own rule decides who may have a copy; anyone else, and any unknown document, gets a
    404 so ids reveal nothing.
    """
    try:
        export = word.get(key)
    except word.UnknownExport:
        raise Http404("No such document") from None
    subject = export.model._default_manager.filter(pk=subject_id).first()
    if subject is None or not export.may_export(request.user, subject):
        raise Http404("No such document")
    return FileResponse(
        io.BytesIO(word.docx_bytes(export, subject)),
        as_attachment=True,
        filename=word.download_name(export, subject),
        content_type=word.CONTENT_TYPE,
    )
