"""The project's own system checks."""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register


@register(Tags.security, deploy=True)
def site_url_is_set(app_configs, **kwargs):
    """Production links need the site's own address: without it they would fall back to
    localhost (core.links), and nothing in a request may stand in for it."""
    address = urlsplit(settings.SITE_URL)
    if address.scheme in ("http", "https") and address.netloc and not address.path:
        return []
    return [
        Error(
            "DJANGO_SITE_URL is not set to the site's public address (scheme and host only).",
            hint="Set DJANGO_SITE_URL to the address residents use, like "
            "https://police.example.org: every link in email and every staff link starts "
            "with it.",
            id="cary_pd.E001",
        )
    ]
