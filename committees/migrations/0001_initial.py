"""Committees become an app of their own (ADR 0005): the models move here from ``plans`` without touching a row.

Only Django's record of the models moves (``SeparateDatabaseAndState``): the tables stay as they are
(``db_table`` keeps their old names here) and 0002 renames them and moves their content types.
"""

import django.core.validators
import django.db.models.deletion
import uuid
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('plans', '0004_committees_and_packs'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Committee',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, unique=True)),
                        ('size', models.PositiveSmallIntegerField(help_text='Number of seats, e.g. 15.', validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(100)])),
                    ],
                    options={
                        'db_table': 'plans_committee',
                        'ordering': ['name'],
                        'constraints': [models.CheckConstraint(condition=models.Q(('size__gte', 1)), name='committee_size_positive')],
                    },
                ),
                migrations.CreateModel(
                    name='Meeting',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField()),
                        ('start_time', models.TimeField()),
                        ('venue', models.CharField(max_length=300)),
                        ('clerk_name', models.CharField(max_length=200, verbose_name='Ask for')),
                        ('clerk_telephone', models.CharField(max_length=40, verbose_name='Telephone')),
                        ('refreshments_note', models.CharField(blank=True, max_length=300)),
                        ('webcast', models.BooleanField(default=True)),
                        ('webcast_notice', models.TextField(blank=True, default="Please note: this meeting may be filmed for live or subsequent broadcast via the Council's internet site – at the start of the meeting the Chairman will confirm if all or part of the meeting is being filmed.\n\nBy entering the meeting room you are consenting to being filmed and to the possible use of those images and sound recordings for webcasting and/or training purposes. If you do not wish to have your image captured then you should make the Clerk of the meeting aware.", validators=[django.core.validators.MaxLengthValidator(3000)])),
                        ('signed_off_by', models.CharField(help_text='Head of Democratic Services.', max_length=200)),
                        ('signed_off_title', models.CharField(default='Head of Democratic Services', max_length=200)),
                        ('signed_off_telephone', models.CharField(blank=True, max_length=40)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('committee', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='meetings', to='committees.committee')),
                    ],
                    options={
                        'db_table': 'plans_meeting',
                        'ordering': ['-date', '-start_time'],
                    },
                ),
                migrations.CreateModel(
                    name='AgendaItem',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('section', models.CharField(choices=[('A', 'Committee Business'), ('B', 'Key or significant Cabinet Member Decision(s) for recommendation or endorsement'), ('C', 'Monitoring of Performance'), ('D', 'Other items for comment/recommendation to the Leader/Cabinet Member/Cabinet or officers'), ('E', 'Key or significant Cabinet Member Decision(s) for recommendation or endorsement'), ('F', 'FOR INFORMATION ONLY - Cabinet Member Decision - taken without being considered at a meeting of the Cabinet Committee')], max_length=1)),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('title', models.CharField(max_length=400)),
                        ('decision_number', models.CharField(blank=True, max_length=8, validators=[django.core.validators.RegexValidator('^\\d{2}/\\d{5}$', 'Enter a decision number like 12/01971 (two digits, a slash, five digits).')])),
                        ('exempt', models.BooleanField(default=False)),
                        ('exempt_paragraph', models.PositiveSmallIntegerField(blank=True, help_text='Paragraph 1-7 of Part 1 of Schedule 12A to the Local Government Act 1972.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(7)])),
                        ('public_title', models.CharField(blank=True, help_text='For an exempt item: the title printed on the public agenda.', max_length=400)),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='committees.meeting')),
                    ],
                    options={
                        'db_table': 'plans_agendaitem',
                        'ordering': ['meeting', 'section', 'position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='PackBuild',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False)),
                        ('status', models.CharField(choices=[('queued', 'Queued'), ('running', 'Building'), ('done', 'Ready'), ('failed', 'Failed')], default='queued', max_length=10)),
                        ('progress', models.PositiveSmallIntegerField(default=0)),
                        ('error', models.TextField(blank=True)),
                        ('ranges', models.JSONField(blank=True, default=dict, help_text='Item number → [first page, last page].')),
                        ('item_hashes', models.JSONField(blank=True, default=dict, help_text='Item number → hash of what it prints.')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('started_at', models.DateTimeField(blank=True, null=True)),
                        ('finished_at', models.DateTimeField(blank=True, null=True)),
                        ('published_at', models.DateTimeField(blank=True, null=True)),
                        ('published_on', models.DateField(blank=True, help_text='The date of publication printed on the agenda.', null=True)),
                        ('version', models.PositiveSmallIntegerField(blank=True, null=True)),
                        ('change_note', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(5000)])),
                        ('changes', models.JSONField(blank=True, default=list, help_text='What changed since the previous publication.')),
                        ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='pack_builds', to='committees.meeting')),
                        ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('requested_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'plans_packbuild',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='PackFile',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('visibility', models.CharField(choices=[('full', 'Full pack (members and authorised officers)'), ('public', 'Public pack')], max_length=10)),
                        ('file_name', models.CharField(max_length=300)),
                        ('checksum', models.CharField(max_length=64)),
                        ('page_count', models.PositiveIntegerField()),
                        ('size', models.PositiveBigIntegerField()),
                        ('build', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='files', to='committees.packbuild')),
                    ],
                    options={
                        'db_table': 'plans_packfile',
                        'ordering': ['build', 'visibility'],
                    },
                ),
                migrations.CreateModel(
                    name='Paper',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('report', 'Cover report written here'), ('upload', 'Uploaded PDF')], max_length=10)),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('title', models.CharField(help_text='The subject of the report or the name of the document.', max_length=400)),
                        ('from_by', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='From/By')),
                        ('to', models.CharField(blank=True, max_length=300, verbose_name='To')),
                        ('past_pathway', models.CharField(blank=True, max_length=500, verbose_name='Past Pathway of Paper')),
                        ('future_pathway', models.CharField(blank=True, max_length=500, verbose_name='Future Pathway of Paper')),
                        ('electoral_division', models.CharField(blank=True, max_length=300)),
                        ('summary', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(10000)])),
                        ('recommendations', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(10000)], verbose_name='Recommendation(s)')),
                        ('body', models.TextField(blank=True, help_text="Lines starting with '# ' are headings; paragraphs are separated by a blank line.", validators=[django.core.validators.MaxLengthValidator(200000)])),
                        ('background_documents', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(5000)])),
                        ('contact', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='Contact details')),
                        ('file_name', models.CharField(blank=True, max_length=300)),
                        ('original_name', models.CharField(blank=True, max_length=300)),
                        ('file_size', models.PositiveBigIntegerField(blank=True, null=True)),
                        ('page_count', models.PositiveIntegerField(blank=True, null=True)),
                        ('checksum', models.CharField(blank=True, max_length=64)),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('updated_at', models.DateTimeField(auto_now=True)),
                        ('item', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='papers', to='committees.agendaitem')),
                    ],
                    options={
                        'db_table': 'plans_paper',
                        'ordering': ['item', 'position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='Appendix',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('position', models.PositiveIntegerField(default=0)),
                        ('title', models.CharField(max_length=400)),
                        ('kind', models.CharField(choices=[('plan_snapshot', 'Business plan as sent to committee (snapshot)'), ('risk_register', 'Risk register'), ('performance_dashboard', 'Performance dashboard'), ('plan_comparison', 'Changes between two versions of a plan')], max_length=30)),
                        ('subject_id', models.PositiveBigIntegerField(blank=True, null=True)),
                        ('options', models.JSONField(blank=True, default=dict)),
                        ('continues_previous', models.BooleanField(default=False)),
                        ('snapshot', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='plans.plansnapshot')),
                        ('paper', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='appendices', to='committees.paper')),
                    ],
                    options={
                        'db_table': 'plans_appendix',
                        'verbose_name_plural': 'appendices',
                        'ordering': ['paper', 'position', 'id'],
                    },
                ),
                migrations.CreateModel(
                    name='CommitteeMember',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('party', models.CharField(max_length=100)),
                        ('name', models.CharField(blank=True, help_text="As printed, e.g. 'Mr J R Bullock, MBE'.", max_length=200)),
                        ('role', models.CharField(choices=[('chairman', 'Chairman'), ('vice_chairman', 'Vice-Chairman'), ('member', 'Member'), ('substitute', 'Substitute')], default='member', max_length=20)),
                        ('vacant', models.BooleanField(default=False)),
                        ('position', models.PositiveSmallIntegerField(default=0)),
                        ('committee', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='committees.committee')),
                        ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='committee_seats', to=settings.AUTH_USER_MODEL)),
                    ],
                    options={
                        'db_table': 'plans_committeemember',
                        'ordering': ['committee', 'position', 'id'],
                        'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('name', ''), ('vacant', True)), models.Q(('vacant', False), models.Q(('name', ''), _negated=True)), _connector='OR'), name='committeemember_named_or_vacant'), models.UniqueConstraint(condition=models.Q(('role', 'chairman')), fields=('committee',), name='committeemember_one_chairman'), models.UniqueConstraint(condition=models.Q(('role', 'vice_chairman')), fields=('committee',), name='committeemember_one_vice_chairman')],
                    },
                ),
                migrations.AddConstraint(
                    model_name='meeting',
                    constraint=models.UniqueConstraint(fields=('committee', 'date', 'start_time'), name='meeting_unique_slot'),
                ),
                migrations.AddConstraint(
                    model_name='agendaitem',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('exempt', False), ('exempt_paragraph__isnull', True)), models.Q(('exempt', True), ('exempt_paragraph__gte', 1), ('exempt_paragraph__isnull', False), ('exempt_paragraph__lte', 7)), _connector='OR'), name='agendaitem_exempt_has_paragraph'),
                ),
                migrations.AddConstraint(
                    model_name='agendaitem',
                    constraint=models.CheckConstraint(condition=models.Q(('exempt', True), ('public_title', ''), _connector='OR'), name='agendaitem_public_title_only_if_exempt'),
                ),
                migrations.AddConstraint(
                    model_name='packbuild',
                    constraint=models.CheckConstraint(condition=models.Q(('progress__lte', 100)), name='packbuild_progress_percent'),
                ),
                migrations.AddConstraint(
                    model_name='packbuild',
                    constraint=models.CheckConstraint(condition=models.Q(('published_at__isnull', True), models.Q(('published_on__isnull', False), ('status', 'done'), ('version__isnull', False)), _connector='OR'), name='packbuild_published_is_done'),
                ),
                migrations.AddConstraint(
                    model_name='packbuild',
                    constraint=models.UniqueConstraint(condition=models.Q(('version__isnull', False)), fields=('meeting', 'version'), name='packbuild_one_version'),
                ),
                migrations.AddConstraint(
                    model_name='packfile',
                    constraint=models.UniqueConstraint(fields=('build', 'visibility'), name='packfile_one_per_visibility'),
                ),
                migrations.AddConstraint(
                    model_name='packfile',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('file_name', ''), _negated=True), models.Q(('checksum', ''), _negated=True)), name='packfile_stored'),
                ),
                migrations.AddConstraint(
                    model_name='paper',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('file_name', ''), ('kind', 'report')), models.Q(('kind', 'upload'), ('page_count__gte', 1), ('page_count__isnull', False), models.Q(('file_name', ''), _negated=True), models.Q(('checksum', ''), _negated=True)), _connector='OR'), name='paper_upload_has_file'),
                ),
                migrations.AddConstraint(
                    model_name='appendix',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('kind', 'plan_snapshot'), ('snapshot__isnull', False)), models.Q(models.Q(('kind', 'plan_snapshot'), _negated=True), ('subject_id__isnull', False)), _connector='OR'), name='appendix_has_subject'),
                ),
            ],
            database_operations=[],
        ),
    ]
