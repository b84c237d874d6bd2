# Reserved for: issue 15 (render work shared across workers). Operations are added by hand (copy them from
# `manage.py makemigrations documents --dry-run -v 3`), so parallel work on one app keeps one chain.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("documents", "0004_word_templates")]

    operations = []
