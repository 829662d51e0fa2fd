"""The read-only JSON API (/api/v1/): what a developer gets, and what bad input gets."""

import json

import pytest

from tests.plans.factories import make_metric
from yuzhong_site.open_data.api import RESOURCES

pytestmark = pytest.mark.django_db


def get_json(client, path, status=200, **headers):
    response = client.get(path, **headers)
    assert response.status_code == status, (path, response.content[:300])
    assert response["Content-Type"] == "application/json"
    return json.loads(response.content)


def test_the_api_root_lists_every_endpoint_and_the_documentation(client, open_data):
    data = get_json(client, "/api/v1/")
    assert set(data["endpoints"]) == set(RESOURCES)
    assert data["documentation"].endswith("/api/v1/openapi.json")


def test_metrics_come_with_measurements_status_units_and_both_page_urls(client, open_data):
    data = get_json(client, "/api/v1/metrics/")
    assert data["count"] == 2 and data["language"] == "zh-hans"
    sales = data["results"][0]
    assert sales["slug"] == "spring-festival-sales" and sales["name"] == "春节期间商场销售额"
    assert sales["baseline_value"] == "8526.95" and sales["unit"] == "wan_yuan"
    assert [m["value"] for m in sales["measurements"]] == ["23421.18"]
    assert sales["status"] == "no_target" and sales["latest_value"] == "23421.18"
    assert sales["urls"]["zh-hans"].endswith("/plan/metrics/spring-festival-sales/")
    assert sales["urls"]["en"].endswith("/en/plan/metrics/spring-festival-sales/")
    assert client.get("/plan/metrics/spring-festival-sales/").status_code == 200


def test_lang_en_gives_english_texts_with_the_same_field_names(client, open_data):
    chinese = get_json(client, "/api/v1/projects/shibati/")
    english = get_json(client, "/api/v1/projects/shibati/?lang=en")
    assert list(chinese) == list(english)
    assert (chinese["name"], english["name"]) == ("十八梯传统风貌区提升", "Shibati upgrade")
    assert english["districts"] == [{"slug": "jiaochangkou", "name": "Jiaochangkou–Shibati"}]
    assert english["milestones_count"] == 3 and len(english["milestones"]) == 3
    assert english["progress_percent"] == 60


@pytest.mark.parametrize(
    ("resource", "slug"),
    [("plans", "plan"), ("pillars", "services"), ("metrics", "cbd-floor-area"),
     ("projects", "shibati"), ("heritage-sites", "shibati"), ("districts", "jiaochangkou")],
)
def test_every_resource_has_a_list_and_a_detail_by_slug_with_documented_fields(
    client, open_data, resource, slug
):
    listing = get_json(client, f"/api/v1/{resource}/?lang=en")
    assert slug in [item["slug"] for item in listing["results"]]
    detail = get_json(client, f"/api/v1/{resource}/{slug}/?lang=en")
    spec = get_json(client, "/api/v1/openapi.json")
    answer = spec["paths"][f"/api/v1/{resource}/{{slug}}/"]["get"]["responses"]["200"]
    reference = answer["content"]["application/json"]["schema"]["$ref"]
    documented = spec["components"]["schemas"][reference.rsplit("/", 1)[1]]
    assert set(detail) == set(documented["properties"])
    assert set(detail["urls"]) == {"zh-hans", "en"}
    for url in detail["urls"].values():
        assert url and url.startswith("http")


def test_heritage_sites_give_name_address_and_coordinates_in_the_chosen_language(client, open_data):
    site = get_json(client, "/api/v1/heritage-sites/shibati/?lang=en")
    assert site["name"] == "Shibati Traditional Area" and site["translated"] is True
    assert (site["latitude"], site["longitude"]) == ("29.5532", "106.5746")
    assert get_json(client, "/api/v1/heritage-sites/shibati/")["address"] == "较场口转盘下方"


def test_pagination_has_links_and_caps_the_page_size(client, plan_and_pillars):
    _plan, pillars = plan_and_pillars
    for number in range(3):
        make_metric(pillars["services"], slug=f"m-{number}")
    first = get_json(client, "/api/v1/metrics/?page_size=2")
    assert (first["count"], first["num_pages"], len(first["results"])) == (3, 2, 2)
    assert first["previous"] is None and "page=2" in first["next"]
    second = get_json(client, first["next"].replace("http://testserver", ""))
    assert [m["slug"] for m in second["results"]] == ["m-2"] and second["next"] is None
    assert get_json(client, "/api/v1/metrics/?page_size=100000")["page_size"] == 100


@pytest.mark.parametrize(
    ("query", "status", "parameter"),
    [("lang=fr", 400, "lang"), ("lang=", 400, "lang"), ("lang=%3Cscript%3E", 400, "lang"),
     ("page=abc", 400, "page"), ("page=-1", 400, "page"), ("page=0", 400, "page"),
     ("page=1.5", 400, "page"), ("page=%EF%BC%91", 400, "page"),
     ("page=99999999999999999999", 400, "page"), ("page=99999", 404, "page"),
     ("page_size=0", 400, "page_size"), ("page_size=x", 400, "page_size"),
     ("page_size=-5", 400, "page_size")],
)
def test_bad_parameters_get_a_bilingual_json_error_never_a_500(client, open_data, query, status, parameter):
    data = get_json(client, f"/api/v1/metrics/?{query}", status=status)
    error = data["error"]
    assert error["parameter"] == parameter
    assert set(error["message"]) == {"zh-hans", "en"}
    assert error["message"]["zh-hans"] != error["message"]["en"]
    assert "<script>" not in json.dumps(data)


def test_unknown_things_are_json_404s(client, open_data):
    for path in ("/api/v1/nothing/", "/api/v1/metrics/no-such-metric/", "/api/", "/api/v2/metrics/"):
        assert "error" in get_json(client, path, status=404)


def test_drafts_are_not_in_the_api(client, plan_and_pillars):
    _plan, pillars = plan_and_pillars
    make_metric(pillars["services"], slug="draft", live=False)
    assert get_json(client, "/api/v1/metrics/")["count"] == 0
    get_json(client, "/api/v1/metrics/draft/", status=404)


def test_cors_for_get_and_preflight_and_read_only(client, open_data):
    response = client.get("/api/v1/metrics/", HTTP_ORIGIN="https://example.org")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert "public" in response["Cache-Control"] and "max-age=" in response["Cache-Control"]
    preflight = client.options(
        "/api/v1/metrics/", HTTP_ORIGIN="https://example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200 and not preflight.content
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    post = client.post("/api/v1/metrics/", {})
    assert post.status_code == 405 and "GET" in post["Allow"]


def test_openapi_description_documents_every_endpoint(client, open_data):
    spec = get_json(client, "/api/v1/openapi.json")
    assert spec["openapi"].startswith("3.")
    for resource in RESOURCES:
        assert f"/api/v1/{resource}/" in spec["paths"]
        assert f"/api/v1/{resource}/{{slug}}/" in spec["paths"]
    assert spec["info"]["license"]["name"] == "CC BY 4.0"


# --- bounded queries ---------------------------------------------------------------------------

API_BOUND = 12


@pytest.mark.parametrize("count", [2, 40])
def test_api_queries_do_not_grow_with_content(
    client, plan_and_pillars, visit_index, district, count, django_assert_max_num_queries, settings
):
    from tests.open_data.test_downloads import _many

    settings.PAGE_CACHE_ENABLED = False
    _many(plan_and_pillars, visit_index, district, count)
    client.get("/")
    for resource in RESOURCES:
        for path in (f"/api/v1/{resource}/?page_size=100", f"/api/v1/{resource}/?lang=en"):
            with django_assert_max_num_queries(API_BOUND) as captured:
                assert client.get(path).status_code == 200
            print(f"{path}: {len(captured)} queries with {count} of each")  # noqa: T201


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/api/v1", "/api/v1/"),
        ("/api/v1/metrics", "/api/v1/metrics/"),
        ("/api/v1/metrics/spring-festival-sales?lang=en", "/api/v1/metrics/spring-festival-sales/?lang=en"),
    ],
)
def test_an_api_path_without_its_trailing_slash_redirects_like_append_slash(client, open_data, path, target):
    response = client.get(path)
    assert response.status_code == 301
    assert response["Location"] == target
    assert response["Access-Control-Allow-Origin"] == "*"  # a browser client may follow it
    assert client.get(path, follow=True).status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v2", "/api/v1/metrics/a/b", "/api/v1/metrics/spring-festival-sales/x"]
)
def test_a_path_with_no_slashed_twin_is_still_a_json_404(client, open_data, path):
    data = get_json(client, path, status=404)
    assert data["error"]["code"] == "not_found"


@pytest.fixture
def demo_site_hostname(open_data):
    """The demo's Wagtail Site says localhost:80, while `make run` serves 127.0.0.1:8000."""
    from wagtail.models import Site

    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "localhost", 80
    site.save()
    return site


def all_urls(data):
    """Every absolute http(s) URL anywhere in a JSON document, but the sources' own links
    (``source_url``: another site's page, quoted as it is)."""
    if isinstance(data, dict):
        return [url for key, value in data.items() if key != "source_url" for url in all_urls(value)]
    if isinstance(data, list):
        return [url for value in data for url in all_urls(value)]
    return [data] if isinstance(data, str) and data.startswith(("http://", "https://")) else []


@pytest.mark.parametrize(
    "path",
    ["/api/v1/", "/api/v1/metrics/", "/api/v1/projects/shibati/?lang=en", "/api/v1/heritage-sites/",
     "/api/v1/pillars/", "/api/v1/plans/plan/", "/api/v1/openapi.json", "/data/projects.json",
     "/en/data/metrics.json"],
)
def test_links_in_api_answers_work_from_the_address_the_client_used(client, demo_site_hostname, path):
    # Not the Site's localhost:80, where nothing listens; and each address gets its own links,
    # also when the answer comes from the page cache (its key holds the host).
    cache_status = []
    for host in ["127.0.0.1:8000", "localhost:8000", "127.0.0.1:8000"]:
        response = client.get(path, HTTP_HOST=host)
        assert response.status_code == 200
        cache_status.append(response["X-Cache"])
        ours = [url for url in all_urls(json.loads(response.content))
                if not url.startswith("https://creativecommons.org/")]
        assert ours, "the answer links to our pages"
        assert all(url == f"http://{host}" or url.startswith(f"http://{host}/") for url in ours), ours
    assert cache_status == ["MISS", "MISS", "HIT"]
