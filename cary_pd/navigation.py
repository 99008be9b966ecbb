"""The main navigation: the entries the apps register (core.registry), in their order.

"Report a crime online" is not here: it is the header's call to action on every page. The
entries' URLs are reversed once per language and script prefix, not on every request.
"""

from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

from core.registry import registry

_urls: dict[tuple, list[str]] = {}


def navigation_urls() -> list[str]:
    key = (get_script_prefix(), get_urlconf(), get_language(), len(registry.navigation))
    urls = _urls.get(key)
    if urls is None:
        urls = _urls[key] = [
            reverse(entry.url_name, kwargs=entry.url_kwargs) for entry in registry.navigation
        ]
    return urls


def main_navigation(current_path: str) -> list[dict]:
    items = []
    for entry, url in zip(registry.navigation, navigation_urls(), strict=True):
        is_current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": entry.label, "url": url, "is_current": is_current})
    return items


def current_section(items: list[dict]) -> str:
    """The URL of the entry the page is in ("" for none): the navigation's one variable."""
    return next((item["url"] for item in items if item["is_current"]), "")
