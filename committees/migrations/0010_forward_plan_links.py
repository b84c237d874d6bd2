# Reserved for: issue 13 (a plan's key decision answered by its Forward Plan entry). Operations are added by hand (copy
# them from `manage.py makemigrations committees --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("committees", "0009_supplements")]

    operations = []
