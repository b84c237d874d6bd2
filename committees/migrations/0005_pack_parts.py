# Reserved for: issue 15 (pack parts built in parallel, per-item papers). Operations are added by hand (copy them from
# `manage.py makemigrations committees --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("committees", "0004_agenda_lock_version")]

    operations = []
