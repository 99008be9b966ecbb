"""The ceiling's one view: served alone by gunicorn (settings: bench/ceiling_settings.py, WSGI:
bench/ceiling_wsgi.py), and rendered in bench/cpu.py's process between the site's renders
(cpu.CeilingHandler). Its template engine is its own, so both are the same work."""

from pathlib import Path

from django.http import HttpResponse
from django.template import Context, Engine
from django.urls import path

ENGINE = Engine(dirs=[Path(__file__).resolve().parent / "templates"])


def hello(request):
    template = ENGINE.get_template("ceiling.html")
    return HttpResponse(
        template.render(Context({"title": "Hello", "items": ["one", "two", "three"]}))
    )


urlpatterns = [path("", hello)]
