"""Staff-written rich text: Markdown in the admin, sanitised HTML on the page."""

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
