# Reserved for: issue 13 (a plan's key decision answered by its Forward Plan entry). Operations are added by hand (copy
# them from `manage.py makemigrations plans --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plans", "0009_roll_forward")]

    operations = []
