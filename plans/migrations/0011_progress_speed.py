# Reserved for: issue 12 (progress page and council view speed). Operations are added by hand (copy
# them from `manage.py makemigrations plans --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("plans", "0010_forward_plan_answer")]

    operations = []
