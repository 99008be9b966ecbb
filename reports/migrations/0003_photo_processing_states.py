import reports.models
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('reports', '0002_staff_permissions'),
    ]

    operations = [
        migrations.AddField(
            model_name='draftphoto',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='processing attempts'),
        ),
        migrations.AddField(
            model_name='draftphoto',
            name='failure',
            field=models.CharField(blank=True, choices=[('damaged', 'The file is damaged or is not a photo'), ('too_many_pixels', 'The photo has too many pixels'), ('out_of_memory', 'Processing it needed too much memory'), ('timed_out', 'Processing it took too long'), ('storage', 'The file could not be read or stored'), ('gave_up', 'Processing could not finish after several attempts')], max_length=20, verbose_name='why it could not be processed'),
        ),
        migrations.AddField(
            model_name='draftphoto',
            name='original',
            field=models.FileField(blank=True, max_length=200, storage=reports.models.private_storage, upload_to='', verbose_name='upload in quarantine'),
        ),
        migrations.AddField(
            model_name='draftphoto',
            name='state',
            field=models.CharField(choices=[('received', 'Received, being processed'), ('ready', 'Ready'), ('failed', 'Could not be processed')], default='ready', max_length=10, verbose_name='state'),
        ),
        migrations.AddField(
            model_name='draftphoto',
            name='upload_index',
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='draftphoto',
            name='upload_key',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='reportaddition',
            name='upload_key',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        migrations.AddField(
            model_name='reportphoto',
            name='attempts',
            field=models.PositiveSmallIntegerField(default=0, verbose_name='processing attempts'),
        ),
        migrations.AddField(
            model_name='reportphoto',
            name='failure',
            field=models.CharField(blank=True, choices=[('damaged', 'The file is damaged or is not a photo'), ('too_many_pixels', 'The photo has too many pixels'), ('out_of_memory', 'Processing it needed too much memory'), ('timed_out', 'Processing it took too long'), ('storage', 'The file could not be read or stored'), ('gave_up', 'Processing could not finish after several attempts')], max_length=20, verbose_name='why it could not be processed'),
        ),
        migrations.AddField(
            model_name='reportphoto',
            name='original',
            field=models.FileField(blank=True, max_length=200, storage=reports.models.private_storage, upload_to='', verbose_name='upload in quarantine'),
        ),
        migrations.AddField(
            model_name='reportphoto',
            name='state',
            field=models.CharField(choices=[('received', 'Received, being processed'), ('ready', 'Ready'), ('failed', 'Could not be processed')], default='ready', max_length=10, verbose_name='state'),
        ),
        migrations.AddField(
            model_name='reportphoto',
            name='upload_index',
            field=models.PositiveSmallIntegerField(default=0, editable=False),
        ),
        migrations.AddField(
            model_name='reportphoto',
            name='upload_key',
            field=models.CharField(blank=True, editable=False, max_length=64),
        ),
        # Photos stored before this migration were processed in the request: they are ready.
        # New photos start as received (the field's default from here on).
        migrations.AlterField(
            model_name='draftphoto',
            name='state',
            field=models.CharField(choices=[('received', 'Received, being processed'), ('ready', 'Ready'), ('failed', 'Could not be processed')], default='received', max_length=10, verbose_name='state'),
        ),
        migrations.AlterField(
            model_name='reportphoto',
            name='state',
            field=models.CharField(choices=[('received', 'Received, being processed'), ('ready', 'Ready'), ('failed', 'Could not be processed')], default='received', max_length=10, verbose_name='state'),
        ),
        migrations.AlterField(
            model_name='draftphoto',
            name='file',
            field=models.FileField(blank=True, max_length=200, storage=reports.models.private_storage, upload_to='', verbose_name='file'),
        ),
        migrations.AlterField(
            model_name='reportphoto',
            name='file',
            field=models.FileField(blank=True, max_length=200, storage=reports.models.private_storage, upload_to='', verbose_name='file'),
        ),
        migrations.AddConstraint(
            model_name='draftphoto',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('file', ''), ('state', 'received'), models.Q(('original', ''), _negated=True)), models.Q(('original', ''), ('state', 'ready'), models.Q(('file', ''), _negated=True)), models.Q(('file', ''), ('original', ''), ('state', 'failed')), _connector='OR'), name='draftphoto_state_matches_files'),
        ),
        migrations.AddConstraint(
            model_name='draftphoto',
            constraint=models.UniqueConstraint(condition=models.Q(('upload_key', ''), _negated=True), fields=('draft', 'upload_key', 'upload_index'), name='draftphoto_added_once_per_upload'),
        ),
        migrations.AddConstraint(
            model_name='reportaddition',
            constraint=models.UniqueConstraint(condition=models.Q(('upload_key', ''), _negated=True), fields=('report', 'upload_key'), name='reportaddition_added_once_per_form'),
        ),
        migrations.AddConstraint(
            model_name='reportphoto',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('file', ''), ('state', 'received'), models.Q(('original', ''), _negated=True)), models.Q(('original', ''), ('state', 'ready'), models.Q(('file', ''), _negated=True)), models.Q(('file', ''), ('original', ''), ('state', 'failed')), _connector='OR'), name='reportphoto_state_matches_files'),
        ),
        migrations.AddConstraint(
            model_name='reportphoto',
            constraint=models.UniqueConstraint(condition=models.Q(('upload_key', ''), _negated=True), fields=('report', 'upload_key', 'upload_index'), name='reportphoto_added_once_per_upload'),
        ),
    ]
