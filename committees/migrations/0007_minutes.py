# Issue 13: minutes of meetings (committees/models/minutes.py): attendance, declarations, numbered minutes;
# and the stored PDF of a published decision notice.
import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("committees", "0006_decision_cycle")]

    operations = [
        migrations.CreateModel(
            name='Minute',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('council_year', models.PositiveSmallIntegerField(editable=False, help_text='The May the council year starts in.')),
                ('number', models.PositiveIntegerField(editable=False)),
                ('title', models.CharField(max_length=400)),
                ('body', models.TextField(blank=True, help_text='Numbered paragraphs: each paragraph starts on a new line after a blank line.', validators=[django.core.validators.MaxLengthValidator(50000)])),
                ('resolution', models.TextField(blank=True, help_text="What follows 'RESOLVED that'.", validators=[django.core.validators.MaxLengthValidator(10000)])),
                ('exempt_paragraph', models.PositiveSmallIntegerField(blank=True, help_text='Paragraph 1-7 of Part 1 of Schedule 12A to the Local Government Act 1972.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(7)])),
                ('lock_version', models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one with every save (optimistic locking).')),
                ('committee', models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='committees.committee')),
                ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='minutes', to='committees.agendaitem')),
            ],
            options={
                'ordering': ['minutes', 'number'],
            },
        ),
        migrations.CreateModel(
            name='MinuteCorrection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('text', models.TextField(validators=[django.core.validators.MaxLengthValidator(10000)])),
                ('agreed_on', models.DateField()),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('minute', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='corrections', to='committees.minute')),
            ],
            options={
                'ordering': ['minute', 'agreed_on', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Minutes',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('unconfirmed', 'Published, not yet confirmed'), ('confirmed', 'Confirmed and signed')], default='draft', max_length=12)),
                ('published_on', models.DateField(blank=True, null=True)),
                ('signed_by', models.CharField(blank=True, help_text='The chair who signed them.', max_length=200)),
                ('lock_version', models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one with every save (optimistic locking).')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('confirmed_at', models.ForeignKey(blank=True, help_text='The meeting that agreed them as a correct record.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='minutes_confirmed', to='committees.meeting')),
                ('meeting', models.OneToOneField(on_delete=django.db.models.deletion.PROTECT, related_name='minutes', to='committees.meeting')),
            ],
            options={
                'verbose_name_plural': 'minutes',
            },
        ),
        migrations.AddField(
            model_name='minute',
            name='minutes',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='entries', to='committees.minutes'),
        ),
        migrations.CreateModel(
            name='Declaration',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('member', models.CharField(max_length=200)),
                ('nature', models.TextField(validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='Nature of the interest')),
                ('item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='committees.agendaitem')),
                ('minutes', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='declarations', to='committees.minutes')),
            ],
            options={
                'ordering': ['minutes', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('present', 'Present'), ('apologies', 'Apologies'), ('also_present', 'Also present'), ('in_attendance', 'In attendance')], max_length=14)),
                ('name', models.CharField(help_text="As printed, e.g. 'Mr I S Chittenden'.", max_length=200)),
                ('title', models.CharField(blank=True, help_text="Chairman, Vice-Chairman, or an officer's job title.", max_length=200)),
                ('position', models.PositiveIntegerField(default=0)),
                ('seat', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='committees.committeemember')),
                ('substitute_for', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='committees.committeemember')),
                ('minutes', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attendance', to='committees.minutes')),
            ],
            options={
                'ordering': ['minutes', 'kind', 'position', 'id'],
            },
        ),
        migrations.AddConstraint(
            model_name='minutes',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('published_on__isnull', True), ('status', 'draft')), models.Q(models.Q(('status', 'draft'), _negated=True), ('published_on__isnull', False)), _connector='OR'), name='minutes_published_has_date'),
        ),
        migrations.AddConstraint(
            model_name='minutes',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('status', 'confirmed'), _negated=True), models.Q(('confirmed_at__isnull', False), models.Q(('signed_by', ''), _negated=True)), _connector='OR'), name='minutes_confirmed_is_signed'),
        ),
        migrations.AddConstraint(
            model_name='minute',
            constraint=models.UniqueConstraint(fields=('committee', 'council_year', 'number'), name='minute_number_unique_in_year'),
        ),
        migrations.AddConstraint(
            model_name='attendance',
            constraint=models.CheckConstraint(condition=models.Q(('substitute_for__isnull', True), ('kind', 'present'), _connector='OR'), name='attendance_substitute_is_present'),
        ),
        migrations.AddField(
            model_name="decision",
            name="notice_checksum",
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name="decision",
            name="notice_file",
            field=models.CharField(blank=True, editable=False, max_length=300),
        ),
    ]
