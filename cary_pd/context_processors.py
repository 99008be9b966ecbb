from cary_pd.links import base_url
from cary_pd.models import DepartmentSettings
from cary_pd.navigation import main_navigation


def site(request):
    return {
        "department": DepartmentSettings.load(),
        "main_navigation": main_navigation(request.path),
        "site_url": base_url(request),
    }
