"""The API's OpenAPI 3.1 description, served at ``/api/v1/openapi.json``.

Written by hand from the same field lists the records use; a test checks that every field a
record has is described here, so the description cannot drift from the data.
"""

from django.urls import reverse

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
DECIMAL = {
    "type": ["string", "null"],
    "format": "decimal",
    "description": "Exactly as stored, as decimal text (no rounding, no thousands separators).",
    "examples": ["23421.18"],
}
INTEGER = {"type": ["integer", "null"]}
BOOLEAN = {"type": "boolean"}
DATE = {"type": ["string", "null"], "format": "date"}
DATETIME = {"type": ["string", "null"], "format": "date-time"}
URLS = {
    "type": "object",
    "description": "The item's HTML page in each language (null when it has none).",
    "properties": {"zh-hans": {"type": ["string", "null"]}, "en": {"type": ["string", "null"]}},
}


def _object(properties, description=""):
    return {
        "type": "object",
        "description": description,
        "properties": properties,
        "required": list(properties),
    }


MEASUREMENT = _object(
    {
        "year": {"type": "integer"},
        "period": {**STRING, "description": "What the figure covers if not the whole year."},
        "date": DATE,
        "value": DECIMAL,
        "approximate": {**BOOLEAN, "description": "True when the source says “close to”."},
        "source_name": {**STRING, "description": "Empty: the metric's source."},
        "source_url": STRING,
        "note": STRING,
    }
)

SCHEMAS = {
    "Plan": _object(
        {
            "slug": STRING,
            "title": STRING,
            "summary": STRING,
            "start_year": {"type": "integer"},
            "end_year": {"type": "integer"},
            "ended": BOOLEAN,
            "pillars": {"type": "array", "items": STRING, "description": "Pillar keys."},
            "last_published_at": DATETIME,
            "urls": URLS,
        },
        "A five-year plan.",
    ),
    "Pillar": _object(
        {
            "slug": STRING,
            "key": {**STRING, "enum": ["services", "heritage", "international", "livability"]},
            "title": STRING,
            "positioning": STRING,
            "intro": STRING,
            "plan": NULLABLE_STRING,
            "metric_count": {"type": "integer"},
            "project_count": {"type": "integer"},
            "last_published_at": DATETIME,
            "urls": URLS,
        },
        "One of the plan's four roles.",
    ),
    "Measurement": MEASUREMENT,
    "Metric": _object(
        {
            "slug": STRING,
            "name": STRING,
            "pillar": STRING,
            "pillar_title": STRING,
            "plan": NULLABLE_STRING,
            "goal": NULLABLE_STRING,
            "kind": {**STRING, "enum": ["binding", "anticipatory", "other"]},
            "direction": {**STRING, "enum": ["higher", "lower"]},
            "unit": {**STRING, "description": "Unit key, e.g. wan_yuan (10,000 yuan), square_metres."},
            "unit_label": STRING,
            "baseline_value": DECIMAL,
            "baseline_year": INTEGER,
            "baseline_label": STRING,
            "target_value": DECIMAL,
            "target_year": INTEGER,
            "target_qualifier": {**STRING, "enum": ["", "at_least", "more_than"]},
            "status": {**STRING, "enum": ["met", "on_track", "behind", "no_data", "no_target"]},
            "status_label": STRING,
            "status_final": {**BOOLEAN, "description": "True once the plan period is over."},
            "latest_value": DECIMAL,
            "latest_year": INTEGER,
            "source_name": STRING,
            "source_url": STRING,
            "notes": STRING,
            "last_published_at": DATETIME,
            "urls": URLS,
            "measurements": {"type": "array", "items": {"$ref": "#/components/schemas/Measurement"}},
        },
        "An indicator with its figures and computed status.",
    ),
    "Project": _object(
        {
            "slug": STRING,
            "name": STRING,
            "summary": STRING,
            "pillar": STRING,
            "pillar_title": STRING,
            "plan": NULLABLE_STRING,
            "status": {**STRING, "enum": ["planned", "under_way", "completed", "opened"]},
            "status_label": STRING,
            "progress_percent": {**INTEGER, "description": "Null when no figure has been published."},
            "start_date": DATE,
            "planned_completion": DATE,
            "planned_completion_year": INTEGER,
            "actual_completion": DATE,
            "districts": {
                "type": "array",
                "items": _object({"slug": STRING, "name": STRING}),
            },
            "latitude": DECIMAL,
            "longitude": DECIMAL,
            "source_name": STRING,
            "milestones_count": {"type": "integer"},
            "milestones_done": {"type": "integer"},
            "milestones": {
                "type": "array",
                "items": _object({"date": DATE, "year": INTEGER, "title": STRING, "done": BOOLEAN}),
            },
            "last_published_at": DATETIME,
            "urls": URLS,
        },
        "A key project of the plan.",
    ),
    "HeritageSite": _object(
        {
            "slug": STRING,
            "name": STRING,
            "introduction": STRING,
            "category": STRING,
            "category_label": STRING,
            "district": NULLABLE_STRING,
            "district_name": NULLABLE_STRING,
            "address": STRING,
            "latitude": {**DECIMAL, "description": "WGS 84 decimal degrees, as stored."},
            "longitude": {**DECIMAL, "description": "WGS 84 decimal degrees, as stored."},
            "coordinates_approximate": BOOLEAN,
            "translated": {**BOOLEAN, "description": "False when the text falls back to Chinese."},
            "last_published_at": DATETIME,
            "urls": URLS,
        },
        "A heritage site to visit.",
    ),
    "District": _object(
        {
            "slug": STRING,
            "name": STRING,
            "kind": {**STRING, "enum": ["sub_district", "business_district", "historic_quarter"]},
            "kind_label": STRING,
            "description": STRING,
            "latitude": DECIMAL,
            "longitude": DECIMAL,
            "heritage_site_count": {"type": "integer"},
            "project_count": {"type": "integer"},
            "urls": URLS,
        },
        "A named area of Yuzhong.",
    ),
    "Error": _object(
        {
            "error": _object(
                {
                    "code": STRING,
                    "message": _object({"zh-hans": STRING, "en": STRING}),
                }
            )
        },
        "A client error; the message is given in both languages.",
    ),
}

RESOURCE_SCHEMAS = {
    "plans": "Plan",
    "pillars": "Pillar",
    "metrics": "Metric",
    "projects": "Project",
    "heritage-sites": "HeritageSite",
    "districts": "District",
}

LANG = {
    "name": "lang",
    "in": "query",
    "description": "Language of the texts: zh-hans (default) or en. Anything else: 400.",
    "schema": {"type": "string", "enum": ["zh-hans", "en"], "default": "zh-hans"},
}
PAGE = {
    "name": "page",
    "in": "query",
    "schema": {"type": "integer", "minimum": 1, "default": 1},
    "description": "Not a whole number ≥ 1: 400; past the last page: 404.",
}
PAGE_SIZE = {
    "name": "page_size",
    "in": "query",
    "schema": {"type": "integer", "minimum": 1, "maximum": 100, "default": 20},
    "description": "Values above 100 are capped at 100; not a whole number ≥ 1: 400.",
}
ERROR = {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}


def _list_schema(schema):
    return {
        "type": "object",
        "properties": {
            "count": {"type": "integer"},
            "page": {"type": "integer"},
            "page_size": {"type": "integer"},
            "num_pages": {"type": "integer"},
            "next": {"type": ["string", "null"]},
            "previous": {"type": ["string", "null"]},
            "language": STRING,
            "results": {"type": "array", "items": {"$ref": f"#/components/schemas/{schema}"}},
        },
    }


def openapi_document(request):
    paths = {}
    for resource, schema in RESOURCE_SCHEMAS.items():
        paths[f"/api/v1/{resource}/"] = {
            "get": {
                "summary": f"List {resource.replace('-', ' ')}",
                "operationId": f"list_{resource.replace('-', '_')}",
                "parameters": [LANG, PAGE, PAGE_SIZE],
                "responses": {
                    "200": {
                        "description": "One page of results.",
                        "content": {"application/json": {"schema": _list_schema(schema)}},
                    },
                    "400": {"description": "A bad parameter.", **ERROR},
                    "404": {"description": "No such page.", **ERROR},
                },
            }
        }
        paths[f"/api/v1/{resource}/{{slug}}/"] = {
            "get": {
                "summary": f"One of the {resource.replace('-', ' ')}, by slug",
                "operationId": f"get_{resource.replace('-', '_')}",
                "parameters": [
                    {"name": "slug", "in": "path", "required": True, "schema": STRING},
                    LANG,
                ],
                "responses": {
                    "200": {
                        "description": "The item.",
                        "content": {
                            "application/json": {
                                "schema": {"$ref": f"#/components/schemas/{schema}"}
                            }
                        },
                    },
                    "400": {"description": "A bad parameter.", **ERROR},
                    "404": {"description": "No such item.", **ERROR},
                },
            }
        }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Yuzhong Five-Year Plan open data API",
            "version": "1.0.0",
            "description": (
                "Read-only JSON for the plan (plans, pillars, metrics with measurements and "
                "status, projects with milestones) and places (heritage sites, districts). "
                "Texts in Chinese (default) or English with ?lang=en; field names never change. "
                "Figures are exactly as stored, as decimal text, with units as separate fields. "
                "CORS: any origin may GET. Cached for up to 5 minutes."
            ),
            "license": {
                "name": "CC BY 4.0",
                "url": "https://creativecommons.org/licenses/by/4.0/",
            },
        },
        "servers": [{"url": request.build_absolute_uri("/").rstrip("/")}],
        "externalDocs": {
            "description": "Open data page (数据开放)",
            "url": request.build_absolute_uri(reverse("open_data")),
        },
        "paths": paths,
        "components": {"schemas": SCHEMAS},
    }
