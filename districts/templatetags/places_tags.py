"""Template helpers for the visitor pages."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import _json_script_escapes, format_html
from django.utils.safestring import mark_safe

register = template.Library()


@register.filter
def json_ld(data):
    """``data`` as JSON-LD, escaped exactly as Django's ``json_script`` escapes (<, >, &).

    A string such as ``</script>`` in a title can therefore never end the element early.
    """
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(
        _json_script_escapes
    )
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))  # noqa: S308 - escaped above


