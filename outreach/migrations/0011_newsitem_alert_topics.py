"""A news item or alert can be emailed to the subscribers of alert topics when it is published
(issue 14, email alerts)."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("alerts", "0002_topics_and_permissions"),
        ("outreach", "0010_district_links"),
    ]

    operations = [
        migrations.AddField(
            model_name="newsitem",
            name="alert_topics",
            field=models.ManyToManyField(
                blank=True,
                help_text="Email this item to the subscribers of these topics when it is published.",
                related_name="news_items",
                to="alerts.topic",
                verbose_name="email alert topics",
            ),
        ),
    ]
