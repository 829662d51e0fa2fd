"""The read-only JSON API, version 1 (``/api/v1/``), on django-ninja: plans, pillars, metrics,
projects, heritage sites and districts — lists (paginated) and details (by slug).

Not language-prefixed: ``?lang=zh-hans`` (default) or ``?lang=en`` selects the language of the
texts; field names never change. Every item carries its HTML page in both languages (``urls``).
The schemas below are the answer: ninja validates every record against them and generates
``/api/v1/openapi.json`` from them, so the description cannot drift from the data. Errors are
JSON with the message in both languages (``http.ApiError``), also for a parameter that fails
validation.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import translation
from ninja import Field, NinjaAPI, Query, Schema
from ninja.errors import ValidationError
from ninja.renderers import JSONRenderer

from districts.models import Category, District
from plans.models import Metric, PillarPage, ProjectStatusReport
from plans.status import Direction, MetricStatus, ProjectStatus, Qualifier, ValueQualifier
from yuzhong_site.core.text import CONTROL_CHARACTERS, clean_data

from . import plan_records as plan_data
from . import records as place_data
from .http import (
    INVALID_LANGUAGE,
    INVALID_PAGE,
    INVALID_PAGE_SIZE,
    MAX_PAGE_SIZE,
    NOT_FOUND,
    ApiError,
    paginate,
    requested_language,
)

API_VERSION = "1"
DECIMAL_TEXT = "Exactly as stored, as decimal text (no rounding, no thousands separators)."


def choice(values, description=""):
    """A string field limited to a model's choices (documented as an enum)."""
    return Field(..., description=description, json_schema_extra={"enum": list(values)})


def decimal(description=DECIMAL_TEXT):
    return Field(None, description=description, json_schema_extra={"format": "decimal"})


class Urls(Schema):
    """The item's HTML page in each language (null when it has none)."""

    zh_hans: str | None = Field(None, alias="zh-hans")
    en: str | None = None


class Record(Schema):
    slug: str
    urls: Urls


class Published(Record):
    last_published_at: str | None = Field(None, json_schema_extra={"format": "date-time"})


class Plan(Published):
    """A five-year plan."""

    title: str
    summary: str
    start_year: int
    end_year: int
    ended: bool
    pillars: list[str] = Field(description="Pillar keys.")


class Pillar(Published):
    """One of the plan's four roles."""

    key: str = choice(PillarPage.Key.values)
    title: str
    positioning: str
    intro: str
    plan: str | None
    metric_count: int
    project_count: int


class Measurement(Schema):
    """One figure of a metric."""

    year: int
    period: str = Field(description="What the figure covers if not the whole year.")
    date: str | None = Field(None, json_schema_extra={"format": "date"})
    value: str | None = decimal()
    approximate: bool = Field(description="True when the source says “close to”.")
    qualifier: str = choice(ValueQualifier.values, "How the source words the figure "
                            "(empty: exactly); part of the figure.")
    qualifier_label: str
    source_name: str = Field(description="Empty: the metric's source.")
    source_url: str
    source_date: str | None = Field(None, json_schema_extra={"format": "date"})
    note: str


class StatusReport(Schema):
    """What a source said about a project's progress on a date."""

    date: str | None = Field(None, json_schema_extra={"format": "date"})
    precision: str = choice(ProjectStatusReport.Precision.values,
                            "How much of the date the source gives: day, month or year.")
    status: str = choice(ProjectStatus.values)
    status_label: str
    source_name: str
    source_url: str
    note: str


class Metric_(Published):
    """An indicator with its figures and computed status."""

    name: str
    pillar: str
    pillar_title: str
    plan: str | None
    goal: str | None
    kind: str = choice(Metric.Kind.values)
    figure_type: str = choice(Metric.FigureType.values, "A plan indicator (with a target from the "
                              "plan) or a reported figure (no target).")
    district_result: bool = Field(description="One of the district's published results.")
    direction: str = choice(Direction.values)
    unit: str = Field(description="Unit key, e.g. wan_yuan (10,000 yuan), square_metres.")
    unit_label: str
    baseline_value: str | None = decimal()
    baseline_year: int | None
    baseline_label: str
    target_value: str | None = decimal()
    target_year: int | None
    target_qualifier: str = choice(["", *Qualifier.values])
    status: str = choice(MetricStatus.values)
    status_label: str
    status_final: bool = Field(description="True once the plan period is over.")
    latest_value: str | None = decimal()
    latest_year: int | None
    source_name: str
    source_url: str
    notes: str
    figures_note: str = Field(description="What a reader comparing the figures should know "
                              "(only what the sources say), or empty.")
    measurements: list[Measurement]


class DistrictRef(Schema):
    slug: str
    name: str


class Milestone(Schema):
    date: str | None = Field(None, json_schema_extra={"format": "date"})
    year: int | None
    title: str
    done: bool


class Project(Published):
    """A key project of the plan."""

    name: str
    summary: str
    pillar: str
    pillar_title: str
    plan: str | None
    status: str = choice(ProjectStatus.values, "The latest status report's status.")
    status_label: str
    status_date: str | None = Field(None, json_schema_extra={"format": "date"})
    status_reports: list[StatusReport] = Field(description="The status history, oldest first.")
    progress_percent: int | None = Field(description="Null when no figure has been published.")
    start_date: str | None = Field(None, json_schema_extra={"format": "date"})
    planned_completion: str | None = Field(None, json_schema_extra={"format": "date"})
    planned_completion_year: int | None
    actual_completion: str | None = Field(None, json_schema_extra={"format": "date"})
    districts: list[DistrictRef]
    latitude: str | None = decimal()
    longitude: str | None = decimal()
    source_name: str
    milestones_count: int
    milestones_done: int
    milestones: list[Milestone]


class HeritageSite(Published):
    """A heritage site to visit."""

    name: str
    introduction: str
    category: str = choice(Category.values)
    category_label: str
    district: str | None
    district_name: str | None
    address: str
    latitude: str | None = decimal("WGS 84 decimal degrees, as stored.")
    longitude: str | None = decimal("WGS 84 decimal degrees, as stored.")
    coordinates_approximate: bool
    translated: bool = Field(description="False when the text falls back to Chinese.")


class District_(Record):
    """A named area of Yuzhong."""

    name: str
    kind: str = choice(District.Kind.values)
    kind_label: str
    description: str
    latitude: str | None = decimal()
    longitude: str | None = decimal()
    heritage_site_count: int
    project_count: int


class Envelope(Schema):
    count: int
    page: int
    page_size: int
    num_pages: int
    next: str | None
    previous: str | None
    language: str


class Message(Schema):
    zh_hans: str = Field(alias="zh-hans")
    en: str


class ErrorBody(Schema):
    code: str
    message: Message
    parameter: str | None = None


class Error(Schema):
    """A client error; the message is given in both languages."""

    error: ErrorBody


class Root(Schema):
    api_version: str
    language: str
    documentation: str
    licence: str
    endpoints: dict[str, str]


@dataclass
class Resource:
    """One kind of record: how to fetch it and turn it into records, and its schema."""

    queryset: Callable
    build: Callable
    schema: type[Schema]


RESOURCES = {
    "plans": Resource(plan_data.plans, plan_data.plan_records, Plan),
    "pillars": Resource(plan_data.pillars, plan_data.pillar_records, Pillar),
    "metrics": Resource(plan_data.metrics, plan_data.metric_records, Metric_),
    "projects": Resource(plan_data.projects, plan_data.project_records, Project),
    "heritage-sites": Resource(
        place_data.heritage_sites, place_data.heritage_site_records, HeritageSite
    ),
    "districts": Resource(place_data.districts, place_data.district_records, District_),
}
# Names in the OpenAPI document (the classes above avoid clashing with the models' names).
for _resource in RESOURCES.values():
    _resource.schema.model_config["title"] = _resource.schema.__name__.rstrip("_")


class Renderer(JSONRenderer):
    """Readable JSON: Chinese as characters, one-space indentation; control characters that
    got past saving are dropped here too (a second line of defence)."""

    json_dumps_params = {"ensure_ascii": False, "indent": 1}

    def render(self, request, data, *, response_status):
        return super().render(request, clean_data(data), response_status=response_status)


class Api(NinjaAPI):
    def get_content_type(self):
        return "application/json"


api = Api(
    title="Yuzhong Five-Year Plan open data API",
    version="1.0.0",
    description=(
        "Read-only JSON for the plan (plans, pillars, metrics with measurements and status, "
        "projects with milestones) and places (heritage sites, districts). Texts in Chinese "
        "(default) or English with ?lang=en; field names never change. Figures are exactly as "
        "stored, as decimal text, with units as separate fields. CORS: any origin may GET. "
        "Cached for up to 5 minutes. Errors carry their message in both languages."
    ),
    urls_namespace="api_v1",
    docs_url=None,
    openapi_url=None,  # served by ``openapi_json`` below, with the client's own address
    renderer=Renderer(),
    openapi_extra={
        "info": {
            "license": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
        },
    },
)

# Query parameters, shared by every list and detail.
LANG = Query(
    "zh-hans",
    description="Language of the texts: zh-hans (default) or en. Anything else: 400.",
)
PAGE = Query(1, ge=1, le=999_999_999,
             description="Not a whole number ≥ 1: 400; past the last page: 404.")
PAGE_SIZE = Query(20, ge=1, le=999_999_999,
                  description=f"Values above {MAX_PAGE_SIZE} are capped at {MAX_PAGE_SIZE}; "
                              "not a whole number ≥ 1: 400.")
ERRORS = {400: Error, 404: Error}


@api.exception_handler(ApiError)
def api_error(request, error):
    return error.response()


# What a parameter that fails ninja's validation means to the caller.
PARAMETER_ERRORS = {
    "lang": INVALID_LANGUAGE,
    "page": INVALID_PAGE,
    "page_size": INVALID_PAGE_SIZE,
}


@api.exception_handler(ValidationError)
def invalid_parameter(request, error):
    for problem in error.errors:
        parameter = str(problem.get("loc", ["", ""])[-1])
        if parameter in PARAMETER_ERRORS:
            value = request.GET.get(parameter, "")
            return _invalid(parameter, value).response()
    return ApiError(404, "not_found", NOT_FOUND).response()


def _invalid(parameter, value):
    import re

    shown = re.sub(r"[^\w-]", "", value)[:20]  # echo nothing that could be markup
    return ApiError(400, "invalid_parameter", PARAMETER_ERRORS[parameter], parameter=parameter,
                    value=shown, max=MAX_PAGE_SIZE)


@api.get("/", response=Root, url_name="api_root", summary="Every endpoint of the API",
         by_alias=True)
def api_root(request, lang: str = LANG):
    language = requested_language(request)
    return {
        "api_version": API_VERSION,
        "language": language,
        "documentation": request.build_absolute_uri(reverse("api_v1:api_openapi")),
        "licence": "CC BY 4.0",
        "endpoints": {
            name: request.build_absolute_uri(reverse(f"api_v1:list_{_id(name)}"))
            for name in RESOURCES
        },
    }


@api.get("/openapi.json", url_name="api_openapi", include_in_schema=False)
def openapi_json(request):
    """The OpenAPI 3 document generated from the schemas, its server and links on the address
    the client used."""
    document = dict(api.get_openapi_schema(path_prefix=reverse("api_v1:api_root").rstrip("/")))
    document["servers"] = [{"url": request.build_absolute_uri("/").rstrip("/")}]
    document["externalDocs"] = {
        "description": "Open data page (数据开放)",
        "url": request.build_absolute_uri(reverse("open_data")),
    }
    return document


def _id(name):
    return name.replace("-", "_")


def _add_resource(name, resource):
    schema = resource.schema
    words = name.replace("-", " ")
    title = schema.__name__.rstrip("_")
    envelope = type(f"{title}List", (Envelope,), {
        "__annotations__": {"results": list[schema]},
        "__doc__": f"One page of {words}.",
    })
    detail = type(f"{title}Detail", (schema,), {
        "__annotations__": {"language": str},
        "__doc__": schema.__doc__,
    })

    @api.get(f"/{name}/", response={200: envelope, **ERRORS}, url_name=f"list_{_id(name)}",
             operation_id=f"list_{_id(name)}", summary=f"List {words}", by_alias=True)
    def list_view(request, lang: str = LANG, page: int = PAGE, page_size: int = PAGE_SIZE):
        language = requested_language(request)
        items, pages = paginate(request, resource.queryset())
        with translation.override(language):
            results = resource.build(items, request)
        return {**pages, "language": language, "results": results}

    @api.get(f"/{name}/{{slug}}/", response={200: detail, **ERRORS},
             url_name=f"get_{_id(name)}", operation_id=f"get_{_id(name)}",
             summary=f"One of the {words}, by slug", by_alias=True)
    def detail_view(request, slug: str, lang: str = LANG) -> Any:
        language = requested_language(request)
        # No slug holds a control character (PostgreSQL would refuse a NUL in the query).
        items = [] if CONTROL_CHARACTERS.search(slug) else list(resource.queryset().filter(slug=slug)[:1])
        if not items:
            raise ApiError(404, "not_found", NOT_FOUND)
        with translation.override(language):
            return {"language": language, **resource.build(items, request)[0]}


for _name, _resource in RESOURCES.items():
    _add_resource(_name, _resource)
