"""Render jobs become part of the documents app (ADR 0005): the model moves here from ``plans`` without touching a row.

Only Django's record of the model moves (``SeparateDatabaseAndState``); 0002 renames the table and
moves its content type.
"""

import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('plans', '0004_committees_and_packs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='RenderJob',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('subject_id', models.PositiveBigIntegerField()),
                        ('options', models.JSONField(blank=True, default=dict)),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Rendering'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10)),
                        ('progress', models.PositiveSmallIntegerField(default=0, help_text='Percent done.')),
                        ('error', models.TextField(blank=True)),
                        ('file_name', models.CharField(blank=True, max_length=300)),
                        ('download_name', models.CharField(blank=True, max_length=300)),
                        ('checksum', models.CharField(blank=True, max_length=64)),
                        ('page_count', models.PositiveIntegerField(blank=True, null=True)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='render_jobs', to=settings.AUTH_USER_MODEL)),
                        ('subject_type', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='contenttypes.contenttype')),
                    ],
                    options={
                        'db_table': 'plans_renderjob',
                        'ordering': ['-created_at'],
                        'indexes': [models.Index(fields=['subject_type', 'subject_id'], name='plans_rende_subject_fa5848_idx')],
                        'constraints': [
                            models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='renderjob_progress_percent'),
                            models.CheckConstraint(condition=models.Q(models.Q(('status', 'done'), _negated=True), models.Q(('file_name', ''), _negated=True), _connector='OR'), name='renderjob_done_has_file'),
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
