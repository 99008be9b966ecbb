# Production image. Its steps are the Makefile's (`pip install .`, `collectstatic`), which
# `make test` runs on every CI build, since no Docker engine runs on the CI machines.

# --- Build stage: dependencies and collected static files -------------------------------------
FROM python:3.13-slim AS build
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 PYTHONDONTWRITEBYTECODE=1
WORKDIR /app
RUN python -m venv /opt/venv
ENV PATH="/opt/venv/bin:$PATH"
# Only what the site runs: bench/ (benchmark tooling) and tests/ stay out of the image.
COPY pyproject.toml README.md ./
COPY cary_pd cary_pd
COPY core core
COPY accounts accounts
COPY services services
COPY programs programs
COPY outreach outreach
COPY reports reports
COPY districts districts
COPY alerts alerts
COPY concerns concerns
COPY records records
COPY housechecks housechecks
COPY feedback feedback
RUN pip install .
COPY manage.py gunicorn.conf.py ./
COPY templates templates
COPY static static
# Same command as `make static`; the key only satisfies the settings check at build time.
RUN DJANGO_SECRET_KEY=collectstatic-only DJANGO_STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput --verbosity 0

# --- Runtime stage: no compilers, no build files, not root --------------------------------------
FROM python:3.13-slim AS runtime
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    PATH="/opt/venv/bin:$PATH" \
    DJANGO_STATIC_ROOT=/app/staticfiles \
    DJANGO_VAR_DIR=/app/var \
    PORT=8000
RUN groupadd --system app && useradd --system --gid app --home-dir /app app
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
# Made here, owned by the app user, so named volumes mounted on them start with that owner.
RUN mkdir -p /app/var/media /app/var/private && chown -R app:app /app/var
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD python -c "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('PORT', '8000'), timeout=4)"
CMD ["gunicorn", "--config", "gunicorn.conf.py", "cary_pd.wsgi"]
