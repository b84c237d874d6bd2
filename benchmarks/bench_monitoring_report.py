"""Time to produce the mid-year monitoring report PDF of a 300-action plan, against WeasyPrint alone.

    .venv/bin/python benchmarks/bench_monitoring_report.py              # 3 interleaved rounds
    .venv/bin/python benchmarks/bench_monitoring_report.py --rounds 5

Migrates a fresh database and builds an approved 2017-18 directorate plan with 300 actions over 6 priorities
and 30 milestones, an update for every one of them in each quarter (``bench_progress.build``), 20 KPIs with Q1
and Q2 actuals and a directorate register of 20 risks reviewed twice. Then, in one process after a warm-up,
it times interleaved rounds of

- ``report``: everything ``render_monitoring_report`` does for 2017-Q2: read the report (progress, KPIs and
  risks through their registries), draw the print HTML and render it (``html_to_pdf``, PDF/UA-1);
- ``baseline``: WeasyPrint alone (``html_to_pdf``, the same ``pdf_variant``) on the same HTML, drawn beforehand;

report, baseline, report, baseline…, so load on this shared machine falls on both alike. Wall time
(``perf_counter``) and this process's CPU time (``process_time``); the report's own share (read + HTML) is the
difference.
"""

from __future__ import annotations

import argparse
import datetime
import io
import json
import statistics
import time
from decimal import Decimal

from _django import fresh_database, machine, setup_django


def add_kpis_and_risks(plan, *, kpis: int = 20, risks: int = 20) -> None:
    from django.utils import timezone

    from performance.models import Frequency, Kpi, KpiActual, Polarity, Unit, ValueStatus
    from performance.services import period_get_or_create
    from risks.models import Register, RegisterLevel, Review, Risk

    periods = [period_get_or_create(code=code) for code in ("2017-Q1", "2017-Q2")]
    entered = timezone.make_aware(datetime.datetime(2017, 10, 5, 9, 0))
    for index in range(kpis):
        kpi = Kpi.objects.create(
            plan=plan,
            reference=f"PI{index + 1:02d}",
            description=f"Percentage of requests completed within the agreed time ({index + 1})",
            unit=Unit.PERCENTAGE,
            polarity=Polarity.HIGHER,
            frequency=Frequency.QUARTERLY,
            floor_status=ValueStatus.VALUE,
            floor=Decimal("90"),
            target_status=ValueStatus.VALUE,
            target=Decimal("95"),
            position=index,
        )
        for period, value in zip(periods, (88 + index % 9, 87 + (index * 7) % 11), strict=True):
            KpiActual.objects.create(
                kpi=kpi, period=period, value=Decimal(value), commentary="Within tolerance.", entered_at=entered
            )
    register = Register.objects.create(
        level=RegisterLevel.DIRECTORATE, plan_year=plan.plan_year, directorate=plan.directorate
    )
    for index in range(risks):
        risk = Risk.objects.create(
            register=register,
            reference=f"R{index + 1}",
            position=index,
            title=f"Failure to deliver the savings programme in area {index + 1}",
            current_likelihood=1 + index % 5,
            current_impact=1 + (index * 3) % 5,
            next_review_on=datetime.date(2017, 12, 1),
        )
        for reviewed_on, shift in ((datetime.date(2017, 4, 10), 1), (datetime.date(2017, 8, 1), 0)):
            Review.objects.create(
                risk=risk,
                reviewed_on=reviewed_on,
                current_likelihood=min(5, risk.current_likelihood + shift),
                current_impact=risk.current_impact,
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    setup_django()

    from bench_progress import build
    from pypdf import PdfReader

    from documents.pdf import html_to_pdf
    from plans.monitoring import monitoring_report_html, monitoring_report_read, report_period
    from plans.selectors import plan_get

    with fresh_database() as vendor:
        plans, _ = build(directorates=1, actions=300, milestones=30)
        plan = plan_get(plan_id=plans[0].pk)
        add_kpis_and_risks(plan)

        def report() -> bytes:
            period = report_period(plan=plan_get(plan_id=plan.pk), code="2017-Q2")
            return html_to_pdf(monitoring_report_html(monitoring_report_read(plan=plan, period=period)))

        html = monitoring_report_html(
            monitoring_report_read(plan=plan, period=report_period(plan=plan, code="2017-Q2"))
        )
        pdf = report()  # warm-up: fonts, CSS parsing, templates
        html_to_pdf(html)
        samples: dict[str, dict[str, list[float]]] = {name: {"wall": [], "cpu": []} for name in ("report", "baseline")}
        for _ in range(args.rounds):
            for name, run in (("report", report), ("baseline", lambda: html_to_pdf(html))):
                wall, cpu = time.perf_counter(), time.process_time()
                run()
                samples[name]["wall"].append(time.perf_counter() - wall)
                samples[name]["cpu"].append(time.process_time() - cpu)

        def figures(name: str) -> dict:
            wall, cpu = sorted(samples[name]["wall"]), sorted(samples[name]["cpu"])
            return {
                "median_wall_s": round(statistics.median(wall), 2),
                "min_wall_s": round(wall[0], 2),
                "median_cpu_s": round(statistics.median(cpu), 2),
            }

        result = {
            "plan": "2017-18 directorate plan: 300 actions, 30 milestones, 4 quarters of updates, 20 KPIs, 20 risks",
            "period": "2017-Q2",
            "pages": len(PdfReader(io.BytesIO(pdf)).pages),
            "pdf_bytes": len(pdf),
            "rounds": args.rounds,
            "report": figures("report"),
            "baseline_weasyprint_alone": figures("baseline"),
            "ratio_median_wall": round(
                statistics.median(samples["report"]["wall"]) / statistics.median(samples["baseline"]["wall"]), 3
            ),
            "database": vendor,
            "machine": machine(),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
