from django.conf import settings


def base_url(request=None) -> str:
    """The site's public address for absolute links: DJANGO_SITE_URL, else the request's host."""
    if settings.SITE_URL:
        return settings.SITE_URL
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return "http://localhost:8000"
