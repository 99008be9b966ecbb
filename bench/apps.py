"""The benchmark tooling as a Django app, for its `manage.py load_bench_data` command.

Installed only when DJANGO_BENCH_TOOLS is on (cary_pd/settings.py): `make bench` (bench/run.py)
and the tests switch it on. pip never installs bench/ and the Docker image does not copy it.
"""

from django.apps import AppConfig


class BenchConfig(AppConfig):
    name = "bench"
    verbose_name = "Benchmark tooling"
