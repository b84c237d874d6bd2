# Reserved for: issue 15 (pack parts built in parallel, per-item papers). Operations are added by hand (copy them from
# `manage.py makemigrations committees --dry-run -v 3`), so parallel work on one app keeps one chain.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("committees", "0004_agenda_lock_version")]

    operations = [
        # Issue 15 items 3 and 6: parts rendered by tasks of their own, their progress on the build page.
        migrations.AddField(
            model_name="packbuild",
            name="parts_done",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="packbuild",
            name="parts_pending",
            field=models.JSONField(
                blank=True, default=list, help_text="Part cache keys still being rendered by part tasks."
            ),
        ),
        migrations.AddField(
            model_name="packbuild",
            name="parts_total",
            field=models.PositiveSmallIntegerField(default=0),
        ),
        migrations.AddConstraint(
            model_name="packbuild",
            constraint=models.CheckConstraint(
                condition=models.Q(("parts_done__lte", models.F("parts_total"))), name="packbuild_parts_done_of_total"
            ),
        ),
        # Issue 15 items 4 and 5: whether an uploaded paper is tagged; a publication's papers one by one.
        migrations.AddField(
            model_name="paper",
            name="tagged",
            field=models.BooleanField(blank=True, editable=False, null=True),
        ),
        migrations.AddConstraint(
            model_name="paper",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind", "upload"), ("tagged__isnull", True), _connector="OR"),
                name="paper_tagged_only_if_upload",
            ),
        ),
        migrations.CreateModel(
            name="PublicPaper",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("number", models.CharField(help_text="The agenda item's number, as printed (B1).", max_length=8)),
                (
                    "kind",
                    models.CharField(
                        choices=[("pdf", "The item's papers as a PDF"), ("html", "A generated paper as a web page")],
                        max_length=4,
                    ),
                ),
                (
                    "position",
                    models.PositiveSmallIntegerField(default=0, help_text="Order of the paper within its item."),
                ),
                ("title", models.CharField(max_length=500)),
                ("first_page", models.PositiveIntegerField()),
                ("last_page", models.PositiveIntegerField()),
                ("file_name", models.CharField(max_length=300)),
                ("checksum", models.CharField(max_length=64)),
                ("size", models.PositiveBigIntegerField()),
                (
                    "build",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="public_papers",
                        to="committees.packbuild",
                    ),
                ),
            ],
            options={"ordering": ["build", "first_page", "kind", "position"]},
        ),
        migrations.AddConstraint(
            model_name="publicpaper",
            constraint=models.UniqueConstraint(
                fields=("build", "number", "kind", "position"), name="publicpaper_one_per_place"
            ),
        ),
        migrations.AddConstraint(
            model_name="publicpaper",
            constraint=models.CheckConstraint(
                condition=models.Q(("first_page__lte", models.F("last_page"))), name="publicpaper_pages"
            ),
        ),
        migrations.AddConstraint(
            model_name="publicpaper",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("file_name", ""), _negated=True), models.Q(("checksum", ""), _negated=True)
                ),
                name="publicpaper_stored",
            ),
        ),
    ]
