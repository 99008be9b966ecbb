"""Events and news can belong to a patrol district (issue 14): the district's page lists its
upcoming community meetings and its latest news."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("districts", "0001_initial"),
        ("outreach", "0009_search_languages"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="district",
            field=models.ForeignKey(
                blank=True,
                help_text="For a district's community meeting: shown on the district's page.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="events",
                to="districts.district",
                verbose_name="district",
            ),
        ),
        migrations.AddField(
            model_name="newsitem",
            name="district",
            field=models.ForeignKey(
                blank=True,
                help_text="News of one district: shown on the district's page too.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="news_items",
                to="districts.district",
                verbose_name="district",
            ),
        ),
    ]
