"""The seams between places and the plan, each resolved in the reader's language with a fixed
number of queries:

- a heritage site's plan project (set on the Chinese page; the English page shows the same one);
- a project's heritage sites ("Visit this place"), in the reader's language when translated;
- a district's plan projects.

They live on the plan's side because plans depends on districts, never the reverse: the visitor
pages receive the plan's part of their context through the ``place_context`` hook that
``plans/wagtail_hooks.py`` registers.
"""

from dataclasses import dataclass

from django.db.models import F
from django.utils import translation

from districts.models import HeritageSitePage
from plans.dashboard import PROJECT_CARD, attach_public_urls
from plans.models import Project
from plans.visibility import public_records
from yuzhong_site.core.fragments import missing as missing_cards
from yuzhong_site.core.i18n import default_language, default_locale


def _public_projects():
    """Live projects with what a project card shows: districts, and the pillar's path (for the
    URL; the pillar page itself is not read)."""
    return public_records(
        Project.objects.annotate(pillar_path=F("pillar__path")).prefetch_related("districts")
    )


def project_for_site(page, request=None):
    """The live plan project of ``page``'s Chinese source page, with its ``public_url``; or
    ``None``. Read from the page itself when it is the Chinese page; one small query for its
    translations; then one query (+ the districts prefetch and the plan's URL, once per
    publish) — only the key when the project's card is already written."""
    if page.locale_id == default_locale().pk:
        project_id = page.related_project_id
    else:
        project_id = (
            HeritageSitePage.objects.filter(
                translation_key=page.translation_key, locale_id=default_locale().pk
            )
            .values_list("related_project_id", flat=True)
            .first()
        )
    if project_id is None:
        return None
    if not missing_cards(request, PROJECT_CARD, [project_id], key=lambda pk: pk):
        # its card is written (core/fragments.py): whether it is still public is all we need
        return public_records(Project.objects.filter(pk=project_id)).only("pk").first()
    project = _public_projects().filter(pk=project_id).first()
    if project is not None:
        attach_public_urls([project], request)
    return project


@dataclass
class SiteLink:
    page: HeritageSitePage
    url: str
    untranslated: bool  # the page is shown in Chinese (an alias or the Chinese page itself)
    language: str  # the language of the page's words, for the link's lang attribute


def sites_for_project(project, request=None):
    """The live heritage pages that name ``project``, in the reader's language: the
    translation when there is one, else the untranslated English alias, else the Chinese
    page — the last two marked ``untranslated``. Two queries at most."""
    chinese = default_language()
    sources = list(
        HeritageSitePage.objects.live()
        .filter(related_project=project, locale__language_code=chinese)
        .order_by("path")
    )
    language = translation.get_language() or chinese
    if not sources or language == chinese:
        return [SiteLink(page, page.get_url(request), False, chinese) for page in sources]
    localized = {
        page.translation_key: page
        for page in HeritageSitePage.objects.live().filter(
            translation_key__in=[page.translation_key for page in sources],
            locale__language_code=language,
        )
    }
    links = []
    for source in sources:
        page = localized.get(source.translation_key)
        if page is not None and not page.alias_of_id:
            links.append(SiteLink(page, page.get_url(request), False, language))
        else:
            shown = page or source
            links.append(SiteLink(shown, shown.get_url(request), True, chinese))
    return links


def projects_in_district(district, request=None):
    """The live plan projects in ``district``, with their public URLs: a fixed number of
    queries whatever their number."""
    projects = list(_public_projects().filter(districts=district))
    return attach_public_urls(projects, request)

