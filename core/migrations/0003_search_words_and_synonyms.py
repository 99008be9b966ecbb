import core.search
from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('core', '0002_translations'),
    ]

    operations = [
        # pg_trgm, for the trigram index of the words "Did you mean" suggests (PostgreSQL only).
        TrigramExtension(),
        migrations.AddField(
            model_name='departmentsettings',
            name='search_synonyms',
            field=models.TextField(blank=True, default='K-9, K9, canine, police dog\nbreak-in, burglary', help_text='One group of words that mean the same per line, separated by commas, for example “K-9, K9, canine”. A search for any of them finds the others too.', max_length=2000, verbose_name='search synonyms'),
        ),
        migrations.AddField(
            model_name='departmentsettings',
            name='search_synonyms_en',
            field=models.TextField(blank=True, default='K-9, K9, canine, police dog\nbreak-in, burglary', help_text='One group of words that mean the same per line, separated by commas, for example “K-9, K9, canine”. A search for any of them finds the others too.', max_length=2000, null=True, verbose_name='search synonyms'),
        ),
        migrations.AddField(
            model_name='departmentsettings',
            name='search_synonyms_es',
            field=models.TextField(blank=True, default='K-9, K9, canine, police dog\nbreak-in, burglary', help_text='One group of words that mean the same per line, separated by commas, for example “K-9, K9, canine”. A search for any of them finds the others too.', max_length=2000, null=True, verbose_name='search synonyms'),
        ),
        migrations.CreateModel(
            name='SearchWord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('language', models.CharField(max_length=10)),
                ('key', models.CharField(max_length=100)),
                ('word', models.CharField(max_length=100)),
                ('frequency', models.PositiveIntegerField(default=1)),
            ],
            options={
                'indexes': [core.search.SearchIndex(fastupdate=False, fields=['key'], name='core_searchword_trgm', opclasses=['gin_trgm_ops'])],
                'constraints': [models.UniqueConstraint(fields=('language', 'key'), name='search_word_unique_key')],
            },
        ),
    ]
