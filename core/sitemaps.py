"""The base of every sitemap section: each page once per language, with its alternates."""

from django.contrib.sitemaps import Sitemap


class LocalizedSitemap(Sitemap):
    # One <url> per page and language, each listing the page in every language (hreflang) and
    # English as x-default, as the pages' own <link rel="alternate"> tags do.
    i18n = True
    alternates = True
    x_default = True
