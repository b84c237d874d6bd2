"""The committee tables take this app's names, and their content types move with them (ADR 0005)."""

from django.db import migrations

from kcc_planning.migrations_moving import move_content_types

MODELS = ['Committee', 'CommitteeMember', 'Meeting', 'AgendaItem', 'Paper', 'Appendix', 'PackBuild', 'PackFile']


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('committees', '0001_initial'),
        ('plans', '0005_committees_and_documents_move_out'),
    ]

    operations = [
        *[migrations.AlterModelTable(name=name, table=None) for name in MODELS],
        migrations.RunPython(*move_content_types(from_app='plans', to_app='committees', models=MODELS)),
    ]
