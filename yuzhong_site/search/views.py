"""The public search: live pages in the visitor's language and registered data, one list."""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.conf import settings
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from districts.models import HeritageSitePage, VisitIndexPage
from districts.synonyms import vocabulary_kinds
from yuzhong_site.core.i18n import active_locale
from yuzhong_site.core.memo import is_memoized, memoized
from yuzhong_site.core.search_registry import public_search_types

from .highlight import excerpt, highlight, title_rank
from .segmentation import MAX_QUERY_LENGTH, clean_query, segment_query

RESULTS_PER_PAGE = 10
# Each source (pages, each registered model) contributes at most this many hits: the page
# stays fast however much content there is, and nobody reads past result 100.
MAX_HITS_PER_SOURCE = 100


@dataclass
class Hit:
    obj: object
    title: str
    label: str
    source: int
    rank: int
    search_type: object = None
    url: str | None = None
    summary: str = ""
    title_html: str = ""
    summary_html: str = ""
    extra: dict = field(default_factory=dict)


def _public_pages():
    return (
        Page.objects.live()
        .public()
        .filter(locale=active_locale(), depth__gt=1)
        .only("id", "title", "content_type_id")
    )


def _shown(queryset, ranked):
    """The objects of ``queryset`` among ``ranked`` (keys, best match first), in that order, at
    most MAX_HITS_PER_SOURCE: read in slices of ranked keys, so a word in thousands of records
    costs a few bounded queries, and usually one."""
    found = []
    step = MAX_HITS_PER_SOURCE * 2
    for start in range(0, len(ranked), step):
        keys = ranked[start:start + step]
        by_pk = {obj.pk: obj for obj in queryset.filter(pk__in=keys)}
        found.extend(by_pk[pk] for pk in keys if pk in by_pk)
        if len(found) >= MAX_HITS_PER_SOURCE:
            break
    return found[:MAX_HITS_PER_SOURCE]


def _sources(request, query):
    """[(source number, search type or None for pages, objects best first)]: with one full-text
    query for pages and every registered type when the backend can (``ranked_ids`` in
    search/backend.py), else one search per source."""
    types = public_search_types()
    backend = get_search_backend()
    if hasattr(backend, "ranked_ids"):
        ranked = backend.ranked_ids(query, [Page, *(t.model for t in types)])
        sources = [(0, None, _shown(_public_pages(), ranked[Page]))]
        return sources + [
            (number, search_type, _shown(search_type.get_queryset(request), ranked[search_type.model]))
            for number, search_type in enumerate(types, start=1)
        ]
    sources = [(0, None, _public_pages().search(query, operator="and")[:MAX_HITS_PER_SOURCE])]
    return sources + [
        (number, search_type, backend.search(
            query, search_type.get_queryset(request), operator="and"
        )[:MAX_HITS_PER_SOURCE])
        for number, search_type in enumerate(types, start=1)
    ]


def _hits(request, query):
    hits = []
    for source, search_type, found in _sources(request, query):
        label = str(search_type.get_label()) if search_type is not None else ""
        hits.extend(
            Hit(
                obj=obj,
                title=obj.title if search_type is None else str(obj),
                label=label,
                source=source,
                rank=rank,
                search_type=search_type,
            )
            for rank, obj in enumerate(found)
        )
    return hits


def _page_entry_key(request, pk):
    return ("search-entry", pk, translation.get_language(), request.get_host())


def _page_entry(page, request):
    summary = getattr(page, "get_search_summary", None)
    return {
        "label": str(page._meta.verbose_name),
        "url": page.get_url(request),
        "summary": summary() if summary else page.search_description,
        "untranslated": bool(page.alias_of_id),
    }


def _describe_pages(request, hits):
    """Labels, URLs and summaries for the page hits shown. A page's entry is the same in every
    search, so it is worked out once per publish (core/memo.py): one query per page type for
    the pages whose entry is not remembered yet, none otherwise."""
    page_hits = [hit for hit in hits if hit.search_type is None]
    wanted = [hit.obj.pk for hit in page_hits if not is_memoized(request, _page_entry_key(request, hit.obj.pk))]
    for page in Page.objects.filter(pk__in=wanted).specific() if wanted else ():
        memoized(request, _page_entry_key(request, page.pk), lambda page=page: _page_entry(page, request))
    for hit in page_hits:
        entry = memoized(
            request, _page_entry_key(request, hit.obj.pk), lambda hit=hit: _page_entry(hit.obj, request)
        )
        hit.label, hit.url, hit.summary = entry["label"], entry["url"], entry["summary"]
        hit.extra["untranslated"] = entry["untranslated"]


def _describe_snippets(request, hits):
    """URLs and summaries for the data hits shown, with what each type's links need read for
    the shown ones only (its ``prefetch``: one query per type and lookup)."""
    by_type = {}
    for hit in hits:
        if hit.search_type is not None:
            by_type.setdefault(hit.search_type, []).append(hit.obj)
    for search_type, objs in by_type.items():
        if search_type.prefetch:
            prefetch_related_objects(objs, *search_type.prefetch)
    for hit in hits:
        if hit.search_type is not None:
            hit.url = hit.search_type.get_url(hit.obj, request)
            hit.summary = hit.search_type.get_summary(hit.obj)


def _place_content_type():
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(HeritageSitePage).pk  # cached after the first


def find(request, query):
    """Every hit for ``query``, best first: titles containing the query (the closest first);
    for a visiting word ("门票", "metro"…) the places, whose pages answer it, before the pages
    that only mention it; then the backend's relevance order, pages before data."""
    hits = _hits(request, query)
    wanted = query.lower()
    place_type = _place_content_type() if vocabulary_kinds(query) else None

    def key(hit):
        rank = title_rank(hit.title, query)
        # among titles containing the whole query: the one that is the query, then those that
        # start with it, the shortest first ("Daijiaxiang Cliffside Walkway" before the update
        # "Daijiaxiang Cliffside Walkway opens", "Shibati Traditional Area" before the district
        # "Jiaochangkou–Shibati")
        title = hit.title.lower()
        closeness = (
            (title != wanted, not title.startswith(wanted), len(title)) if rank == 0
            else (True, True, 0)
        )
        # a place page is indexed with a visiting word only when it has a fact of that kind
        answers = place_type is not None and getattr(hit.obj, "content_type_id", None) == place_type
        return (rank, *closeness, not answers, hit.source, hit.rank)

    hits.sort(key=key)
    return hits


def _page_number(value):
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 1 else None


def _other_language_searches(query):
    """[(language name, URL of the same search in that language)] for the other languages."""
    current = translation.get_language()
    links = []
    for code, name in settings.LANGUAGES:
        if code == current:
            continue
        with translation.override(code):
            url = reverse("search")
        links.append({"code": code, "bcp47": "zh-Hans" if code.startswith("zh") else code,
                      "name": name, "url": f"{url}?{urlencode({'q': query})}"})
    return links


def _help_links(request, query):
    """Where to go when nothing matched: the visitors' index, the site map and the search in
    the other language."""
    locale = active_locale()
    visit = VisitIndexPage.objects.live().filter(locale=locale).first()
    return {
        "visit_url": visit.get_url(request) if visit else "",
        "site_map_url": reverse("site_map"),
        "other_searches": _other_language_searches(query),
    }


def search(request):
    raw_query = request.GET.get("q", "")
    query, truncated = clean_query(raw_query)
    status = 200
    notices = []
    page_obj = None
    paginator = None

    if truncated:
        notices.append(
            _("Your search was shortened to its first %(count)s characters.")
            % {"count": MAX_QUERY_LENGTH}
        )

    page_number = _page_number(request.GET.get("page", "1"))
    if page_number is None:
        status = 400
        page_number = 1
        notices.append(
            _("The page number must be a whole number from 1 upwards; here is the first page.")
        )

    searched = bool(query) and bool(segment_query(query))
    if "q" in request.GET and not query:
        notices.append(_("Please type a word or a name to search for."))
    elif query and not searched:
        notices.append(
            _("Your search has no letters, characters or numbers in it. Please try words instead.")
        )

    if searched:
        paginator = Paginator(find(request, query), RESULTS_PER_PAGE)
        if page_number > paginator.num_pages:
            if paginator.count:
                notices.append(
                    _("That page number is past the end of the results; here is the last page.")
                )
            page_number = paginator.num_pages
        page_obj = paginator.page(page_number)
        shown = list(page_obj.object_list)
        _describe_pages(request, shown)
        _describe_snippets(request, shown)
        for hit in shown:
            hit.title_html = highlight(hit.title, query)
            hit.summary_html = highlight(excerpt(hit.summary, query), query)

    help_links = {}
    if searched and not page_obj.object_list:
        help_links = _help_links(request, query)

    return render(
        request,
        "search/search_results.html",
        {
            **help_links,
            # the language switcher keeps the query
            "alternate_query": urlencode({"q": query}) if query else "",
            "search_query": query,
            "searched": searched,
            "notices": notices,
            "paginator": paginator,
            "page_obj": page_obj,
            "results": page_obj.object_list if page_obj else [],
            "column_name": _("Search"),
            "meta_description": _("Search the pages, projects, figures and places of this site."),
        },
        status=status,
    )
