"""The render job table takes this app's name, and its content type moves with it (ADR 0005)."""

from django.db import migrations

from kcc_planning.migrations_moving import move_content_types


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('documents', '0001_initial'),
        ('plans', '0005_committees_and_documents_move_out'),
    ]

    operations = [
        migrations.AlterModelTable(name='RenderJob', table=None),
        migrations.RenameIndex(
            model_name='renderjob',
            new_name='documents_r_subject_387fb3_idx',
            old_name='plans_rende_subject_fa5848_idx',
        ),
        migrations.RunPython(*move_content_types(from_app='plans', to_app='documents', models=['RenderJob'])),
    ]
