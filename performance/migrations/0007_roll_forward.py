# Reserved for: issue 12 (KPIs carried into next year). Operations are added by hand (copy them from
# `manage.py makemigrations performance --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("performance", "0006_actual_lock_version")]

    operations = []
