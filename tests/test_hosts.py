"""The Host is ours, not the request's: in production a Host header that is not exactly
a configured site host — another port, a trailing dot, an IPv6 literal, 2,000 characters, another
name — gets a polite 400 and never reaches a page or the cache; links name the configured host;
the page cache keeps one entry whatever the spelling of an accepted host."""

import json

import pytest

from tests.test_security import production_env, run_python

pytestmark = pytest.mark.django_db

HOSTILE = [
    "plan.example.org:10001", "plan.example.org.", "plan.example.org.:443", "[::1]", "[::1]:80",
    "evil.example.com", "plan.example.org@evil.example.com", "x" * 2000, "PLAN.example.org:1",
]


def test_production_answers_400_to_a_host_that_is_not_ours(tmp_path):
    code = f"""
import json, django
django.setup()
from django.test import Client
hostile = {HOSTILE!r}
found = {{}}
for host in hostile:
    for path in ("/", "/robots.txt", "/en/", "/sitemap.xml"):
        response = Client().get(path, secure=True, HTTP_HOST=host)
        found[host[:40] + " " + path] = [response.status_code, response.content.decode()[:200]]
good = Client().get("/robots.txt", secure=True, HTTP_HOST="plan.example.org")
health = Client().get("/healthz", secure=True, HTTP_HOST="10.0.0.7:8000")
print(json.dumps({{"hostile": found, "good": [good.status_code, good.content.decode()],
                   "health": [health.status_code, health["Content-Type"]]}}))
"""
    result = run_python(code, production_env(tmp_path))
    assert result.returncode == 0, result.stderr[-3000:]
    found = json.loads(result.stdout.strip().splitlines()[-1])
    for name, (status, body) in found["hostile"].items():
        assert status == 400, name
        assert "Bad request" in body and "主机名" in body, name
    status, body = found["good"]
    assert status == 200
    assert "Sitemap: https://plan.example.org/sitemap.xml" in body  # the configured host
    assert found["health"][1] == "application/json"  # load balancers ask by address


def test_a_port_is_accepted_only_when_configured(tmp_path):
    code = """
import json, django
django.setup()
from django.test import Client
print(json.dumps([Client().get("/robots.txt", secure=True, HTTP_HOST=host).status_code
                  for host in ("plan.example.org:8443", "plan.example.org", "plan.example.org:8444")]))
"""
    env = production_env(tmp_path, DJANGO_SITE_HOSTS="plan.example.org:8443")
    result = run_python(code, env)
    assert result.returncode == 0, result.stderr[-3000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [200, 400, 400]


@pytest.mark.parametrize("spelling", ["TESTSERVER", "testserver.", "testserver:80", "TestServer.:80"])
def test_the_page_cache_keeps_one_entry_whatever_the_spelling_of_the_host(client, home, spelling):
    assert client.get("/", HTTP_HOST="testserver")["X-Cache"] == "MISS"
    response = client.get("/", HTTP_HOST=spelling)
    assert response.status_code == 200
    assert response["X-Cache"] == "HIT"
