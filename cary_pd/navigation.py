"""The main navigation: the entries the apps register (core.registry), in their order.

"Report a crime online" is not here: it is the header's call to action on every page.
"""

from django.urls import reverse

from core.registry import registry


def main_navigation(current_path: str) -> list[dict]:
    items = []
    for entry in registry.navigation:
        url = reverse(entry.url_name, kwargs=entry.url_kwargs)
        is_current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": entry.label, "url": url, "is_current": is_current})
    return items
