# Reserved for: issue 16 (Word templates replaceable in the admin). Operations are added by hand (copy them from
# `manage.py makemigrations documents --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("documents", "0003_queued_work")]

    operations = []
