"""The main navigation, defined in one place.

Each app adds its entry here when its pages exist: (label, URL name, URL kwargs).
"Report a crime online" is not here: it is the header's call to action on every page.
"""

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

MAIN_NAVIGATION = [
    (_("Home"), "home", {}),
    (_("Services"), "services:list", {}),
    (_("Crime prevention"), "programs:list", {}),
    (_("Safety tips"), "tips:list", {}),
    (_("Events"), "outreach:event_list", {}),
    (_("News"), "outreach:news_list", {}),
    (_("Community policing"), "page_detail", {"slug": "community-policing"}),
]


def main_navigation(current_path: str) -> list[dict]:
    items = []
    for label, url_name, url_kwargs in MAIN_NAVIGATION:
        try:
            url = reverse(url_name, kwargs=url_kwargs)
        except NoReverseMatch:  # an app whose pages are not wired up yet
            continue
        is_current = current_path == url if url == "/" else current_path.startswith(url)
        items.append({"label": label, "url": url, "is_current": is_current})
    return items
