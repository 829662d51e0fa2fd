"""URLs built from the request never point off-site: ``//evil.example/`` is a path here, not a
host, in the canonical link, the hreflang links, the language switcher and og:url."""

import re

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("path", ["//evil.example/", "///evil.example/x/", "/en//evil.example/"])
def test_a_404_for_a_double_slash_path_links_only_to_this_site(client, home, english_home, settings, path):
    settings.DEBUG = False
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    html = response.content.decode()
    links = re.findall(r'(?:href|content)="([^"]*)"', html)
    assert links, html[:500]
    for link in links:
        assert not link.startswith("//"), link
        if link.startswith(("http://", "https://")):
            assert "evil.example" not in link.split("/")[2], link
