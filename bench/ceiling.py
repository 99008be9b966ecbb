"""The ceiling's one view (settings: bench/ceiling_settings.py, WSGI: bench/ceiling_wsgi.py)."""

from django.shortcuts import render
from django.urls import path


def hello(request):
    return render(request, "ceiling.html", {"title": "Hello", "items": ["one", "two", "three"]})


urlpatterns = [path("", hello)]
