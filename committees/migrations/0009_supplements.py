# Reserved for: issue 13 (supplementary packs). Operations are added by hand (copy
# them from `manage.py makemigrations committees --dry-run -v 3`), so parallel work on one app keeps one chain.
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0008_monitoring_appendix"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Supplement",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.PositiveSmallIntegerField(validators=[django.core.validators.MinValueValidator(1)])),
                (
                    "reason",
                    models.TextField(
                        help_text="The chair's reason for taking the items as urgent (LGA 1972 s100B(4)(b)).",
                        validators=[django.core.validators.MaxLengthValidator(3000)],
                    ),
                ),
                (
                    "numbering",
                    models.CharField(
                        choices=[("run_on", "Numbered on from the pack"), ("own", "Its own page numbers")],
                        default="run_on",
                        max_length=10,
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "ordering": ["meeting", "number"],
            },
        ),
        migrations.RemoveConstraint(
            model_name="packbuild",
            name="packbuild_one_version",
        ),
        migrations.AddField(
            model_name="supplement",
            name="created_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="supplement",
            name="items",
            field=models.ManyToManyField(related_name="supplements", to="committees.agendaitem"),
        ),
        migrations.AddField(
            model_name="supplement",
            name="meeting",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE, related_name="supplements", to="committees.meeting"
            ),
        ),
        migrations.AddField(
            model_name="packbuild",
            name="supplement",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="builds",
                to="committees.supplement",
            ),
        ),
        migrations.AddConstraint(
            model_name="packbuild",
            constraint=models.UniqueConstraint(
                condition=models.Q(("supplement__isnull", True), ("version__isnull", False)),
                fields=("meeting", "version"),
                name="packbuild_one_version",
            ),
        ),
        migrations.AddConstraint(
            model_name="packbuild",
            constraint=models.UniqueConstraint(
                condition=models.Q(("supplement__isnull", False), ("version__isnull", False)),
                fields=("supplement", "version"),
                name="packbuild_one_supplement_version",
            ),
        ),
        migrations.AddConstraint(
            model_name="supplement",
            constraint=models.UniqueConstraint(fields=("meeting", "number"), name="supplement_one_number_per_meeting"),
        ),
        migrations.AddConstraint(
            model_name="supplement",
            constraint=models.CheckConstraint(
                condition=models.Q(("number__gte", 1)), name="supplement_number_from_one"
            ),
        ),
        migrations.AddConstraint(
            model_name="supplement",
            constraint=models.CheckConstraint(
                condition=models.Q(("reason", ""), _negated=True), name="supplement_has_reason"
            ),
        ),
    ]
