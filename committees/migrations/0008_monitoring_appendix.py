# Reserved for: issue 12 (a monitoring report as an agenda item's appendix). Operations are added by hand (copy
# them from `manage.py makemigrations committees --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("committees", "0007_minutes")]

    operations = [
        migrations.AddField(
            model_name="appendix",
            name="frozen",
            field=models.JSONField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="appendix",
            name="frozen_at",
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name="appendix",
            name="frozen_checksum",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AlterField(
            model_name="appendix",
            name="kind",
            field=models.CharField(
                choices=[
                    ("plan_snapshot", "Business plan as sent to committee (snapshot)"),
                    ("risk_register", "Risk register"),
                    ("performance_dashboard", "Performance dashboard"),
                    ("plan_comparison", "Changes between two versions of a plan"),
                    ("monitoring_report", "Business plan monitoring report"),
                ],
                max_length=30,
            ),
        ),
        migrations.AddConstraint(
            model_name="appendix",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("frozen__isnull", True), ("frozen_at__isnull", True), ("frozen_checksum", "")),
                    models.Q(
                        ("frozen__isnull", False),
                        ("frozen_at__isnull", False),
                        models.Q(("frozen_checksum", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="appendix_frozen_complete",
            ),
        ),
    ]
