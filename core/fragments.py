"""Page parts rendered once per change of what they show, then kept by each process.

``{% fragment "name" value ... %}...{% endfragment %}`` (``core/templatetags/fragments.py``) keeps
the HTML of its contents in the "fragments" cache (local memory, per process) under its name, the
language and the values given, with the surrogate keys the part collected while it rendered (the
models it read, core/http_cache.py) and their versions. It is used again while:

- the versions of those keys are still the same: every save or delete that purges a key from the
  front forgets its version (``http_cache.forget_versions``), so the next render renders it again;
- the clock has not passed the next moment the site changes by itself (``next_clock_change``: an
  event ends, a news item is published, the day changes);
- and at most ``FRAGMENT_SECONDS``: the safety net if a version was forgotten while a render read
  the data before the change and its versions after it.

A fragment used again adds its keys to the page, so the front purges the page as before.

Only what the front itself may share goes in a fragment: the same for every visitor of the page who
gives the same values (no CSRF token, no form a visitor filled in, nothing from the session) and
read from public models only. What the part takes from the context was read before it, so its keys
are not the part's: name such values among those the part varies on (``department.updated_at``).
Outside a page that collects its keys (a GET through the middleware), and while the cache cannot
give versions (Redis down), the part is simply rendered.
"""

from django.core.cache import caches
from django.core.cache.utils import make_template_fragment_key
from django.utils import timezone, translation

from core import http_cache

FRAGMENTS_CACHE = "fragments"
FRAGMENT_SECONDS = 300


def render_fragment(name: str, vary_on: list, render):
    """What `render()` returns for the part `name` and these values (HTML, or the bytes of a
    whole response such as a calendar feed): kept, or rendered now and then kept."""
    if not http_cache.collecting():
        return render()
    store = caches[FRAGMENTS_CACHE]
    key = make_template_fragment_key(f"part:{name}", [translation.get_language(), *vary_on])
    now = timezone.now()
    entry = store.get(key)
    if entry is not None:
        html, keys, versions, valid_until = entry
        if now < valid_until and http_cache.key_versions(keys) == versions:
            http_cache.depends_on_keys(keys)
            return html
    with http_cache.collecting_keys() as keys:
        html = render()
    versions = http_cache.key_versions(keys)
    if versions is not None:
        with http_cache.not_collecting():
            valid_until = http_cache.next_clock_change(now)
        store.set(key, (html, frozenset(keys), versions, valid_until), timeout=FRAGMENT_SECONDS)
    return html
