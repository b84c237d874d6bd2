"""An appendix of a cover report as the pack prints it: its letter, and its paper from the app that owns it.

Plans print from their committee snapshots (checked intact first), monitoring reports from the copy frozen at
their first build, everything else through the document renderer registry.
"""

from __future__ import annotations

import re

from documents import registry

from ..models import Appendix, AppendixKind

BODY_TAG = re.compile(r"<body\b[^>]*>", re.IGNORECASE)


class PackError(Exception):
    """A pack that cannot be built, with a message fit for the user."""


def appendix_labels(appendices: list[Appendix]) -> list[str]:
    """ "Appendix A", "Appendix B"…; an appendix that continues the previous one keeps its letter."""
    labels = []
    letter = -1
    for appendix in appendices:
        if not (appendix.continues_previous and labels):
            letter += 1
        labels.append(f"Appendix {chr(ord('A') + letter)}")
    return labels


def _inject(html: str, *, label: str) -> str:
    """Add the pack stylesheet (no footer of its own, no heading bookmarks) and the appendix label to a paper."""
    from django.templatetags.static import static
    from django.utils.html import escape

    link = f'<link rel="stylesheet" href="{static("print/pack.css")}">'
    html = html.replace("</head>", f"{link}</head>", 1) if "</head>" in html else link + html
    match = BODY_TAG.search(html)
    marker = f'<p class="pack-appendix-label">{escape(label)}</p>'
    if match:
        return html[: match.end()] + marker + html[match.end() :]
    return marker + html


def appendix_html(appendix: Appendix, label: str) -> str:
    if appendix.kind == AppendixKind.PLAN_SNAPSHOT:
        from django.template.loader import render_to_string

        from plans.plan_renderer import plan_print_context
        from plans.selectors import plan_get
        from plans.services.workflow import snapshot_verify
        from plans.versions import hydrate

        snapshot = appendix.snapshot
        if not snapshot_verify(snapshot):
            # The pack must print what was sent; a frozen copy changed since is never printed as if it were.
            raise PackError(
                f"{label} ({appendix.title}) cannot be printed: the frozen copy of the plan failed its integrity "
                "check, so it is no longer exactly what was sent to the committee. Contact the service desk."
            )
        plan = plan_get(plan_id=snapshot.plan_id)
        html = render_to_string("print/plan.html", plan_print_context(plan, document=hydrate(snapshot.document)))
    elif appendix.kind == AppendixKind.MONITORING_REPORT:
        # Frozen by the first build that prints it (committees/monitoring.py), so rebuilds print the same.
        from ..monitoring import FrozenReportError, monitoring_appendix_html

        try:
            html = monitoring_appendix_html(appendix)
        except FrozenReportError as error:
            raise PackError(f"{label} ({appendix.title}) {error}") from error
    else:
        renderer = registry.get(appendix.kind)
        subject = renderer.model._default_manager.filter(pk=appendix.subject_id).first()
        if subject is None:
            raise PackError(f"{label} ({appendix.title}) refers to a document that no longer exists.")
        html = renderer.build_html(subject, dict(appendix.options or {}))
    return _inject(html, label=label)
