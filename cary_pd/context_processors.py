from cary_pd.navigation import main_navigation
from core.links import base_url
from core.models import DepartmentSettings


def site(request):
    return {
        "department": DepartmentSettings.load(),
        "main_navigation": main_navigation(request.path),
        "site_url": base_url(),
    }
