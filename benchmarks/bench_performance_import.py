"""Time to check and import 10,000 rows of actuals from CSV and from XLSX, all or nothing.

    .venv/bin/python benchmarks/bench_performance_import.py                  # fresh SQLite file database
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/kcc_bench_perf \\
        .venv/bin/python benchmarks/bench_performance_import.py              # fresh test_kcc_bench_perf on PostgreSQL

Migrates a fresh database and builds a 2017-18 plan with 834 monthly KPIs.
Writes a 10,000-row file (reference, period, value, commentary), then times
each stage as ``import_actuals`` runs it: reading the file, checking every
row against the plan (references, periods, units, duplicates, figures it
replaces), and committing the rows in one transaction. Runs: a CSV into an
empty plan (10,000 new actuals), the same CSV again (10,000 replaced in
place, as a corrected resubmission would be), and an XLSX of the same rows
(read and checked only). Also times the refusal of a file whose last row is
bad (nothing written).
"""

from __future__ import annotations

import argparse
import io
import json
import time
from decimal import Decimal

from _django import fresh_database, machine, setup_django


def build(kpi_count: int):
    from performance.models import Kpi
    from plans.models import Directorate, Plan, PlanKind, PlanYear

    year = PlanYear.objects.create(start_year=2017)
    directorate = Directorate.objects.create(plan_year=year, name="Benchmark directorate")
    plan = Plan.objects.create(kind=PlanKind.DIRECTORATE, directorate=directorate)
    Kpi.objects.bulk_create(
        [
            Kpi(
                plan=plan,
                position=n,
                reference=f"IM{n:04d}",
                description=f"Imported indicator {n}",
                unit="percentage",
                frequency="monthly",
                floor_status="value",
                floor=Decimal(90),
                target_status="value",
                target=Decimal(95),
            )
            for n in range(kpi_count)
        ]
    )
    return plan


def rows(count: int, kpi_count: int):
    from performance import periods

    months = [spec.code for spec in periods.months_of(2017)]
    out = []
    for n in range(count):
        kpi, month = divmod(n, 12)
        out.append((f"IM{kpi % kpi_count:04d}", months[month], f"{90 + (n % 100) / 10:.1f}%", "Benchmark row"))
    return out


def csv_bytes(table) -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["reference", "period", "value", "commentary"])
    writer.writerows(table)
    return buffer.getvalue().encode("utf-8")


def xlsx_bytes(table) -> bytes:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append(["reference", "period", "value", "commentary"])
    for row in table:
        sheet.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def timed(function, *args, **kwargs):
    started = time.perf_counter()
    value = function(*args, **kwargs)
    return value, round(time.perf_counter() - started, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    args = parser.parse_args()
    setup_django()

    from performance.importing import check_rows, read_file
    from performance.models import EntrySource, KpiActual
    from performance.services import ImportRejected, import_rows_commit

    kpi_count = -(-args.rows // 12)
    with fresh_database() as vendor:
        plan = build(kpi_count)
        table = rows(args.rows, kpi_count)
        data = csv_bytes(table)
        result = {"rows": args.rows, "kpis": kpi_count, "csv_bytes": len(data)}

        raw, result["csv_read_seconds"] = timed(read_file, name="actuals.csv", data=data)
        check, result["check_seconds"] = timed(check_rows, plan=plan, raw_rows=raw)
        assert check.ok, check.errors[:3]
        outcome, result["commit_new_seconds"] = timed(
            import_rows_commit, plan=plan, raw_rows=raw, user=None, source=EntrySource.COMMAND
        )
        assert outcome.created == args.rows
        result["total_new_seconds"] = round(
            result["csv_read_seconds"] + result["check_seconds"] + result["commit_new_seconds"], 2
        )
        again = [r.__class__(r.line, r.reference, r.period, "100%", r.commentary) for r in raw]
        outcome, result["commit_replace_seconds"] = timed(
            import_rows_commit, plan=plan, raw_rows=again, user=None, source=EntrySource.COMMAND
        )
        assert outcome.updated == args.rows

        workbook = xlsx_bytes(table)
        result["xlsx_bytes"] = len(workbook)
        raw_xlsx, result["xlsx_read_seconds"] = timed(read_file, name="actuals.xlsx", data=workbook)
        assert len(raw_xlsx) == args.rows

        bad = [*raw[:-1], raw[-1].__class__(raw[-1].line, raw[-1].reference, raw[-1].period, "n/a", "")]
        before = KpiActual.objects.filter(value=Decimal(100)).count()
        started = time.perf_counter()
        refused_errors = 0
        try:
            import_rows_commit(plan=plan, raw_rows=bad, user=None, source=EntrySource.COMMAND)
        except ImportRejected as rejected:
            refused_errors = len(rejected.check.errors)
        result["refuse_bad_file_seconds"] = round(time.perf_counter() - started, 2)
        assert refused_errors == 1
        assert KpiActual.objects.filter(value=Decimal(100)).count() == before == args.rows
        result.update({"database": vendor, "machine": machine()})
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
