"""Committees and render jobs leave ``plans`` for their own apps (ADR 0005).

Only Django's record of the models goes (``SeparateDatabaseAndState``): the tables and every row stay,
and now belong to ``committees`` and ``documents``, whose 0001 migrations took the models over.
"""

from django.db import migrations

MOVED = ['PackFile', 'PackBuild', 'Appendix', 'Paper', 'AgendaItem', 'CommitteeMember', 'Meeting', 'Committee', 'RenderJob']


class Migration(migrations.Migration):

    dependencies = [
        ('plans', '0004_committees_and_packs'),
        ('committees', '0001_initial'),
        ('documents', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name=name) for name in MOVED],
            database_operations=[],
        ),
    ]
