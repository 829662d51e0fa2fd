"""Page metadata for search engines, social sites and government-site norms, in one tag."""

from datetime import datetime

from django import template
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Page

from yuzhong_site.core.i18n import absolute_local_url
from yuzhong_site.core.models import FooterSettings
from yuzhong_site.core.page_extras import render_page_extras

from .yuzhong_tags import canonical_url, language_alternates

register = template.Library()

OG_LOCALES = {"zh-hans": "zh_CN", "en": "en_GB"}


def _footer(request):
    """The site's FooterSettings (cached on the request by Wagtail), or None."""
    return FooterSettings.for_request(request) if request is not None else None


def _meta_image_url(page, request):
    image = page.get_meta_image() if hasattr(page, "get_meta_image") else None
    if image is None:
        return None
    rendition = image.get_rendition("fill-1200x630")
    return {
        "url": request.build_absolute_uri(rendition.url),
        "width": rendition.width,
        "height": rendition.height,
        "alt": rendition.alt,
    }


@register.simple_tag(takes_context=True)
def meta_description(context):
    """The page's description: a view's ``meta_description``, the page's search description
    or summary, or a sentence about the site."""
    if context.get("meta_description"):
        return context["meta_description"]
    page = context.get("page")
    if isinstance(page, Page):
        summary = page.get_search_summary() if hasattr(page, "get_search_summary") else ""
        if page.search_description or summary:
            return page.search_description or summary
    return _(
        "Yuzhong District's 14th Five-Year Plan: goals, figures, projects and places, "
        "in Chinese and English."
    )


@register.inclusion_tag("components/meta_tags.html", takes_context=True)
def page_meta(context):
    """Open Graph and government-site (SiteName, ColumnName, ArticleTitle…) meta tags."""
    description = meta_description(context)
    request = context.get("request")
    page = context.get("page")
    footer = _footer(request)
    current = translation.get_language()
    site_name = _("Yuzhong Five-Year Plan")
    is_page = isinstance(page, Page)

    title = ""
    if is_page:
        title = page.seo_title or page.title
    title = title or context.get("column_name") or site_name

    alternates = language_alternates(context) if request else []
    og_alternate_locales = [
        OG_LOCALES.get(alt["code"], alt["code"])
        for alt in alternates
        if alt["code"] != current and alt["absolute_url"] and not alt["is_alias"]
    ]

    government = [
        ("SiteName", site_name),
        ("SiteDomain", request.get_host() if request else ""),
        ("SiteIDCode", getattr(footer, "site_id_code", "")),
    ]
    article = is_page and hasattr(page, "is_content_page") and page.is_content_page()
    if is_page and hasattr(page, "get_column_name"):
        government += [
            ("ColumnName", page.get_column_name()),
            ("ColumnType", page.get_column_type()),
        ]
    else:
        column = context.get("column_name") or title
        government += [("ColumnName", column), ("ColumnType", column)]
    if article:
        pub_date = page.get_pub_date()
        if isinstance(pub_date, datetime) and timezone.is_aware(pub_date):
            pub_date = timezone.localtime(pub_date)  # Beijing time, as the page's own dates
        government += [
            ("ArticleTitle", page.get_article_title()),
            ("PubDate", pub_date.strftime("%Y-%m-%d %H:%M") if pub_date else ""),
            ("ContentSource", page.get_content_source(footer)),
        ]

    return {
        "og": {
            "title": title,
            "description": description.strip(),
            "url": canonical_url(context) if request else "",
            "type": "article" if article else "website",
            "locale": OG_LOCALES.get(current, current),
            "alternate_locales": og_alternate_locales,
            "site_name": site_name,
            "image": _meta_image_url(page, request) if is_page and request else None,
        },
        "government": [(name, str(value)) for name, value in government if value],
    }


@register.simple_tag(takes_context=True)
def page_extras(context):
    """What higher layers add to the end of a page (core/page_extras.py)."""
    return render_page_extras(context)


# The on-site 纠错 form, when an app provides one (the feedback app): reached by URL name, so
# this layer does not import it. Without it, a mailto link to the site's contact address.
REPORT_ERROR_URL_NAME = "report_error"


@register.simple_tag(takes_context=True)
def report_error_link(context):
    """纠错 on every public page: a link to the on-site form with this page's address
    (``?url=``; the form works out the title and section itself), or, without that form, a
    mailto link to the site's contact e-mail with the page's title and URL. Not on the form's
    own pages (``no_report_link`` in the context)."""
    from urllib.parse import quote, urlencode

    from django.urls import NoReverseMatch, reverse

    request = context.get("request")
    if request is None or context.get("no_report_link"):
        return None
    try:
        form_url = reverse(REPORT_ERROR_URL_NAME)
    except NoReverseMatch:
        form_url = None
    if form_url:
        return {"href": f"{form_url}?{urlencode({'url': request.path})}", "email": ""}
    page = context.get("page")
    footer = _footer(request)
    email = getattr(footer, "contact_email", "")
    if not (isinstance(page, Page) and email):
        return None
    if not (hasattr(page, "is_content_page") and page.is_content_page()):
        return None
    url = canonical_url(context) or absolute_local_url(request, request.get_full_path())
    subject = _("Error report: %(title)s") % {"title": page.title}
    body = _("Page: %(url)s\n\nWhat is wrong, and what should it say?\n") % {"url": url}
    return {
        "href": f"mailto:{email}?subject={quote(subject)}&body={quote(body)}",
        "email": email,
    }
