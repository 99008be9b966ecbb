"""{% fragment "name" value ... %}...{% endfragment %}: a page part kept until what it shows
changes (core/fragments.py)."""

from django import template
from django.utils.safestring import mark_safe

from core.fragments import render_fragment

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        vary_on = [value.resolve(context) for value in self.vary_on]
        html = render_fragment(self.name, vary_on, lambda: self.nodelist.render(context))
        return mark_safe(html)  # noqa: S308 - the template's own output, escaped when rendered


@register.tag("fragment")
def do_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(
            "{% fragment %} takes a quoted name, then the values it varies on"
        )
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
