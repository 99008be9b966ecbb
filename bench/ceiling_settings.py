"""The ceiling: the smallest Django site worth comparing with. One view renders one small
template; no database, no middleware, no installed apps. Whatever the real site does on top of
this is the cost of its features. Run only by bench/run.py."""

import os

DEBUG = False
SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
ALLOWED_HOSTS = ["127.0.0.1"]
ROOT_URLCONF = "bench.ceiling"
WSGI_APPLICATION = "bench.ceiling_wsgi.application"
INSTALLED_APPS = []
MIDDLEWARE = []
DATABASES = {}
USE_TZ = True
