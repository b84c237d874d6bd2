"""A published decision's notice as a tagged PDF: the public notice exactly as the public page shows it."""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from documents import storage
from documents.pdf import html_to_pdf

from .models import Decision
from .selectors_decisions import decision_status

FOLDER = "decisions"


def decision_notice_html(decision: Decision) -> str:
    return render_to_string(
        "print/committees/decision_notice.html",
        {
            "decision": decision,
            "status": decision_status(decision=decision, today=timezone.localdate()),
            "public": True,
        },
    )


def decision_notice_render(*, decision_id: int) -> bool:
    """Render and store the notice of a published decision once; False when it is not published or already done."""
    decision = Decision.objects.select_related("forward_plan_entry").prefetch_related("call_ins").get(pk=decision_id)
    if decision.published_on is None:
        return False
    if decision.notice_file and storage.verified_bytes(name=decision.notice_file, checksum=decision.notice_checksum):
        return False
    pdf = html_to_pdf(decision_notice_html(decision))
    checksum = hashlib.sha256(pdf).hexdigest()
    name = storage.save(f"{FOLDER}/{decision.number.replace('/', '-')}-{checksum[:16]}.pdf", pdf)
    with transaction.atomic():
        Decision.objects.filter(pk=decision.pk).update(notice_file=name, notice_checksum=checksum)
    return True
