"""The benchmark's data command and its pages, at a hundredth of the volume (`make bench` runs
the full volume; see bench/run.py)."""

import io

import pytest
from django.core.management import call_command
from PIL import Image

from bench import run
from outreach.models import Event, NewsItem, Officer
from programs.models import Program, Tip
from reports.models import ReferenceCounter, Report, ReportDraft, ReportPhoto
from services.models import Service
from tests.reports_support import use_private_storage

pytestmark = pytest.mark.django_db

SCALE = 0.01


@pytest.fixture(autouse=True)
def private_storage(settings, tmp_path):
    use_private_storage(settings, tmp_path / "private")
    yield tmp_path / "private"
    use_private_storage(settings, None)


def load(scale=SCALE) -> str:
    out = io.StringIO()
    call_command("load_bench_data", scale=scale, stdout=out)
    return out.getvalue()


def test_bench_data_reaches_the_counts_once(private_storage):
    load()
    expected = {kind: max(1, round(count * SCALE)) for kind, count in run_targets().items()}
    assert Service.objects.count() >= expected["services"]
    assert Program.objects.count() >= expected["programs"]
    assert Tip.objects.count() >= expected["tips"]
    assert Event.objects.count() >= expected["events"]
    assert NewsItem.objects.count() >= expected["news"]
    assert Officer.objects.count() >= expected["officers"]
    assert Report.objects.count() == expected["reports"] == 100
    # Real photo rows, pointing at a few real files in the private storage.
    photos = ReportPhoto.objects.all()
    assert photos.count() >= Report.objects.count()
    names = set(photos.values_list("file", flat=True))
    assert all((private_storage / name).is_file() for name in names)
    assert "0 new rows" in load()
    assert Report.objects.count() == 100


def test_bench_reports_leave_the_reference_counters_ready_for_real_reports(private_storage):
    load()
    for counter in ReferenceCounter.objects.all():
        numbers = Report.objects.filter(reference_year=counter.year)
        assert counter.last_number == max(numbers.values_list("reference_number", flat=True))


def test_bench_pages_render_with_the_query_counts_of_the_tests(private_storage):
    load()
    pages = run.bench_pages()
    assert [label for label, _path in pages] == list(run.EXPECTED_RENDER_QUERIES)
    for label, path in pages:
        cached, rendered = run.count_queries(path)
        assert (label, cached) == (label, 0)
        assert (label, rendered) == (label, run.EXPECTED_RENDER_QUERIES[label])


def test_report_timing_goes_through_the_views_and_leaves_nothing_behind(private_storage):
    load()
    reports, drafts = Report.objects.count(), ReportDraft.objects.count()
    photo = io.BytesIO()
    Image.effect_noise((400, 300), 40).convert("RGB").save(photo, format="JPEG")
    accepted, pillow = run.photo_timings(photo.getvalue(), runs=1)
    assert accepted > 0 and pillow > 0
    assert (Report.objects.count(), ReportDraft.objects.count()) == (reports, drafts)
    drafts_folder = private_storage / "drafts"
    assert not [path for path in drafts_folder.rglob("*") if path.is_file()]


def run_targets():
    from cary_pd.management.commands.load_bench_data import TARGETS

    return TARGETS
