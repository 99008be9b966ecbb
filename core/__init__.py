"""The base every app stands on. It imports Django and libraries only, never an app.

Scope: the settings singleton and the department's contact record (``models``), the
published/draft queryset, checked images and their renditions (``images``), staff-written
Markdown (``text``), the site's base URL (``links``), CSV exports (``exports``), private
storage (``storage``), the public-form helpers and bounded fields (``forms``), rate limits on
what a visitor sends (``ratelimits``), the request body limit (``body_limit``), upload progress
(``uploads``), references residents follow (``references``, ``reference_pages``), the
project's system checks (``checks``), migration helpers for staff groups
(``permissions``), the search-source base (``search``), the cache backend that fails soft when
Redis is away (``cache``), background tasks queued with their write (``tasks``), queued email
(``mail``), places and a waiting list (``waitlists``) and the registry through which apps
tell the site layer about themselves (``registry``). Anything that knows about one app's models
belongs in that app. The layers are written down in docs/architecture.md and enforced by
import-linter (``lint-imports``, pyproject.toml).
"""
