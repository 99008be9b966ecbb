from django.conf import settings


def base_url(request=None) -> str:
    """The site's public address for absolute links (emails, calendar files, staff links), with
    no trailing slash: DJANGO_SITE_URL, else the request's host, else the local address.

    The one place this is decided: every absolute link is ``base_url(request) + path``.
    """
    if settings.SITE_URL:
        return settings.SITE_URL.rstrip("/")
    if request is not None:
        return f"{request.scheme}://{request.get_host()}"
    return "http://localhost:8000"


def absolute_url(path: str, request=None) -> str:
    return base_url(request) + path
