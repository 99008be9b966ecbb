"""The department's contact record moves here from the site package (cary_pd), with its table:
only Django's idea of which app owns it changes, nothing in the database but the content type,
which is relabelled so that staff groups keep their permissions on it."""

from django.db import migrations, models


def relabel_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="cary_pd", model="departmentsettings").update(
        app_label="core"
    )


def restore_content_type(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label="core", model="departmentsettings").update(
        app_label="cary_pd"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("cary_pd", "0002_staff_groups"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
        migrations.CreateModel(
            name='DepartmentSettings',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(default='Cary Police Department', max_length=100, verbose_name='department name')),
                ('street_address', models.CharField(default='120 Wilkinson Ave', max_length=200, verbose_name='street address')),
                ('locality', models.CharField(default='Cary, NC 27512', max_length=100, verbose_name='town, state and ZIP')),
                ('emergency_phone', models.CharField(default='911', max_length=20, verbose_name='emergency number')),
                ('non_emergency_phone', models.CharField(default='(919) 469-4012', max_length=30, verbose_name='non-emergency line')),
                ('neighborhood_watch_phone', models.CharField(blank=True, default='(919) 469-4324', max_length=30, verbose_name='Neighborhood Watch line')),
                ('town_services_phone', models.CharField(blank=True, default='311', max_length=30, verbose_name='Town of Cary services')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='public email')),
                ('website_url', models.URLField(blank=True, default='https://www.carync.gov/services-publications/police', verbose_name='department website')),
                ('facebook_url', models.URLField(blank=True, default='https://www.facebook.com/CaryPolice', verbose_name='Facebook page')),
                ('twitter_url', models.URLField(blank=True, default='https://x.com/CaryPolice', verbose_name='Twitter/X account')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last updated')),
            ],
            options={
                'verbose_name': 'department settings',
                'verbose_name_plural': 'department settings',
                'db_table': 'cary_pd_departmentsettings',
                'constraints': [models.CheckConstraint(condition=models.Q(('pk', 1)), name='department_settings_singleton')],
            },
        ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(relabel_content_type, restore_content_type),
    ]
