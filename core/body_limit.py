"""The largest request body the site takes (``settings.MAX_REQUEST_BYTES``), refused unread.

``RequestBodyLimitMiddleware`` is first in MIDDLEWARE. Nothing in the other middleware's
request phase reads the body; the first reader is CSRF's ``process_view`` (the form's token), then
the view. This middleware's ``process_view`` runs before both and answers a request that
declares a longer body (``Content-Length``) with 413 and a page, without reading a byte of it.
Its answer still passes back through the other middleware, so it is translated and has the site's
security headers and Content Security Policy; it is never cached.

A body without a Content-Length (``Transfer-Encoding: chunked``) is refused with 411: Django's
WSGI request reads at most Content-Length bytes (``LimitedStream``), so the view would otherwise
see an empty form. gunicorn discards what is left of an unread body (at most 64 KB, within its
data timeout) and then closes the connection, so the rest of a refused upload is never read.

A view whose form sends photos names a page of its own with ``too_large_template``: that
they were too large in total, with a link back to the same page (``back_url``).
"""

from django.conf import settings
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers

TEMPLATE_ATTRIBUTE = "body_too_large_template"
DEFAULT_TEMPLATE = "413.html"


def too_large_template(template_name: str):
    """Decorate a view (outermost) to answer a body over the limit with this template."""

    def decorate(view):
        setattr(view, TEMPLATE_ATTRIBUTE, template_name)
        return view

    return decorate


def declared_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:  # as Django's request does: a malformed length reads nothing
        return 0


class RequestBodyLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if "HTTP_TRANSFER_ENCODING" in request.META:
            return self.refuse(request, DEFAULT_TEMPLATE, status=411)
        if declared_length(request) > settings.MAX_REQUEST_BYTES:
            template = getattr(view_func, TEMPLATE_ATTRIBUTE, DEFAULT_TEMPLATE)
            return self.refuse(request, template, status=413)
        return None

    def refuse(self, request, template: str, *, status: int):
        context = {
            "back_url": request.get_full_path(),
            "max_bytes": settings.MAX_REQUEST_BYTES,
            "length_required": status == 411,
        }
        response = render(request, template, context, status=status)
        add_never_cache_headers(response)
        return response
