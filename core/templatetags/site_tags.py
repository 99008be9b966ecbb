import html

from django import template
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from core.languages import default_language, is_fallback
from core.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(source: str) -> str:
    # render_markdown sanitises with nh3, so the result is safe to mark as such.
    return mark_safe(render_markdown(source))  # noqa: S308


@register.filter
def machine_datetime(value) -> str:
    """A moment for <time datetime>: ISO 8601 in Cary's time, to the second (the HTML standard's
    valid global date and time string allows no more than three decimals; Django's "c" format
    writes microseconds)."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def webcal(url: str) -> str:
    """An http(s) address as a webcal: one, which calendar apps open as a subscription."""
    _scheme, separator, rest = url.partition("://")
    return f"webcal://{rest}" if separator else url


@register.filter
def tel_href(phone: str) -> str:
    """'(919) 469-4012' -> 'tel:+19194694012' for tap-to-call links."""
    digits = "".join(ch for ch in phone if ch.isdigit())
    if len(digits) == 10:
        digits = "1" + digits
    return f"tel:+{digits}" if len(digits) > 3 else f"tel:{digits}"


# Cards and pictures are tags rather than includes: a list page shows a hundred of them, and an
# {% include %} with its own context costs ten times as much as building the same HTML here.
CARD_PICTURE_SIZES = "(min-width: 992px) 300px, (min-width: 576px) 45vw, 100vw"


def _escaped(value) -> str:
    """conditional_escape without its lazy-string wrapper (the values here are plain)."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def content_html(instance, field: str, *, markdown: bool = False) -> str:
    """A content field's text in the page's language, as HTML. Where the field has no text in
    that language and shows the English instead, the HTML says so (WCAG 3.1.2): a <span lang>
    around inline text, a <div lang> around a Markdown block. Unmarked, it is exactly what
    ``{{ instance.field }}`` or ``{{ instance.field|markdown }}`` renders."""
    value = getattr(instance, field)
    text = render_markdown(value) if markdown else _escaped(value)
    if is_fallback(instance, field):
        tag = "div" if markdown else "span"
        text = f'<{tag} lang="{default_language()}">{text}</{tag}>'
    return mark_safe(text)  # noqa: S308 (escaped, or Markdown sanitised by nh3)


@register.simple_tag(name="content")
def content_tag(instance, field, *, markdown=False):
    """{% content service "summary" %}, {% content service "body" markdown=True %}: a content
    field where the page may show it in English (content_html); ``as name`` keeps it for a
    {% blocktranslate %} or a {% card %}. Attribute values (alt, meta description) cannot carry
    lang: they take the field itself."""
    return content_html(instance, field, markdown=markdown)


@register.simple_tag(name="picture")
def picture_tag(picture, *, sizes="100vw", css_class="", loading="lazy"):
    """{% picture obj.picture sizes="..." css_class="..." %}: a resized photo, where ``sizes``
    says how wide it shows (for example "(min-width: 992px) 640px, 100vw"). Nothing when there
    is no image. The browser picks a rendition from srcset; the original is never sent."""
    if not picture:
        return ""
    default = picture.default
    return mark_safe(  # noqa: S308 (every value is escaped)
        f'<img class="picture{" " + _escaped(css_class) if css_class else ""}"'
        f' src="{_escaped(default.url)}" srcset="{_escaped(picture.srcset)}"'
        f' sizes="{_escaped(sizes or "100vw")}" width="{default.width:d}"'
        f' height="{default.height:d}" alt="{_escaped(picture.alt)}"'
        f' loading="{_escaped(loading or "lazy")}" decoding="async">'
    )


NOT_GIVEN = object()


@register.simple_tag(name="card")
def card(
    *,
    item=None,
    url=NOT_GIVEN,
    title=NOT_GIVEN,
    summary=NOT_GIVEN,
    pictured=False,
    picture=None,
    tag="",
    tag_class="",
    heading_level=3,
):
    """A card for a list of services, programs, tips or events: the whole card is one link (its
    title's), so there is never a link inside a link.

    ``item`` is a service, program, tip or officer: its URL, its ``title`` (or ``name``) and
    its ``summary``, and its ``picture`` with ``pictured=True``; ``url=``, ``title=`` and
    ``summary=`` say otherwise, or make a card of something else. ``tag`` is a kind or a
    status, with ``tag_class`` (e.g. "tag--status"); ``picture`` an object's ``.picture``."""
    if item is not None:
        url = item.get_absolute_url() if url is NOT_GIVEN else url
        if title is NOT_GIVEN:
            title = content_html(item, "title" if getattr(item, "title", None) else "name")
        if summary is NOT_GIVEN:
            summary = content_html(item, "summary") if item.summary else ""
        picture = item.picture if pictured else picture
    summary = "" if summary is NOT_GIVEN else summary
    image = picture_tag(picture, sizes=CARD_PICTURE_SIZES, css_class="card-tile__picture")
    level = int(heading_level)
    summary_html = f'<p class="card-tile__summary">{_escaped(summary)}</p>' if summary else ""
    tag_classes = f"tag {_escaped(tag_class)}" if tag_class else "tag"
    tag_html = (
        f'<p class="card-tile__tags"><span class="{tag_classes}">{_escaped(tag)}</span></p>'
        if tag
        else ""
    )
    return mark_safe(  # noqa: S308 (every value is escaped)
        f'<div class="card-tile">\n  {image}\n  <h{level} class="card-tile__title">'
        f'<a class="stretched-link" href="{_escaped(url)}">{_escaped(title)}</a></h{level}>\n'
        f"  {summary_html}\n  {tag_html}\n</div>\n"
    )


@register.simple_tag(name="page_sections", takes_context=True)
def page_sections_tag(context, page, obj):
    """{% page_sections "districts:detail" district %}: the parts other apps add to a page
    (core.registry.register_page_section), in their order. Each section's template is
    rendered with ``section.context(obj)`` and the request; the page's app names none of
    them."""
    from django.template.loader import render_to_string

    from core.registry import page_sections

    request = context.get("request")
    parts = [
        render_to_string(section.template_name, section.context(obj), request=request)
        for section in page_sections(page)
    ]
    return mark_safe("".join(parts))  # noqa: S308 (templates escape what they render)


@register.inclusion_tag("admin/includes/staff_queues.html", takes_context=True)
def staff_queues(context):
    """The admin front page's "Waiting for you": each registered queue (core.registry) this
    member may see, with how many rows wait; one count query a queue."""
    from django.urls import reverse

    from core.admin import is_verified
    from core.registry import registry

    request = context["request"]
    user = request.user
    verified = is_verified(request)
    queues = []
    for queue in registry.staff_queues:
        if not user.has_perm(queue.permission):
            continue
        if queue.two_factor and not verified:
            queues.append({"label": queue.label, "needs_two_factor": True})
            continue
        url = reverse(queue.url_name) + (f"?{queue.query}" if queue.query else "")
        queues.append({"label": queue.label, "count": queue.count(user), "url": url})
    return {"queues": queues}


@register.simple_tag(name="page_meta", takes_context=True)
def page_meta(context) -> str:
    """templates/includes/meta.html: the title, description, canonical address and Open Graph
    tags from the context's ``title``, ``description`` and ``og_type`` (the include's ``with``)
    and the site's (``department``, ``site_url``, ``page_languages``). Built here, not in the
    include's template: it is on every page, and its thirty variables and two loops had cost
    a tenth of a page such as /services/."""

    def value(name):
        found = context.get(name)
        return "" if found is None else found

    department_name = conditional_escape(getattr(value("department"), "name", ""))
    og_type = conditional_escape(value("og_type") or "website")
    title, description, site_url = value("title"), value("description"), value("site_url")
    if not description:
        description = gettext(
            "Official website of the Cary Police Department, North Carolina: services, crime"
            " prevention, events and online crime reports."
        )
    title_html, description_html = conditional_escape(title), conditional_escape(description)
    page_url = conditional_escape(f"{site_url}{context['request'].path}")
    language = value("LANGUAGE_CODE")
    locale = "en_US" if language == "en" else f"{conditional_escape(language)}_US"
    image = conditional_escape(f"{site_url}{static('img/og-image.png')}")
    image_alt = conditional_escape(gettext("The badge of the Cary Police Department"))
    alternates = [
        (conditional_escape(entry["code"]), conditional_escape(f"{site_url}{entry['path']}"))
        for entry in value("page_languages")
    ]
    links = "".join(
        f'<link rel="alternate" hreflang="{code}" href="{href}">\n  ' for code, href in alternates
    )
    if alternates:
        links += f'<link rel="alternate" hreflang="x-default" href="{alternates[0][1]}">'
    return mark_safe(  # noqa: S308 (every value escaped above)
        f"\n  <title>{f'{title_html} | ' if title else ''}{department_name}</title>"
        f'\n  <meta name="description" content="{description_html}">'
        f'\n  <link rel="canonical" href="{page_url}">'
        f'\n  <meta property="og:site_name" content="{department_name}">'
        f'\n  <meta property="og:type" content="{og_type}">'
        f'\n  <meta property="og:title" content="{title_html if title else department_name}">'
        f'\n  <meta property="og:description" content="{description_html}">'
        f'\n  <meta property="og:url" content="{page_url}">'
        f'\n  <meta property="og:image" content="{image}">'
        '\n  <meta property="og:image:width" content="1200">'
        '\n  <meta property="og:image:height" content="630">'
        f'\n  <meta property="og:image:alt" content="{image_alt}">'
        f'\n  <meta property="og:locale" content="{locale}">'
        f"\n  {links}\n"
    )
