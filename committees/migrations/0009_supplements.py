# Reserved for: issue 13 (supplementary packs). Operations are added by hand (copy
# them from `manage.py makemigrations committees --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("committees", "0008_monitoring_appendix")]

    operations = []
