from django.conf import settings
from django.utils.translation import get_language

from cary_pd.navigation import current_section, main_navigation
from core.languages import language_path
from core.links import base_url
from core.models import DepartmentSettings


def site(request):
    navigation = main_navigation(request.path)
    current = get_language()
    # The same page in every language: the switcher links to the others (with the query, so a
    # resident stays on the same results), the head lists them all for search engines.
    languages = [
        {
            "code": code,
            "name": name,
            "path": language_path(request.path, code),
            "link": language_path(request.get_full_path(), code),
            "is_current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]
    return {
        "department": DepartmentSettings.for_request(request),
        "main_navigation": navigation,
        "navigation_section": current_section(navigation),
        "site_url": base_url(),
        "page_languages": languages,
    }
