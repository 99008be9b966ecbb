"""Staff-written rich text: Markdown in the admin, sanitised HTML on the page."""

from functools import lru_cache

import markdown
import nh3
from django.utils.translation import gettext_lazy as _

# The help text of every Markdown field in the admin.
MARKDOWN_HELP = _(
    "Markdown: '## Heading', '- list item', '[link text](https://...)'. Raw HTML is removed."
)

# What staff may use: headings, paragraphs, lists, links, emphasis, quotes, simple tables.
ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "blockquote", "br", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "code",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}


# Bodies rendered lately, by their source: a page shows the same few hundred bodies again and
# again, and Markdown + nh3 cost up to a quarter of a detail page's render. The source is the
# key, so an edit (or a body in another language) is a new entry; at most this many kept
# (bodies are a few kilobytes: a few megabytes per process at most).
RENDERED_BODIES_KEPT = 1024


@lru_cache(maxsize=RENDERED_BODIES_KEPT)
def render_markdown(source: str) -> str:
    """Return safe HTML for a Markdown body; any raw HTML or script is stripped."""
    html = markdown.markdown(
        source or "", extensions=["tables", "sane_lists"], output_format="html"
    )
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto", "tel"},
        link_rel="noopener noreferrer",
    )
