"""Idempotent set-up of what every installation needs: locales, the home page, the site."""

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page, Site

from .models import HomePage
from .pages import ensure_locales, ensure_translation, locale_for

HOME_TITLE = {"zh-hans": "渝中“十四五”", "en": "Yuzhong Five-Year Plan"}


def ensure_site(hostname="localhost", port=80):
    ensure_locales()
    zh = locale_for("zh-hans")
    root = Page.get_first_root_node()
    if root is None:  # a flushed database (transactional tests) has lost Wagtail's root page
        root = Page.add_root(instance=Page(title="Root", slug="root", locale=zh))
    home = HomePage.objects.filter(depth=2, locale=zh).first()
    if home is None:
        # Wagtail's initial migration leaves a "Welcome" page with the slug "home"; remove it
        # so that our home page can take that slug.
        Page.objects.filter(
            depth=2, content_type=ContentType.objects.get_for_model(Page)
        ).delete()
        root.refresh_from_db()
        home = HomePage(title=HOME_TITLE["zh-hans"], slug="home", locale=zh)
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname=hostname, port=port, is_default_site=True)
    site.root_page = home
    site.site_name = HOME_TITLE["zh-hans"]
    site.save()
    english_home, _created = ensure_translation(home, "en", title=HOME_TITLE["en"])
    return home, english_home
