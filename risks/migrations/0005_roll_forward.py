# Reserved for: issue 12 (risks carried into next year). Operations are added by hand (copy them from
# `manage.py makemigrations risks --dry-run -v 3`), so parallel work on one app keeps one chain.
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("risks", "0004_risk_lock_version_submit_token")]

    operations = [
        migrations.AddField(
            model_name="risk",
            name="carried_from",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="carried_to",
                to="risks.risk",
            ),
        ),
    ]
