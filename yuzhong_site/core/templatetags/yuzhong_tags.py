
"""Template tags for the site shell: language alternates, navigation, breadcrumbs."""

import re

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeData, mark_safe
from wagtail import hooks
from wagtail.models import Page

from yuzhong_site.core.dates import long_date
from yuzhong_site.core.fragments import render_fragment
from yuzhong_site.core.i18n import absolute_local_url, page_translations, path_urls_by_language
from yuzhong_site.core.memo import memoized
from yuzhong_site.core.navigation import menu_children, page_ancestors, site_home
from yuzhong_site.core.print_sources import number_links

register = template.Library()


@register.simple_tag(takes_context=True)
def hooked_templates(context, hook_name):
    """What the apps above the core put into a core template at ``hook_name`` (the home page
    shows the plan this way without the core loading the plan's tags): every function registered
    with ``@hooks.register(hook_name)`` returns a template name, rendered here with the page's
    context as ``{% include %}`` would."""
    parts = []
    for fn in hooks.get_hooks(hook_name):
        with context.push():
            parts.append(context.template.engine.get_template(fn()).render(context))
    return mark_safe("".join(parts))  # noqa: S308 - our own templates' output

BCP47 = {"zh-hans": "zh-Hans", "en": "en"}


# A run of Chinese in other text: its characters and punctuation, with the figures written into
# it ("1,781.8亿元", "渝中府发〔2024〕8号", "“总体完成”").
_CHINESE_RUN = re.compile(
    r"[\d,.]*[\u3400-\u9fff\uf900-\ufaff]"
    r"[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff01-\uff5e\d,.%]*"
    r"|[“‘《（][\u3400-\u9fff][^”’》）]*[”’》）]"
)


# A run of Latin script in Chinese text (in HTML: an entity such as &amp; is one piece, never
# cut): its words with the spaces, figures and ASCII punctuation between them ("GDP",
# "OpenStreetMap", "china-travelnote.com (Huguang Guild Hall page)").
_LATIN_RUN = re.compile(
    r"(?<![&#A-Za-z0-9])[A-Za-z0-9]"
    r"(?:&[#A-Za-z0-9]+;|[A-Za-z0-9 '’.,:;/@_%?=#+()\-–])*"
    r"(?:&[#A-Za-z0-9]+;|[A-Za-z0-9)])"
)
_LETTERS = re.compile(r"[A-Za-z]{2,}")


def _no_language(word):
    """Whether a word of Latin script belongs to no language: a web or e-mail address, a
    domain name, or an identifier of letters and figures ("WGS-84")."""
    word = word.strip("(),.;:")
    return ("://" in word or "@" in word or re.fullmatch(r"[\w-]+(\.[\w-]+)+(/\S*)?", word, re.ASCII)
            or (re.search(r"\d", word) and re.search(r"[A-Za-z]", word)))


def _english_run(match):
    """A Latin run of (escaped) Chinese text marked ``<span lang="en">`` when it holds a word."""
    run, after = match.group(), ""
    if run.endswith(")") and run.count("(") < run.count(")"):
        run, after = run[:-1], ")"
    if not any(_LETTERS.search(word) and not _no_language(word) for word in run.split()):
        return match.group()
    return f'<span lang="en">{run}</span>{after}'


def _english_page():
    return (translation.get_language() or "").startswith("en")


@register.filter
def lang_parts(text):
    """``text`` (escaped) with each run in the other language marked, so that a screen reader
    reads it in that language (WCAG 2.1 SC 3.1.2, Language of Parts): on an English page each
    run of Chinese ``<span lang="zh-Hans">`` (names, quotations, original units, untranslated
    titles); on a Chinese page each run of English words ``<span lang="en">`` (names and titles
    of English sources, "GDP", "OpenStreetMap"), but not web addresses, domain names and
    identifiers, which are words of no language. Safe HTML (a translation with markup) is
    marked as :func:`lang_parts_html` marks it."""
    if isinstance(text, SafeData):
        return lang_parts_html(text)
    text = "" if text is None else str(text)
    if not _english_page():
        return mark_safe(_LATIN_RUN.sub(_english_run, conditional_escape(text)))  # noqa: S308 - escaped
    parts, last = [], 0
    for match in _CHINESE_RUN.finditer(text):
        parts.append(conditional_escape(text[last:match.start()]))
        parts.append(format_html('<span lang="zh-Hans">{}</span>', match.group()))
        last = match.end()
    parts.append(conditional_escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part escaped above


_TAG = re.compile(r"(<[^>]*>)")


@register.filter
def lang_parts_html(html):
    """:func:`lang_parts` for HTML that is already safe (rich text): the runs in the other
    language in its text, never inside a tag, are marked."""
    html = "" if html is None else str(html)
    pieces = _TAG.split(html)
    for index in range(0, len(pieces), 2):  # the text between tags
        if _english_page():
            pieces[index] = _CHINESE_RUN.sub(lambda m: f'<span lang="zh-Hans">{m.group()}</span>', pieces[index])
        else:
            pieces[index] = _LATIN_RUN.sub(_english_run, pieces[index])
    return mark_safe("".join(pieces))  # noqa: S308 - only spans added around text of safe HTML


@register.filter
def html_lang(code):
    """Django's language code as a BCP 47 tag for <html lang> and hreflang (zh-hans → zh-Hans)."""
    return BCP47.get((code or "").lower(), code)


def _language_name(code):
    return dict(settings.LANGUAGES).get(code, code)


@register.simple_tag(takes_context=True)
def language_alternates(context):
    """One entry per language: where this page is in that language.

    Used by the language switcher, the hreflang links and the canonical link, so that they can
    never disagree. Cached on the request (one query for a page, none for other views).

    A routable page serving a sub-route (e.g. ``<plan>/projects/<slug>/``) puts that sub-path in
    its context as ``alternate_subpath``; it is appended to the page's URL in every language.
    """
    request = context.get("request")
    if request is None:
        return []
    cached = getattr(request, "_yz_language_alternates", None)
    if cached is not None:
        return cached

    page = context.get("page")
    current = translation.get_language()
    aliases = set()
    if isinstance(page, Page) and page.pk:
        urls = {}
        subpath = context.get("alternate_subpath") or ""
        for translated in page_translations(page, request):
            url = translated.get_url(request)
            if url:
                urls[translated.locale.language_code] = url + subpath
                if translated.alias_of_id:
                    aliases.add(translated.locale.language_code)
    else:
        urls = path_urls_by_language(request.path)
        # a view may keep its query string across languages (the search keeps ?q=)
        query = context.get("alternate_query")
        if query:
            urls = {code: f"{url}?{query}" for code, url in urls.items() if url}

    alternates = []
    for code, _name in settings.LANGUAGES:
        url = urls.get(code)
        alternates.append(
            {
                "code": code,
                "bcp47": html_lang(code),
                "name": _language_name(code),
                "url": url,
                "absolute_url": absolute_local_url(request, url) if url else "",
                "is_current": code == current,
                "is_alias": code in aliases,
            }
        )
    request._yz_language_alternates = alternates
    return alternates


@register.simple_tag(takes_context=True)
def switcher_url(context, url):
    """The language switcher's link to ``url``, keeping this request's query string (filters,
    page number, search query), unless ``url`` already has its own. The hreflang and canonical
    links keep the bare page address (language_alternates)."""
    request = context.get("request")
    if not url or "?" in url or request is None or not request.GET:
        return url
    return f"{url}?{request.GET.urlencode()}"


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The canonical URL: the page in the current language, or its Chinese source for an alias."""
    alternates = language_alternates(context)
    page = context.get("page")
    wanted = translation.get_language()
    if isinstance(page, Page) and page.alias_of_id:
        wanted = settings.LANGUAGE_CODE
    for alternate in alternates:
        if alternate["code"] == wanted and alternate["absolute_url"]:
            return alternate["absolute_url"]
    request = context.get("request")
    return absolute_local_url(request, request.path) if request else ""


@register.inclusion_tag("components/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    current = context.get("page")
    home = site_home(request) if request else None
    items = menu_children(home, request) if home is not None else []
    current_path = getattr(current, "path", "")
    return {
        "home": home,
        "items": [
            {
                "page": item,
                "url": item.get_url(request),
                "active": bool(current_path) and current_path.startswith(item.path),
                "current": current_path == item.path,
                "kept": getattr(item.specific_class, "menu_kept_in_view", False),
            }
            for item in items
        ],
        "request": request,
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context):
    page = context.get("page")
    request = context.get("request")
    if not isinstance(page, Page) or page.depth <= 2:
        return {"crumbs": []}
    ancestors = [a for a in page_ancestors(page) if a.depth >= 2]
    crumbs = [{"title": a.title, "url": a.get_url(request)} for a in ancestors]
    return {"crumbs": crumbs, "current": page.title}


@register.simple_tag(takes_context=True)
def text_size_url(context, size):
    request = context["request"]
    from django.urls import reverse
    from django.utils.http import urlencode

    return reverse("text_size") + "?" + urlencode({"size": size, "next": request.get_full_path()})


@register.simple_tag(takes_context=True)
def contrast_url(context, contrast):
    request = context["request"]
    from django.urls import reverse
    from django.utils.http import urlencode

    return reverse("contrast") + "?" + urlencode({"contrast": contrast, "next": request.get_full_path()})


TITLE_SEPARATOR = " · "


@register.filter(is_safe=True)
def title_segments(value):
    """A <title> from segments joined by " · ": blank and repeated segments are left out, so
    the home page (whose title is the site name) does not read "渝中“十四五” · 渝中“十四五”"."""
    seen, kept = set(), []
    for segment in re.split(r"\s+·\s+", str(value)):
        segment = " ".join(segment.split())
        if segment and segment not in seen:
            seen.add(segment)
            kept.append(segment)
    return TITLE_SEPARATOR.join(kept)


@register.filter
def languages_first(language_code):
    """The site's language codes with ``language_code`` first (error pages: the requested
    language, then the other)."""
    codes = [code for code, _name in settings.LANGUAGES]
    return sorted(codes, key=lambda code: code != language_code)


@register.filter(name="long_date")
def long_date_filter(value):
    """A date for readers: 2021年1月28日 / 28 January 2021 (yuzhong_site/core/dates.py)."""
    return long_date(value)


@register.simple_tag
def responsive_picture(image, alt, lazy=False, sizes=""):
    """components/picture_markup.html for ``image`` (its renditions, srcset and sizes),
    written once per publish (core/memo.py) for each image, text, loading and sizes: the same
    picture on a card, its page and a district page costs its rendition lookups once. Saving an
    image starts a new generation (settings.PAGE_CACHE_PURGE_MODELS), so an edited image is
    never shown with its old renditions."""
    from django.template.loader import render_to_string

    if not image:
        return ""
    context = {"image": image, "alt": alt, "lazy": bool(lazy), "sizes": sizes or ""}
    key = ("picture", image.pk, alt, context["lazy"], context["sizes"])
    return memoized(
        None, key, lambda: mark_safe(render_to_string("components/picture_markup.html", context).strip())  # noqa: S308 - our own template's output
    )


@register.simple_tag(takes_context=True)
def fragment(context, template_name, key, **values):
    """``{% fragment "components/project_card.html" project.pk project=project %}``: the
    template rendered with ``values``, written once per publish for ``key`` and the scalar
    values (yuzhong_site/core/fragments.py)."""
    return render_fragment(context.get("request"), template_name, key, **values)


@register.tag
def numbered_sources(parser, token):
    """``{% numbered_sources %}…{% endnumbered_sources %}``: the enclosed HTML with each link to
    another site numbered for print, followed by the numbered list of those sources
    (``components/print_sources.html``; yuzhong_site/core/print_sources.py)."""
    nodelist = parser.parse(("endnumbered_sources",))
    parser.delete_first_token()
    return NumberedSourcesNode(nodelist)


class NumberedSourcesNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        html, sources = number_links(self.nodelist.render(context))
        if not sources:
            return html
        listing = context.template.engine.get_template("components/print_sources.html")
        with context.push(sources=sources):
            return html + listing.render(context)
