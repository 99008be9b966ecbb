"""Drafts: content staff see on the site before it is published ("View on site" in the admin)."""

from django.http import Http404
from django.shortcuts import get_object_or_404


def published_or_preview(request, queryset, **lookup):
    """The published object ``lookup`` names or, for staff only, a draft. The published object is
    looked up first: a resident's page then never reads the session, the user or their two-factor
    device, and staff pay for that only on a draft."""
    try:
        return queryset.published().get(**lookup)
    except queryset.model.DoesNotExist:
        if not request.user.is_staff:
            raise Http404 from None
        return get_object_or_404(queryset, **lookup)
