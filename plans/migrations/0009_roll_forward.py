# Reserved for: issue 12 (monitoring report, roll forward). Operations are added by hand (copy them from
# `manage.py makemigrations plans --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plans", "0008_progress")]

    operations = []
