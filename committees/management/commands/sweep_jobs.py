"""``python manage.py sweep_jobs``: what Celery beat does every minute, for an operator to run by hand.

Sends again the render jobs and pack builds that never reached the broker (it was down) or have waited too long
without starting, and puts back in the queue those whose worker died (still "running" past their task's hard time
limit); after two such retries a job fails with a message and its reference (documents/dispatch.py,
docs/operations.md "When the broker or a worker dies"). Then queues again the public papers of a recent
publication that still has none (committees/services/papers.py). Lives in committees, the top layer, because it sweeps
both documents' render jobs and committees' pack builds.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand

from documents import dispatch
from documents.services import render_jobs_sweep

from ...services.packs import pack_builds_sweep
from ...services.papers import public_papers_sweep


class Command(BaseCommand):
    help = "Send again render jobs and pack builds stuck in the queue; retry those whose worker died."

    def add_arguments(self, parser):
        parser.add_argument(
            "--queued-after",
            type=int,
            default=int(dispatch.QUEUED_AFTER.total_seconds()),
            help="Send again a job queued (sent, not started) for this many seconds (default %(default)s).",
        )

    def handle(self, *args, queued_after: int, **options):
        queued = timedelta(seconds=queued_after)
        for what, sweep in (("Render jobs", render_jobs_sweep), ("Pack builds", pack_builds_sweep)):
            report = sweep(queued_after=queued)
            self.stdout.write(f"{what}: {report}.")
            if report.unsent:
                self.stderr.write(f"{what} not sent (is the broker down?): {', '.join(report.unsent)}")
        report = public_papers_sweep()
        self.stdout.write(f"Public papers: {report}.")
        if report.unsent:
            self.stderr.write(f"Public papers not sent (is the broker down?): {', '.join(report.unsent)}")
