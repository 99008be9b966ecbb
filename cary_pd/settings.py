"""Settings for the Cary Police Department website.

One module, read from the environment through the small typed helpers below.
Every variable is documented in README.md ("Configuration").
"""

import os
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), not {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {value!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return list(default or [])
    return [item.strip() for item in value.split(",") if item.strip()]


# --- Core -------------------------------------------------------------------

DEBUG = env_bool("DJANGO_DEBUG", default=False)

SECRET_KEY = env_str("DJANGO_SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        # Production must never run on a key that is in the repository.
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "django-insecure-local-development-only-key-never-use-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# The public address of the site (https://police.example.org): every absolute link (emails,
# staff links, calendar files, canonical URLs) starts with it, never with a request's Host
# header. Production must set it: `check --deploy` fails without it (core/checks.py).
SITE_URL = env_str("DJANGO_SITE_URL").rstrip("/")

VAR_DIR = Path(env_str("DJANGO_VAR_DIR", str(BASE_DIR / "var")))

INSTALLED_APPS = [
    # Spanish (and any further language) of the content staff edit: before the admin, which
    # its translated admin classes extend; the apps register their fields in translation.py.
    "modeltranslation",
    "cary_pd",
    "core",
    "accounts",
    "districts",
    "alerts",
    "services",
    "programs",
    "outreach",
    "reports",
    "concerns",
    "records",
    "housechecks",
    "feedback",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.sitemaps",
    "django.contrib.postgres",  # full-text search on PostgreSQL; imports fine on SQLite
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.forms",  # Django's widget templates, for FORM_RENDERER
    "imagekit",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",  # backup codes
    "axes",
    "django_tasks_db",
]

# Benchmark tooling (bench/: `manage.py load_bench_data`, which fills the database with made-up
# rows): not installed by pip nor copied into the Docker image. Only `make bench` and the tests
# switch it on.
if env_bool("DJANGO_BENCH_TOOLS"):
    INSTALLED_APPS.append("bench")

MIDDLEWARE = [
    # First: a request whose declared body is over MAX_REQUEST_BYTES is answered 413 before any
    # other middleware's process_view or the view can read it (core/body_limit.py).
    "core.body_limit.RequestBodyLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Marks the public pages a shared cache (the Varnish front) may keep, with the keys that
    # purge them (core/http_cache.py). Near the top: it must see every cookie set below it.
    "core.http_cache.SharedCacheMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # A redirect answering a form site.js sent with upload progress, as JSON (core/uploads.py);
    # above the session and message middleware, so it keeps the cookies they set.
    "core.uploads.UploadProgressMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Sets request.user.is_verified(): whether this session passed two-factor authentication.
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: turns a locked-out sign-in into its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cary_pd.urls"
WSGI_APPLICATION = "cary_pd.wsgi.application"
ASGI_APPLICATION = "cary_pd.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.csp",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cary_pd.context_processors.site",
                "outreach.context_processors.urgent_alerts",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------

# SQLite under var/ for a local run; DATABASE_URL (postgres://...) in production.
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 600),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # A new connection per request unless DJANGO_CONN_MAX_AGE says otherwise: kept ones would hold
    # the test database's file open past its tests. `make bench` keeps them, as production does
    # with PostgreSQL: a new SQLite connection reads the whole schema again (about 1 ms).
    DATABASES["default"]["CONN_MAX_AGE"] = env_int("DJANGO_CONN_MAX_AGE", 0)
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
    # Tests use a file, not shared memory: the browser tests' live server then gives each of
    # its threads its own connection, with SQLite's real locking, instead of sharing one.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / "test-db.sqlite3")}
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database that is gone, partitioned (packets dropped, nothing refused) or stuck must free
    # the thread within seconds, so that the visitor gets the 503 page, not a hang:
    # - tcp_user_timeout: the kernel drops a connection whose sent data (or SYN) stays
    #   unacknowledged this long. It ends the health check's SELECT 1 on a persistent connection
    #   (CONN_HEALTH_CHECKS), where keepalives never fire because data is in flight; a slow query
    #   is not affected, its text was acknowledged.
    # - keepalives: an idle connection, or one waiting for a result, is probed after
    #   keepalives_idle silent seconds and dropped when a probe goes unanswered.
    # - connect_timeout: a connection whose server accepts but never finishes the start-up
    #   (2 s is libpq's minimum; counted per address the host name resolves to).
    # Worst case: a failed health check, then Django's one reconnect, about 3.5 s with these
    # defaults (tests/test_db_partition.py). PostgreSQL cancels statements over statement_timeout.
    # Options in DATABASE_URL (?connect_timeout=...) win.
    statement_timeout_ms = env_int("DJANGO_DB_STATEMENT_TIMEOUT_MS", 15000)
    url_options = DATABASES["default"].get("OPTIONS", {})
    DATABASES["default"]["OPTIONS"] = {
        "connect_timeout": env_int("DJANGO_DB_CONNECT_TIMEOUT", 2),
        "tcp_user_timeout": env_int("DJANGO_DB_TCP_USER_TIMEOUT_MS", 1500),
        "keepalives": 1,
        "keepalives_idle": env_int("DJANGO_DB_KEEPALIVES_IDLE", 3),
        "keepalives_interval": env_int("DJANGO_DB_KEEPALIVES_INTERVAL", 1),
        "keepalives_count": env_int("DJANGO_DB_KEEPALIVES_COUNT", 3),
        **url_options,
    }
    DATABASES["default"]["OPTIONS"]["options"] = " ".join(
        filter(None, [f"-c statement_timeout={statement_timeout_ms}", url_options.get("options")])
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "cary_pd.User"

# --- Cache --------------------------------------------------------------------

REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    # Redis only speeds the site up (core/cache.py): unreachable or frozen, it is a cache miss
    # after at most one short timeout, then skipped for a few seconds; pages come from the database.
    try:
        REDIS_TIMEOUT = float(env_str("DJANGO_REDIS_TIMEOUT", "0.25"))
    except ValueError:
        raise ImproperlyConfigured("DJANGO_REDIS_TIMEOUT must be a number of seconds") from None
    CACHES = {
        "default": {
            "BACKEND": "core.cache.FailSoftRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("DJANGO_CACHE_PREFIX", "cary-pd"),
            "OPTIONS": {"socket_connect_timeout": REDIS_TIMEOUT, "socket_timeout": REDIS_TIMEOUT},
        }
    }
    # Rate limits fail open while Redis is down (README "Scaling out"): django-ratelimit's
    # counter is then a miss, and without this it would refuse every limited request.
    RATELIMIT_FAIL_OPEN = True
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The page parts that are the same on every page ({% cache ... using="fragments" %}: the
# emergency strip, the header's brand and navigation, the footer), kept by each process for
# itself: they are small, read on every request, and their keys name everything they show
# (the language, the department record's last change, the navigation's current entry).
CACHES["fragments"] = {
    "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
    "LOCATION": "fragments",
    "TIMEOUT": 600,
    "OPTIONS": {"MAX_ENTRIES": 500},
}

# --- The shared HTTP cache (the front) ---------------------------------------------------
# Public pages say in Cache-Control how long a front may keep them (core/http_cache.py); the
# app keeps no pages itself (README "The front"). A save purges the pages it changed at every
# front listed here; s-maxage is the safety net if a purge is lost. 0 marks nothing cacheable.
HTTP_CACHE_SECONDS = env_int("DJANGO_HTTP_CACHE_SECONDS", 300)
HTTP_CACHE_STALE_SECONDS = env_int("DJANGO_HTTP_CACHE_STALE_SECONDS", 60)
HTTP_CACHE_STALE_IF_ERROR_SECONDS = env_int("DJANGO_HTTP_CACHE_STALE_IF_ERROR_SECONDS", 86400)
# Varnish's xkey module reads "xkey"; Fastly's and others' "Surrogate-Key" has the same format.
HTTP_CACHE_KEY_HEADER = env_str("DJANGO_HTTP_CACHE_KEY_HEADER", "xkey")
# Where to send PURGE requests, e.g. "http://varnish:6081/"; comma-separated, one per front.
HTTP_CACHE_PURGE_URLS = env_list("DJANGO_HTTP_CACHE_PURGE_URLS")

# --- Sessions ------------------------------------------------------------------------

# In the database: every app server sees the same sessions, and they outlive restarts of app
# servers and of Redis, which is a cache that may evict keys at any time. Sessions hold little (the
# report draft's id, a staff sign-in with its two-factor state).
# With Redis, also in Redis (cached_db): a request reads its session there, the database only on a
# miss, and every write goes to the database first. While Redis is down a session is a miss, read
# from and written to the database; the sessions written or deleted meanwhile are deleted from
# Redis when it answers again, before it is read (core/cache.py), and none stays in Redis longer
# than SESSION_CACHE_SECONDS, so a sign-out that a process restarting during the outage forgot to
# delete cannot outlive that either. Without Redis the cache is each process's own memory, which
# a sign-out in another process would not reach: sessions are then read from the database, with
# one plain statement instead of the ORM's (core/sessions.py).
# `manage.py clearsessions` (daily) deletes expired sessions.
SESSION_CACHE_SECONDS = 300
if REDIS_URL:
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"
    # The same Redis, keys and circuit breaker as the default cache; only entries' lifetime differs.
    CACHES["sessions"] = {
        **CACHES["default"],
        "OPTIONS": {**CACHES["default"]["OPTIONS"], "max_timeout": SESSION_CACHE_SECONDS},
    }
else:
    SESSION_ENGINE = "core.sessions"

# --- Auth -------------------------------------------------------------------------

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "admin:login"

# Django's ModelBackend behind django-axes' check, which refuses sign-in attempts while a
# username and address are cooling off (one backend: see accounts/two_factor.py).
AUTHENTICATION_BACKENDS = ["accounts.two_factor.ThrottledModelBackend"]

# The request.META key holding the client's address, for sign-in throttling and rate limits.
# REMOTE_ADDR unless a trusted proxy in front sets a header itself (e.g. HTTP_X_REAL_IP).
CLIENT_IP_META_KEY = env_str("DJANGO_CLIENT_IP_META_KEY", "REMOTE_ADDR")

# Staff sign-in throttling (django-axes): 5 failures for one username from one address lock
# that pair out for 15 minutes. A right password without the right two-factor code counts as
# a failure too.
AXES_FAILURE_LIMIT = env_int("DJANGO_AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("DJANGO_AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "accounts.two_factor.lockout_response"
# Usernames cut to the length of axes' columns: a longer one was a 500 on PostgreSQL.
AXES_USERNAME_CALLABLE = "accounts.signin.throttled_username"
AXES_IPWARE_META_PRECEDENCE_ORDER = (CLIENT_IP_META_KEY,)
AXES_VERBOSE = False
# And 20 failures from one address, whatever the usernames, lock that address out for the same
# cool-off (0: no such limit). Counted in axes' records, which axes alone cannot limit twice:
# accounts/signin.py says why.
SIGN_IN_ADDRESS_FAILURE_LIMIT = env_int("DJANGO_SIGN_IN_ADDRESS_FAILURE_LIMIT", 20)

# Two-factor authentication (django-otp, TOTP): the issuer name shown in authenticator apps.
OTP_TOTP_ISSUER = env_str("DJANGO_OTP_ISSUER", "Cary Police Department")
# How long an enrolment link (a superuser issues one per account to set up two-factor
# authentication) keeps working, if it is not used first.
TWO_FACTOR_INVITATION_HOURS = env_int("DJANGO_TWO_FACTOR_INVITATION_HOURS", 72)

# --- Internationalisation ------------------------------------------------------------

# English pages keep their URLs; every other language's live under its prefix (/es/...).
# A language is added here once locale/ holds its complete catalogue (README "Languages"):
# the page's lang attribute follows it. The names are each language's own, as the switcher
# shows them.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates, times and numbers in the site's own formats per language (cary_pd/formats/).
FORMAT_MODULE_PATH = ["cary_pd.formats"]
# Content staff edit (django-modeltranslation): a field left empty in a language shows the
# English one, marked lang="en" on the page.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "America/New_York"
USE_I18N = True
USE_TZ = True

# --- Static and media files -------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("DJANGO_STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("DJANGO_MEDIA_ROOT", str(VAR_DIR / "media")))
# Let the site itself serve MEDIA_URL (debug runs and single-server setups such as compose.yaml).
SERVE_MEDIA = env_bool("DJANGO_SERVE_MEDIA", default=DEBUG)
# Evidence photos from crime reports: never under MEDIA_ROOT and with no public URL. They are
# served only through a view that checks the reviewer's permission and two-factor sign-in.
PRIVATE_MEDIA_ROOT = Path(env_str("DJANGO_PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "private": {
        "BACKEND": "core.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
}
# Origins that serve public uploads, for the Content Security Policy below (none but the site's
# own while uploads are on the file system).
MEDIA_ORIGINS: list[str] = []
# DJANGO_STORAGE=s3: uploads in S3-compatible object storage (django-storages), so that several
# app servers share them (README "Scaling out"). Public uploads go to one bucket with plain URLs;
# evidence photos to another, private bucket, and never get a URL (core/storage.py).
# Credentials come from boto3's usual sources (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or
# the server's role), never from this file.
FILE_STORAGE = env_str("DJANGO_STORAGE", "filesystem")
if FILE_STORAGE == "s3":
    S3_BUCKET = env_str("DJANGO_S3_BUCKET")
    S3_PRIVATE_BUCKET = env_str("DJANGO_S3_PRIVATE_BUCKET")
    if not S3_BUCKET or not S3_PRIVATE_BUCKET:
        raise ImproperlyConfigured(
            "DJANGO_STORAGE=s3 needs DJANGO_S3_BUCKET and DJANGO_S3_PRIVATE_BUCKET."
        )
    if S3_BUCKET == S3_PRIVATE_BUCKET:
        raise ImproperlyConfigured(
            "DJANGO_S3_PRIVATE_BUCKET must differ from DJANGO_S3_BUCKET, which anyone may read."
        )
    S3_ENDPOINT_URL = env_str("DJANGO_S3_ENDPOINT_URL").rstrip("/")
    S3_REGION = env_str("DJANGO_S3_REGION")
    S3_CUSTOM_DOMAIN = env_str("DJANGO_S3_CUSTOM_DOMAIN").strip("/")
    s3_options = {
        "endpoint_url": S3_ENDPOINT_URL or None,
        "region_name": S3_REGION or None,
        "addressing_style": env_str("DJANGO_S3_ADDRESSING_STYLE") or None,
        # As on the file system: a name already taken gets a suffix, nothing is overwritten.
        "file_overwrite": False,
    }
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **s3_options,
            "bucket_name": S3_BUCKET,
            # Plain, lasting URLs (no expiring signature): pages and caches keep them. The bucket
            # policy makes objects readable, or DJANGO_S3_PUBLIC_ACL=public-read where the
            # provider uses object ACLs instead.
            "querystring_auth": False,
            "default_acl": env_str("DJANGO_S3_PUBLIC_ACL") or None,
            "custom_domain": S3_CUSTOM_DOMAIN or None,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "core.storage_s3.PrivateS3Storage",
        # No ACL: S3's default, readable only with the site's own credentials.
        "OPTIONS": {**s3_options, "bucket_name": S3_PRIVATE_BUCKET, "default_acl": None},
    }
    if S3_CUSTOM_DOMAIN:
        MEDIA_ORIGINS = [f"https://{S3_CUSTOM_DOMAIN}"]
    elif S3_ENDPOINT_URL:
        # Path-style (endpoint/bucket/name) or virtual-hosted (bucket.endpoint/name) addresses.
        endpoint = urlsplit(S3_ENDPOINT_URL)
        MEDIA_ORIGINS = [
            f"{endpoint.scheme}://{endpoint.netloc}",
            f"{endpoint.scheme}://{S3_BUCKET}.{endpoint.netloc}",
        ]
    else:
        MEDIA_ORIGINS = [f"https://{S3_BUCKET}.s3.amazonaws.com"]
        if S3_REGION:
            MEDIA_ORIGINS.append(f"https://{S3_BUCKET}.s3.{S3_REGION}.amazonaws.com")
elif FILE_STORAGE != "filesystem":
    raise ImproperlyConfigured(f"DJANGO_STORAGE must be filesystem or s3, not {FILE_STORAGE!r}")
# Image renditions (core/images.py): made on first use, their state kept in the cache.
# Hashed names, so a rendition's address does not reveal the original upload's.
IMAGEKIT_CACHEFILE_DIR = "renditions"
IMAGEKIT_SPEC_CACHEFILE_NAMER = "imagekit.cachefiles.namers.hash"
WHITENOISE_USE_FINDERS = DEBUG
WHITENOISE_AUTOREFRESH = DEBUG

# --- Email --------------------------------------------------------------------------------

# Console output for a local debug run; SMTP otherwise (Django 6.1's MAILERS setting).
MAILERS = {
    "default": {
        "BACKEND": env_str(
            "DJANGO_EMAIL_BACKEND",
            "django.core.mail.backends.console.EmailBackend"
            if DEBUG
            else "django.core.mail.backends.smtp.EmailBackend",
        ),
        "OPTIONS": {},
    }
}
if MAILERS["default"]["BACKEND"] == "django.core.mail.backends.smtp.EmailBackend":
    MAILERS["default"]["OPTIONS"] = {
        "host": env_str("DJANGO_EMAIL_HOST", "localhost"),
        "port": env_int("DJANGO_EMAIL_PORT", 25),
        "username": env_str("DJANGO_EMAIL_HOST_USER"),
        "password": env_str("DJANGO_EMAIL_HOST_PASSWORD"),
        "use_tls": env_bool("DJANGO_EMAIL_USE_TLS", default=False),
        "timeout": env_int("DJANGO_EMAIL_TIMEOUT", 10),
    }
# Seconds before each retry of an email that could not be sent (core/mail.py), comma-separated.
EMAIL_RETRY_SECONDS = [int(seconds) for seconds in env_list("DJANGO_EMAIL_RETRY_SECONDS")] or [
    60,
    300,
    1800,
    7200,
]
DEFAULT_FROM_EMAIL = env_str(
    "DJANGO_DEFAULT_FROM_EMAIL", "Cary Police Department <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Where staff notifications (new sign-ups, new reports) go.
STAFF_NOTIFICATION_EMAILS = env_list("DJANGO_STAFF_NOTIFICATION_EMAILS")
# Where to report a vulnerability, for /.well-known/security.txt (RFC 9116): a mailto: or
# https: address. Unset: no security.txt (SECURITY.md).
SECURITY_CONTACT = env_str("DJANGO_SECURITY_CONTACT")

# --- Background tasks ---------------------------------------------------------------------

# Every email is a task of Django's tasks framework (core/mail.py), so a slow or dead mail server
# never holds a request. "database" (django-tasks-db): a task is a row inserted in the same
# transaction as the write that caused it, run by `manage.py db_worker` (README "Background
# worker"). "immediate": run in the web process once the transaction commits, no worker needed;
# the default for a debug run (`make run`).
TASKS_BACKEND = env_str("DJANGO_TASKS_BACKEND", "immediate" if DEBUG else "database")
if TASKS_BACKEND == "database":
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
elif TASKS_BACKEND == "immediate":
    TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
else:
    raise ImproperlyConfigured(
        f"DJANGO_TASKS_BACKEND must be database or immediate, not {TASKS_BACKEND!r}"
    )

# --- Security ------------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env_int("DJANGO_HSTS_SECONDS", 0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env_bool("DJANGO_HSTS_PRELOAD", default=True)
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    # Only behind a proxy that sets this header itself; otherwise clients could spoof it.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Strict CSP: everything from this site, no inline script or style anywhere.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", *MEDIA_ORIGINS],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

# --- Forms ------------------------------------------------------------------------------------

# Forms and their widgets render with the site's template engine, so the public forms use the
# templates in templates/includes/forms/ (core.forms.PublicFormMixin); Django's own widget
# templates come from the django.forms app.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

# --- What one visitor may send -------------------------------------------------------------

# The largest request body: five report photos of at most 10 MB each (core/images.py) and the
# form, 51 MB, the front's limit too (deploy/varnish/default.vcl). A request that declares more
# is answered 413 before its body is read (core/body_limit.py): the app does not rely on the front.
MAX_REQUEST_BYTES = env_int("DJANGO_MAX_REQUEST_BYTES", 51 * 1024 * 1024)
# Django's own limits, inside that one: the fields of a form without its files (Django's default,
# 2.5 MB; more is a 400), and the size above which an upload is spooled to a temporary file
# instead of memory, so a 51 MB body is never held whole in a worker's memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440


def env_rate(name: str, default: str) -> str | None:
    """A django-ratelimit rate ("10/h": 10 an hour; "5/15m": 5 in 15 minutes); set empty: None."""
    value = env_str(name, default).strip()
    if not value:
        return None
    count, _slash, period = value.partition("/")
    multiple, unit = period[:-1], period[-1:]
    valid_multiple = multiple == "" or multiple.isdecimal()
    if not (count.isdecimal() and unit in {"s", "m", "h", "d"} and valid_multiple):
        raise ImproperlyConfigured(f"{name} must be a rate like 10/h or 5/15m, not {value!r}")
    return value


# Rate limits per client address (core/ratelimits.py, with django-ratelimit), counted in the
# cache: Redis in production, failing open while it is down. Only a valid form counts, so a
# resident's mistakes never do (the status lookup counts every lookup: a wrong reference is what
# it guards against). A household, or a library computer, stays well inside them.
REPORTS_DRAFT_RATE = env_rate("DJANGO_REPORTS_DRAFT_RATE", "20/h")  # reports started
REPORTS_PHOTO_RATE = env_rate("DJANGO_REPORTS_PHOTO_RATE", "60/h")  # photos, each one counted
REPORTS_SUBMIT_RATE = env_rate("DJANGO_REPORTS_SUBMIT_RATE", "10/h")
REPORTS_STATUS_RATE = env_rate("DJANGO_REPORTS_STATUS_RATE", "20/h")
PROGRAMS_SIGNUP_RATE = env_rate("DJANGO_PROGRAMS_SIGNUP_RATE", "10/h")
# Requests to join or start a Neighborhood Watch group (sign-ups with that intent).
PROGRAMS_WATCH_GROUP_RATE = env_rate("DJANGO_PROGRAMS_WATCH_GROUP_RATE", "10/h")
EVENTS_REGISTRATION_RATE = env_rate("DJANGO_EVENTS_REGISTRATION_RATE", "10/h")
CONCERNS_SUBMIT_RATE = env_rate("DJANGO_CONCERNS_SUBMIT_RATE", "10/h")  # concerns and tips
CONCERNS_STATUS_RATE = env_rate("DJANGO_CONCERNS_STATUS_RATE", "20/h")  # every lookup counts
ALERTS_SUBSCRIBE_RATE = env_rate("DJANGO_ALERTS_SUBSCRIBE_RATE", "10/h")  # alert sign-ups
RATELIMIT_IP_META_KEY = CLIENT_IP_META_KEY
# The counters live in the "default" cache: Redis, shared by every app server, once REDIS_URL is
# set (without it, each process counts for itself: fine for one process, not for several).
RATELIMIT_USE_CACHE = "default"

# --- Online crime reports ------------------------------------------------------------------

# Unsent drafts (and their photos) older than this are deleted by `manage.py purge_reports`.
REPORTS_DRAFT_MAX_AGE_DAYS = env_int("DJANGO_REPORTS_DRAFT_MAX_AGE_DAYS", 7)
# Each evidence photo is processed by the task worker in a child process with these limits
# (reports/photos.py): a photo that takes longer, or needs more memory, is marked failed.
REPORTS_PHOTO_TIMEOUT_SECONDS = env_int("DJANGO_REPORTS_PHOTO_TIMEOUT_SECONDS", 30)
REPORTS_PHOTO_MEMORY_MB = env_int("DJANGO_REPORTS_PHOTO_MEMORY_MB", 1024)

# --- Concerns and tips (issue 14) ------------------------------------------------------------

# `manage.py purge_concerns` deletes concerns (history and photo too) whose status last changed
# more than this many days ago.
CONCERNS_RETENTION_DAYS = env_int("DJANGO_CONCERNS_RETENTION_DAYS", 365)

# --- Vacation house checks (issue 15) ----------------------------------------------------------

# The longest absence a resident can ask patrol to check (days from leaving to coming back).
HOUSECHECKS_MAX_DAYS = env_int("DJANGO_HOUSECHECKS_MAX_DAYS", 45)
# `manage.py purge_house_checks` deletes checks (visits and history too) this many days after
# the return date (or the cancellation).
HOUSECHECKS_RETENTION_DAYS = env_int("DJANGO_HOUSECHECKS_RETENTION_DAYS", 30)
# Rate limits per client address (core/ratelimits.py): requests sent, and status lookups
# (every lookup counts, and so does the status page's cancel button).
HOUSECHECKS_SUBMIT_RATE = env_rate("DJANGO_HOUSECHECKS_SUBMIT_RATE", "10/h")
HOUSECHECKS_STATUS_RATE = env_rate("DJANGO_HOUSECHECKS_STATUS_RATE", "20/h")

# --- Copies of records (issue 15) -------------------------------------------------------------

RECORDS_SUBMIT_RATE = env_rate("DJANGO_RECORDS_SUBMIT_RATE", "10/h")  # requests sent
RECORDS_STATUS_RATE = env_rate("DJANGO_RECORDS_STATUS_RATE", "20/h")  # every lookup counts
# Email addresses typed on a download link's page: every attempt counts.
RECORDS_DOWNLOAD_RATE = env_rate("DJANGO_RECORDS_DOWNLOAD_RATE", "10/h")
# How long the link that confirms a requester's email address works, and the download link.
RECORDS_CONFIRM_DAYS = env_int("DJANGO_RECORDS_CONFIRM_DAYS", 7)
RECORDS_DOWNLOAD_DAYS = env_int("DJANGO_RECORDS_DOWNLOAD_DAYS", 14)
# The largest PDF staff may attach to a request.
RECORDS_DOCUMENT_MAX_MB = env_int("DJANGO_RECORDS_DOCUMENT_MAX_MB", 20)
# `manage.py purge_records` deletes fulfilled and refused requests (history and document too)
# whose status last changed more than this many days ago.
RECORDS_RETENTION_DAYS = env_int("DJANGO_RECORDS_RETENTION_DAYS", 365)

# --- Compliments and complaints (issue 15) ----------------------------------------------------

FEEDBACK_SUBMIT_RATE = env_rate("DJANGO_FEEDBACK_SUBMIT_RATE", "10/h")  # items sent
FEEDBACK_STATUS_RATE = env_rate("DJANGO_FEEDBACK_STATUS_RATE", "20/h")  # every lookup counts
# `manage.py purge_feedback` blanks the personal details (what the resident wrote, who they are,
# the history) of items closed more than this many days ago: five years. The rows stay, with
# their kind, outcome and dates, so the public yearly counts do not change.
FEEDBACK_RETENTION_DAYS = env_int("DJANGO_FEEDBACK_RETENTION_DAYS", 1826)

# --- Email alerts ----------------------------------------------------------------------------

# Deliveries per task of a mailing (alerts/tasks.py): each batch is sent over one SMTP connection.
ALERTS_BATCH_SIZE = env_int("DJANGO_ALERTS_BATCH_SIZE", 200)
# An address gets a confirmation or manage link at most this often, however many sign-ups name it.
ALERTS_LINK_INTERVAL_SECONDS = env_int("DJANGO_ALERTS_LINK_INTERVAL_SECONDS", 120)
# `manage.py purge_alert_subscribers` forgets addresses this long after they unsubscribed.
ALERTS_UNSUBSCRIBED_RETENTION_DAYS = env_int("DJANGO_ALERTS_UNSUBSCRIBED_RETENTION_DAYS", 30)

# --- Logging: everything to stdout, for the container's log collector ----------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"stdout": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["stdout"], "level": env_str("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "INFO"},
        # Django mails 500s to ADMINS by default; logs are the single source here.
        "django.request": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
    },
}
