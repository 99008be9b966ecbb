from django import template
from django.utils.safestring import mark_safe

from core.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(source: str) -> str:
    # render_markdown sanitises with nh3, so the result is safe to mark as such.
    return mark_safe(render_markdown(source))  # noqa: S308


@register.filter
def tel_href(phone: str) -> str:
    """'(919) 469-4012' -> 'tel:+19194694012' for tap-to-call links."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}" if len(digits) > 3 else f"tel:{digits}"
