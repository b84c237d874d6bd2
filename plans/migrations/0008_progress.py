# Issue 12 (progress updates, reporting periods). Operations are added by hand (copied from
# `manage.py makemigrations plans --dry-run -v 3`), so parallel work on one app keeps one chain.
import django.core.validators
import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0007_everyday_work"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="division",
            name="progress_frequency",
            field=models.CharField(
                choices=[("quarterly", "Quarterly"), ("monthly", "Monthly")],
                default="quarterly",
                help_text="How often the division's plan reports progress on its actions and milestones.",
                max_length=10,
            ),
        ),
        migrations.CreateModel(
            name="ReportingPeriod",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "code",
                    models.CharField(
                        help_text="e.g. 2017-Q2 (July to September 2017) or 2017-M07 (July 2017).", max_length=10
                    ),
                ),
                ("kind", models.CharField(choices=[("quarter", "Quarter"), ("month", "Month")], max_length=10)),
                ("starts_on", models.DateField()),
                ("ends_on", models.DateField()),
                ("opens_on", models.DateField(help_text="Progress may be recorded from this day.")),
                (
                    "closes_on",
                    models.DateField(
                        help_text="Progress is due by this day; officers with rows not updated are reminded."
                    ),
                ),
                (
                    "plan",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="reporting_periods", to="plans.plan"
                    ),
                ),
            ],
            options={
                "ordering": ["plan", "starts_on", "kind"],
            },
        ),
        migrations.CreateModel(
            name="ProgressUpdate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("on_track", "On track"),
                            ("at_risk", "At risk"),
                            ("off_track", "Off track"),
                            ("complete", "Complete"),
                            ("deferred", "Deferred"),
                            ("cancelled", "Cancelled"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "commentary",
                    models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(2000)]),
                ),
                (
                    "revised_date",
                    models.DateField(
                        blank=True,
                        help_text="When the action will now end or the milestone now be met, if it has slipped.",
                        null=True,
                    ),
                ),
                (
                    "revised_reason",
                    models.TextField(
                        blank=True,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="Reason for the revised date",
                    ),
                ),
                (
                    "achieved_on",
                    models.DateField(blank=True, help_text="Milestones only.", null=True, verbose_name="Date achieved"),
                ),
                ("updated_at", models.DateTimeField(auto_now=True)),
                (
                    "lock_version",
                    models.PositiveIntegerField(
                        default=1, editable=False, help_text="Goes up by one with every save (optimistic locking)."
                    ),
                ),
                (
                    "action",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="progress",
                        to="plans.action",
                    ),
                ),
                (
                    "milestone",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="progress",
                        to="plans.milestone",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="updates", to="plans.reportingperiod"
                    ),
                ),
            ],
            options={
                "ordering": ["period", "id"],
            },
        ),
        migrations.CreateModel(
            name="ProgressReminder",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("sent_at", models.DateTimeField()),
                (
                    "row_count",
                    models.PositiveIntegerField(help_text="Actions and milestones not updated when it was sent."),
                ),
                (
                    "person",
                    models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="+", to="plans.person"),
                ),
                (
                    "period",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="reminders",
                        to="plans.reportingperiod",
                    ),
                ),
            ],
            options={
                "ordering": ["-sent_at"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalProgressUpdate",
            fields=[
                ("id", models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name="ID")),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("not_started", "Not started"),
                            ("on_track", "On track"),
                            ("at_risk", "At risk"),
                            ("off_track", "Off track"),
                            ("complete", "Complete"),
                            ("deferred", "Deferred"),
                            ("cancelled", "Cancelled"),
                        ],
                        max_length=20,
                    ),
                ),
                (
                    "commentary",
                    models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(2000)]),
                ),
                (
                    "revised_date",
                    models.DateField(
                        blank=True,
                        help_text="When the action will now end or the milestone now be met, if it has slipped.",
                        null=True,
                    ),
                ),
                (
                    "revised_reason",
                    models.TextField(
                        blank=True,
                        validators=[django.core.validators.MaxLengthValidator(2000)],
                        verbose_name="Reason for the revised date",
                    ),
                ),
                (
                    "achieved_on",
                    models.DateField(blank=True, help_text="Milestones only.", null=True, verbose_name="Date achieved"),
                ),
                ("updated_at", models.DateTimeField(blank=True, editable=False)),
                (
                    "lock_version",
                    models.PositiveIntegerField(
                        default=1, editable=False, help_text="Goes up by one with every save (optimistic locking)."
                    ),
                ),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1),
                ),
                (
                    "action",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.action",
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "milestone",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.milestone",
                    ),
                ),
                (
                    "updated_by",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "period",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="plans.reportingperiod",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical progress update",
                "verbose_name_plural": "historical progress updates",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.UniqueConstraint(fields=("plan", "code"), name="reportingperiod_unique_code_per_plan"),
        ),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("ends_on__gte", models.F("starts_on"))), name="reportingperiod_ends_after_start"
            ),
        ),
        migrations.AddConstraint(
            model_name="reportingperiod",
            constraint=models.CheckConstraint(
                condition=models.Q(("closes_on__gte", models.F("opens_on"))),
                name="reportingperiod_closes_after_opening",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("action__isnull", False), ("milestone__isnull", True)),
                    models.Q(("action__isnull", True), ("milestone__isnull", False)),
                    _connector="OR",
                ),
                name="progressupdate_one_item",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressupdate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("action__isnull", False)),
                fields=("period", "action"),
                name="progressupdate_one_per_action",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressupdate",
            constraint=models.UniqueConstraint(
                condition=models.Q(("milestone__isnull", False)),
                fields=("period", "milestone"),
                name="progressupdate_one_per_milestone",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("revised_date__isnull", True), models.Q(("revised_reason", ""), _negated=True), _connector="OR"
                ),
                name="progressupdate_revised_date_has_reason",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressupdate",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("achieved_on__isnull", True),
                    models.Q(("milestone__isnull", False), ("status", "complete")),
                    _connector="OR",
                ),
                name="progressupdate_achieved_only_complete_milestone",
            ),
        ),
        migrations.AddConstraint(
            model_name="progressreminder",
            constraint=models.UniqueConstraint(
                fields=("period", "person"), name="progressreminder_once_per_person_period"
            ),
        ),
    ]
