from django.conf import settings

from cary_pd.models import DepartmentSettings
from cary_pd.navigation import main_navigation


def site(request):
    return {
        "department": DepartmentSettings.load(),
        "main_navigation": main_navigation(request.path),
        "site_url": settings.SITE_URL or f"{request.scheme}://{request.get_host()}",
    }
