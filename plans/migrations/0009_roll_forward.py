# Reserved for: issue 12 (monitoring report, roll forward). Operations are added by hand (copy them from
# `manage.py makemigrations plans --dry-run -v 3`), so parallel work on one app keeps one chain.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("plans", "0008_progress")]

    operations = [
        migrations.AddField(
            model_name="action",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The row of last year's plan this one was carried over from.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="carried_to",
                to="plans.action",
            ),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                help_text="The row of last year's plan this one was carried over from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.action",
            ),
        ),
        migrations.AddField(
            model_name="historicalmilestone",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                help_text="The row of last year's plan this one was carried over from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.milestone",
            ),
        ),
        migrations.AddField(
            model_name="historicalplan",
            name="rolled_from",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.plan",
            ),
        ),
        migrations.AddField(
            model_name="historicalpriority",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                help_text="The row of last year's plan this one was carried over from.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="plans.priority",
            ),
        ),
        migrations.AddField(
            model_name="milestone",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The row of last year's plan this one was carried over from.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="carried_to",
                to="plans.milestone",
            ),
        ),
        migrations.AddField(
            model_name="plan",
            name="rolled_from",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="rolled_forward_to",
                to="plans.plan",
            ),
        ),
        migrations.AddField(
            model_name="priority",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                help_text="The row of last year's plan this one was carried over from.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="carried_to",
                to="plans.priority",
            ),
        ),
    ]
