"""Sections that a higher layer adds to the end of public pages, without the page knowing it.

The base template calls ``{% page_extras %}`` (core's ``meta_tags``); each function registered
with the Wagtail hook ``PAGE_EXTRAS_HOOK`` receives the template context and returns HTML
(already escaped, e.g. from ``render_to_string``) or an empty string. The feedback app uses it
for "居民问答 / Residents' questions" on project, place and pillar pages: the pages below it
never import it. A hook must cost no query on a page it has nothing for, and a bounded number
(one or two) on a page it has something for.
"""

PAGE_EXTRAS_HOOK = "yuzhong_page_extras"


def render_page_extras(context):
    from django.utils.safestring import mark_safe
    from wagtail import hooks

    parts = [fn(context) for fn in hooks.get_hooks(PAGE_EXTRAS_HOOK)]
    return mark_safe("".join(str(part) for part in parts if part))  # noqa: S308 - each part is escaped HTML
