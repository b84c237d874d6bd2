"""Reads for render jobs."""

from __future__ import annotations

import uuid
from pathlib import Path

from django.contrib.contenttypes.models import ContentType
from django.core.files import File
from django.db.models import QuerySet

from . import registry, storage
from .models import RenderJob, RenderStatus


def render_job_get(*, job_id: uuid.UUID | str) -> RenderJob:
    return RenderJob.objects.select_related("subject_type", "requested_by").get(pk=job_id)


def render_jobs_for(*, subject) -> QuerySet[RenderJob]:
    """The render jobs of one subject (a plan, a register…), newest first."""
    return RenderJob.objects.filter(
        subject_type=ContentType.objects.get_for_model(subject), subject_id=subject.pk
    ).select_related("requested_by")


def job_renderer_key(*, job: RenderJob) -> str:
    return str(job.options.get("renderer", ""))


def job_options(*, job: RenderJob) -> dict:
    options = job.options.get("options", {})
    return options if isinstance(options, dict) else {}


def job_renderer(*, job: RenderJob) -> registry.DocumentRenderer:
    return registry.get(job_renderer_key(job=job))


def job_subject(*, job: RenderJob):
    """The job's subject, or None if it has been deleted since."""
    model = job.subject_type.model_class()
    if model is None:
        return None
    return model._default_manager.filter(pk=job.subject_id).first()


def user_may_follow(*, user, job: RenderJob) -> bool:
    """Whether ``user`` may see this job and download its file: the renderer's permission on the subject."""
    if not user.is_authenticated:
        return False
    try:
        renderer = job_renderer(job=job)
    except registry.UnknownRenderer:
        return False
    subject = job_subject(job=job)
    return subject is not None and user.has_perm(renderer.permission, subject)


def job_file(*, job: RenderJob) -> Path | None:
    """Local disk only: the finished file's path if the job is done and the file is unchanged; else None."""
    if job.status != RenderStatus.DONE:
        return None
    return storage.verified_path(name=job.file_name, checksum=job.checksum)


def job_file_open(*, job: RenderJob) -> File | None:
    """The finished file, open, if the job is done and the file is there, unchanged since it was written; else None.

    The caller closes it (a ``FileResponse`` does).
    """
    if job.status != RenderStatus.DONE:
        return None
    return storage.verified_open(name=job.file_name, checksum=job.checksum)
