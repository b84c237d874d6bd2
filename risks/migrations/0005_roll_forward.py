# Reserved for: issue 12 (risks carried into next year). Operations are added by hand (copy them from
# `manage.py makemigrations risks --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("risks", "0004_risk_lock_version_submit_token")]

    operations = []
