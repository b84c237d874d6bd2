# Issue 13: the Forward Plan, private meeting notices, decisions and call-in (committees/models/decisions.py).
import django.core.validators
import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("committees", "0005_pack_parts"),
        ("plans", "0006_comment_submit_token"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ForwardPlanEntry',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('decision_number', models.CharField(max_length=8, unique=True, validators=[django.core.validators.RegexValidator('^\\d{2}/\\d{5}$', 'Enter a decision number like 12/01971 (two digits, a slash, five digits).')])),
                ('subject', models.CharField(max_length=400)),
                ('decision_maker', models.CharField(choices=[('cabinet', 'Cabinet'), ('cabinet_member', 'Cabinet Member'), ('officer', 'Officer under delegated powers')], max_length=20)),
                ('decision_maker_title', models.CharField(help_text="As it will be published, e.g. 'Cabinet Member for Finance and Business Support'.", max_length=300)),
                ('expected_date', models.DateField(verbose_name='Date the decision is expected')),
                ('consultees', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(3000)], verbose_name='Consultees')),
                ('representations', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(3000)], verbose_name='How to make representations')),
                ('documents', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(3000)], verbose_name='Documents to be considered')),
                ('private', models.BooleanField(default=False, verbose_name='To be taken in private')),
                ('exempt_paragraph', models.PositiveSmallIntegerField(blank=True, help_text='Paragraph 1-7 of Part 1 of Schedule 12A to the Local Government Act 1972.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(7)])),
                ('first_published_on', models.DateField(blank=True, editable=False, null=True)),
                ('urgency', models.CharField(blank=True, choices=[('', 'None: the 28 clear days apply'), ('general_exception', 'General exception (regulation 10)'), ('special_urgency', 'Special urgency (regulation 11)')], default='', max_length=20)),
                ('urgency_reasons', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(3000)], verbose_name='Reasons the decision cannot wait')),
                ('urgency_agreed_by', models.CharField(blank=True, help_text='General exception: the chair of scrutiny told. Special urgency: the chair who agreed.', max_length=300)),
                ('urgency_recorded_on', models.DateField(blank=True, null=True)),
                ('withdrawn', models.BooleanField(default=False)),
                ('lock_version', models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one with every save (optimistic locking).')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('first_committee', models.ForeignKey(blank=True, help_text='The Cabinet Committee that will consider it first, if any.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='forward_plan_entries', to='committees.committee')),
                ('key_decision', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='forward_plan_entry', to='plans.keydecision')),
                ('plan', models.ForeignKey(blank=True, help_text='The business plan whose annual approval this entry announces.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='forward_plan_entries', to='plans.plan')),
            ],
            options={
                'verbose_name_plural': 'Forward Plan entries',
                'ordering': ['expected_date', 'decision_number'],
            },
        ),
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.CharField(max_length=8, unique=True, validators=[django.core.validators.RegexValidator('^\\d{2}/\\d{5}$', 'Enter a decision number like 12/01971 (two digits, a slash, five digits).')])),
                ('title', models.CharField(max_length=400)),
                ('decision_maker', models.CharField(choices=[('cabinet', 'Cabinet'), ('cabinet_member', 'Cabinet Member'), ('officer', 'Officer under delegated powers')], max_length=20)),
                ('decision_maker_name', models.CharField(help_text="Name and title, e.g. 'Mr J D Simmonds, Cabinet Member for Finance'.", max_length=300)),
                ('key_decision', models.BooleanField(default=False)),
                ('taken_on', models.DateField(verbose_name='Date of decision')),
                ('decision', models.TextField(validators=[django.core.validators.MaxLengthValidator(20000)])),
                ('reasons', models.TextField(validators=[django.core.validators.MaxLengthValidator(20000)])),
                ('alternatives', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(10000)], verbose_name='Alternatives considered and rejected')),
                ('interests', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='Conflicts of interest declared')),
                ('dispensations', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(5000)], verbose_name='Dispensations granted')),
                ('exempt_paragraph', models.PositiveSmallIntegerField(blank=True, help_text='When the record itself is exempt: the public notice then gives only its number and title.', null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(7)])),
                ('call_in_working_days', models.PositiveSmallIntegerField(default=5, help_text='Clear working days in which it can be called in; 0 when it is not subject to call-in.', validators=[django.core.validators.MaxValueValidator(30)])),
                ('published_on', models.DateField(blank=True, null=True)),
                ('lock_version', models.PositiveIntegerField(default=1, editable=False, help_text='Goes up by one with every save (optimistic locking).')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('updated_at', models.DateTimeField(auto_now=True)),
                ('agenda_item', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='decisions', to='committees.agendaitem')),
                ('forward_plan_entry', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='decision', to='committees.forwardplanentry')),
            ],
            options={
                'ordering': ['-taken_on', '-number'],
            },
        ),
        migrations.CreateModel(
            name='ForwardPlanPublication',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(unique=True)),
                ('published_on', models.DateField()),
                ('published_at', models.DateTimeField(auto_now_add=True)),
                ('entries', models.JSONField(default=list)),
                ('published_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
            ],
            options={
                'ordering': ['-number'],
            },
        ),
        migrations.CreateModel(
            name='PrivateMeetingNotice',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stage', models.CharField(choices=[('first', "28 clear days' notice"), ('final', "5 clear days' notice")], max_length=5)),
                ('given_on', models.DateField()),
                ('text', models.TextField(validators=[django.core.validators.MaxLengthValidator(20000)])),
                ('representations', models.TextField(blank=True, validators=[django.core.validators.MaxLengthValidator(10000)], verbose_name='Representations received and the response')),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('meeting', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='private_notices', to='committees.meeting')),
            ],
            options={
                'ordering': ['meeting', 'given_on'],
            },
        ),
        migrations.CreateModel(
            name='CallIn',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('received_on', models.DateField()),
                ('members', models.TextField(validators=[django.core.validators.MaxLengthValidator(2000)], verbose_name='Members calling it in')),
                ('reasons', models.TextField(validators=[django.core.validators.MaxLengthValidator(10000)])),
                ('outcome', models.CharField(blank=True, choices=[('', 'Not yet resolved'), ('upheld', 'Decision stands: it takes effect'), ('referred_back', 'Referred back to the decision maker'), ('withdrawn', 'Call-in withdrawn: the decision takes effect')], default='', max_length=20)),
                ('resolved_on', models.DateField(blank=True, null=True)),
                ('created_at', models.DateTimeField(auto_now_add=True)),
                ('decision', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='call_ins', to='committees.decision')),
            ],
            options={
                'ordering': ['decision', 'received_on', 'id'],
                'constraints': [models.CheckConstraint(condition=models.Q(models.Q(('outcome', ''), ('resolved_on__isnull', True)), models.Q(models.Q(('outcome', ''), _negated=True), ('resolved_on__isnull', False)), _connector='OR'), name='callin_resolved_has_date')],
            },
        ),
        migrations.AddConstraint(
            model_name='forwardplanentry',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('exempt_paragraph__isnull', True), ('private', False)), models.Q(('exempt_paragraph__gte', 1), ('exempt_paragraph__lte', 7), ('private', True)), _connector='OR'), name='forwardplanentry_private_has_paragraph'),
        ),
        migrations.AddConstraint(
            model_name='forwardplanentry',
            constraint=models.CheckConstraint(condition=models.Q(('urgency', ''), models.Q(models.Q(('urgency_reasons', ''), _negated=True), models.Q(('urgency_agreed_by', ''), _negated=True), ('urgency_recorded_on__isnull', False)), _connector='OR'), name='forwardplanentry_urgency_recorded'),
        ),
        migrations.AddConstraint(
            model_name='decision',
            constraint=models.CheckConstraint(condition=models.Q(('exempt_paragraph__isnull', True), models.Q(('exempt_paragraph__gte', 1), ('exempt_paragraph__lte', 7)), _connector='OR'), name='decision_exempt_paragraph_in_range'),
        ),
        migrations.AddConstraint(
            model_name='privatemeetingnotice',
            constraint=models.UniqueConstraint(fields=('meeting', 'stage'), name='privatemeetingnotice_one_per_stage'),
        ),
    ]
