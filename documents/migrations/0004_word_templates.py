# Reserved for: issue 16 (Word templates replaceable in the admin). Operations are added by hand (copy them from
# `manage.py makemigrations documents --dry-run -v 3`), so parallel work on one app keeps one chain.
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0003_queued_work"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="WordTemplate",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                (
                    "name",
                    models.CharField(help_text="For the admin list, for example “Letterhead 2027”.", max_length=200),
                ),
                ("file_name", models.CharField(editable=False, max_length=300)),
                ("original_name", models.CharField(blank=True, editable=False, max_length=255)),
                ("checksum", models.CharField(editable=False, max_length=64)),
                ("size", models.PositiveIntegerField(editable=False)),
                (
                    "is_active",
                    models.BooleanField(
                        default=False,
                        help_text="Word copies use the active template; making one active retires the one before.",
                    ),
                ),
                ("uploaded_at", models.DateTimeField(auto_now_add=True)),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        editable=False,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "ordering": ["-uploaded_at"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("is_active", True)), fields=("is_active",), name="wordtemplate_one_active"
                    )
                ],
            },
        ),
    ]
