"""``manage.py site_audit``: passes on the demo content, fails on a broken site, says why."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail.models import Site

from districts.models import VisitIndexPage
from tests.helpers import add_page_in_admin, tags, text_of
from yuzhong_site.core.models import FooterSettings, StandardPage
from yuzhong_site.core.pages import ensure_child_page, ensure_translation
from yuzhong_site.open_data import audit

pytestmark = pytest.mark.django_db


def run(*args):
    out = io.StringIO()
    try:
        call_command("site_audit", *args, stdout=out)
    except CommandError as error:
        return False, out.getvalue(), str(error)
    return True, out.getvalue(), ""


def set_footer(**values):
    footer = FooterSettings.for_site(Site.objects.get(is_default_site=True))
    for name, value in values.items():
        setattr(footer, name, value)
    footer.save()


REAL_LOOKING = {"operator_zh_hans": "渝中区某单位", "operator_en": "An office",
                "site_id_code": "1234567890", "icp_number": "渝ICP备12345678号"}


@pytest.mark.crawl
def test_the_demo_content_passes_the_audit(demo_content, monkeypatch):
    from yuzhong_site.open_data.management.commands import site_audit

    reports = []
    monkeypatch.setattr(
        site_audit, "run_audit", lambda **options: reports.append(audit.run_audit(**options)) or reports[-1]
    )
    passed, output, _error = run()
    print(output)  # noqa: T201 - the report, for the CI log
    assert passed, output
    assert "PASSED: 0 failures" in output
    assert "[PASS] Internal links" in output and "[PASS] Meta tags on every page" in output
    assert "demo placeholder" in output, "the demo identifiers are flagged as placeholders"
    # --strict on the same findings (the site is not crawled twice): the warnings fail it.
    monkeypatch.setattr(site_audit, "run_audit", lambda **options: reports[0])
    strict, _output, error = run("--strict")
    assert not strict and "warnings" in error


@pytest.fixture
def broken_site(home, english_home):
    """A site with an empty section, a link to a page that does not exist, and no footer."""
    ensure_child_page(home, VisitIndexPage, "visit", title="游渝中", show_in_menus=True)
    body = [("paragraph", '<p>See <a href="/no-such-page/">this page</a>.</p>')]
    about, _ = ensure_child_page(home, StandardPage, "about", title="关于", introduction="简介", body=body)
    ensure_translation(about, "en", title="About", introduction="About us", body=body)
    return home


def test_a_broken_site_fails_and_the_report_says_where(broken_site):
    passed, output, error = run()
    assert not passed and "failures" in error
    assert "[FAIL] Footer identifiers" in output
    assert "site identification code (网站标识码) is not set" in output
    assert "[FAIL] Internal links" in output
    assert "/no-such-page/ answers 404; linked from /about/" in output
    assert "[FAIL] Sections with published pages" in output and "“游渝中” has no published pages" in output
    assert "[FAIL] Meta tags on every page" in output and "missing SiteIDCode" in output


def test_with_identifiers_set_and_links_fixed_the_same_site_passes(home, english_home):
    set_footer(**REAL_LOOKING)
    about, _ = ensure_child_page(home, StandardPage, "about", title="关于", introduction="简介")
    ensure_translation(about, "en", title="About", introduction="About us")
    passed, output, _error = run("--strict")
    assert passed, output
    assert "PASSED: 0 failures, 0 warnings" in output


def pub_date(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return [tag["content"] for tag in tags(text_of(response), "meta") if tag.get("name") == "PubDate"]


@pytest.fixture
def editor_made_alias(admin_client, home, english_home):
    """An editor writes a Chinese page as a draft (the synced tree gives it an English alias at
    once), and it is published later, as after review."""
    about = add_page_in_admin(admin_client, home, StandardPage, title="关于", slug="about", introduction="简介")
    alias = StandardPage.objects.get(alias_of=about)
    about.get_latest_revision().publish()
    admin_client.logout()
    return about, alias


def test_an_editor_made_english_alias_has_its_source_pub_date_and_passes_the_audit(client, editor_made_alias):
    about, _alias = editor_made_alias
    source_date = timezone.localtime(StandardPage.objects.get(pk=about.pk).first_published_at)
    assert pub_date(client, "/about/") == [source_date.strftime("%Y-%m-%d %H:%M")]
    assert pub_date(client, "/en/about/") == pub_date(client, "/about/")
    set_footer(**REAL_LOOKING)
    passed, output, _error = run()
    assert passed, output
    assert "[PASS] Meta tags on every page" in output


def test_an_alias_without_dates_of_its_own_takes_its_source_pub_date(client, editor_made_alias):
    # Wagtail 8.0.0 (allowed by pyproject) leaves a draft-first alias with neither date
    # (wagtail/wagtail#14190); rows made by it stay so.
    about, alias = editor_made_alias
    StandardPage.objects.filter(pk=alias.pk).update(first_published_at=None, last_published_at=None)
    assert pub_date(client, "/en/about/") == pub_date(client, "/about/") != []
    set_footer(**REAL_LOOKING)
    passed, output, _error = run()
    assert passed, output


def test_malformed_identifiers_fail(home, english_home):
    set_footer(**{**REAL_LOOKING, "site_id_code": "12-34", "icp_number": "备案中"})
    report = audit.Report()
    audit.check_footer(report, Site.objects.get(is_default_site=True))
    messages = " ".join(f.message for f in report.failures)
    assert "is not 10 digits" in messages and "渝ICP备12345678号" in messages


def test_untranslated_english_pages_are_warnings_not_failures(home, english_home):
    from yuzhong_site.core.pages import ensure_alias

    about, _ = ensure_child_page(home, StandardPage, "about", title="关于", introduction="简介")
    ensure_alias(about, "en")
    report = audit.Report()
    audit.check_translations(report)
    assert not report.failures
    assert [f.message for f in report.warnings] == ["not yet translated: “关于”"]
    assert "[WARN] English translations" in audit.format_report(report)


def test_images_without_alt_fail_and_empty_alt_warns():
    class Crawled:
        status = {"/p/": 200}
        linked_from = {}
        truncated = False
        parsed = {"/p/": audit._PageParser()}

    Crawled.parsed["/p/"].feed('<img src="/a.png"><img src="/b.png" alt="">')
    report = audit.Report()
    audit.check_crawled(report, Crawled, content_page_urls=set())
    assert [f.message for f in report.of("images", audit.FAILURE)] == ["image without alt attribute: /a.png"]
    assert len(report.of("images", audit.WARNING)) == 1


def test_stale_updates_warn_when_an_update_page_model_exists(home, monkeypatch):
    old, _ = ensure_child_page(home, StandardPage, "old-news", title="旧消息")
    StandardPage.objects.filter(pk=old.pk).update(first_published_at=timezone.now() - timedelta(days=400))
    monkeypatch.setattr(audit, "update_page_model", lambda: StandardPage)  # stands in for UpdatePage
    report = audit.Report()
    audit.check_freshness(report, days=90)
    assert [f.severity for f in report.of("freshness")] == [audit.WARNING]
    assert "days old" in report.of("freshness")[0].message


def test_freshness_is_skipped_until_updates_exist():
    report = audit.Report()
    if audit.update_page_model() is None:
        audit.check_freshness(report, days=90)
        assert "skipped" in report.notes["freshness"] and not report.findings
