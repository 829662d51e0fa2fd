"""The read-only JSON API, version 1 (``/api/v1/``): plans, pillars, metrics, projects,
heritage sites and districts — lists (paginated) and details (by slug).

Not language-prefixed: ``?lang=zh-hans`` (default) or ``?lang=en`` selects the language of the
texts; field names never change. Every item carries its HTML page in both languages (``urls``).
Documented by ``/api/v1/openapi.json`` and the Data page.
"""

from django.conf import settings
from django.http import HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from . import plan_records as plan_data
from . import records as place_data
from .http import NOT_FOUND, ApiError, json_response, open_data_view, paginate, requested_language

API_VERSION = "1"


class Resource:
    """One kind of record: how to fetch it, find one by slug, and turn it into records."""

    def __init__(self, name, queryset, build, lookup="slug"):
        self.name, self.queryset, self.build, self.lookup = name, queryset, build, lookup


RESOURCES = {
    "plans": Resource("plans", plan_data.plans, plan_data.plan_records),
    "pillars": Resource("pillars", plan_data.pillars, plan_data.pillar_records),
    "metrics": Resource("metrics", plan_data.metrics, plan_data.metric_records),
    "projects": Resource("projects", plan_data.projects, plan_data.project_records),
    "heritage-sites": Resource(
        "heritage-sites", place_data.heritage_sites, place_data.heritage_site_records
    ),
    "districts": Resource("districts", place_data.districts, place_data.district_records),
}


@open_data_view
def api_root(request):
    language = requested_language(request)
    return json_response(
        {
            "api_version": API_VERSION,
            "language": language,
            "documentation": request.build_absolute_uri(reverse("api_openapi")),
            "licence": "CC BY 4.0",
            "endpoints": {
                name: request.build_absolute_uri(reverse("api_list", args=[name]))
                for name in RESOURCES
            },
        }
    )


def _resource(name):
    resource = RESOURCES.get(name)
    if resource is None:
        raise ApiError(404, "not_found", NOT_FOUND)
    return resource


@open_data_view
def api_list(request, resource):
    resource = _resource(resource)
    language = requested_language(request)
    items, envelope = paginate(request, resource.queryset())
    with translation.override(language):
        results = resource.build(items, request)
    return json_response({**envelope, "language": language, "results": results})


@open_data_view
def api_detail(request, resource, slug):
    resource = _resource(resource)
    language = requested_language(request)
    items = list(resource.queryset().filter(**{resource.lookup: slug})[:1])
    if not items:
        raise ApiError(404, "not_found", NOT_FOUND)
    with translation.override(language):
        record = resource.build(items, request)[0]
    return json_response({"language": language, **record})


@open_data_view
def api_not_found(request, rest=""):
    if settings.APPEND_SLASH and not request.path_info.endswith("/"):
        # What CommonMiddleware would do if this catch-all did not match: /api/v1 → /api/v1/.
        try:
            match = resolve(request.path_info + "/", getattr(request, "urlconf", None))
        except Resolver404:
            match = None
        if match is not None and match.url_name != "api_not_found":
            return HttpResponsePermanentRedirect(request.get_full_path(force_append_slash=True))
    raise ApiError(404, "not_found", NOT_FOUND)


@open_data_view
def openapi_json(request):
    from .openapi import openapi_document

    return json_response(openapi_document(request))
