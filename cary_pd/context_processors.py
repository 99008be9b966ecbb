from cary_pd.navigation import current_section, main_navigation
from core.links import base_url
from core.models import DepartmentSettings


def site(request):
    navigation = main_navigation(request.path)
    return {
        "department": DepartmentSettings.load(),
        "main_navigation": navigation,
        "navigation_section": current_section(navigation),
        "site_url": base_url(),
    }
