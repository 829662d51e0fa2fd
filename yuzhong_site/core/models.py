"""The site shell: home page, generic content page, and site-wide footer settings."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, Site
from wagtail.search import index

from .blocks import BodyBlock
from .i18n import (
    default_locale_page,
    is_untranslated_alias,
    source_updated_since_translation,
)
from .memo import memoized
from .navigation import ancestor_at_depth, menu_children
from .privacy import restrictions_in_any_language
from .text import pinyin_slug


class OrderedChild(Orderable):
    """An inline row kept in the editor's order, ties broken by pk: rows saved without a sort
    order (scripts, the demo loader) keep the order they were saved in on every database
    (PostgreSQL returns tied rows in table order, which after deletions is not that order)."""

    class Meta(Orderable.Meta):
        abstract = True
        ordering = ["sort_order", "pk"]


class BasePage(Page):
    """Every public page inherits from this: one place for shared behaviour and metadata."""

    # The name of the section shown in government-site metadata (ColumnName) and breadcrumbs.
    show_in_menus_default = False
    # A section whose header link stays in view on a phone when the other sections fold behind
    # "Sections" (components/main_navigation.html).
    menu_kept_in_view = False

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["is_untranslated_alias"] = is_untranslated_alias(self)
        # An English page older than its Chinese source says so (with the source's date).
        context["source_updated_at"] = source_updated_since_translation(self, request)
        context["source_page"] = default_locale_page(self) if self.alias_of_id else self
        return context

    def full_clean(self, *args, **kwargs):
        """A new page whose slug is its Chinese title as the admin fills it in (percent-encoded
        in every link) gets a short pinyin slug instead: 十八梯传统风貌区 → shi-ba-ti-chuan-tong-feng-mao-qu.
        A slug the editor typed (anything but the title's own) is kept."""
        if self.pk is None and self.title and self.slug and not self.slug.isascii():
            from django.utils.text import slugify

            if self.slug == slugify(self.title, allow_unicode=True):
                self.slug = pinyin_slug(self.title) or self.slug
        return super().full_clean(*args, **kwargs)

    def update_aliases(self, *args, **kwargs):
        """Wagtail publishes a page's aliases (our English placeholders) whenever the page is
        "published", even when publishing only schedules it: the alias would go live at once
        with the embargoed text while the Chinese page waits for its go-live time
        (wagtail/wagtail#11344). A page that is not live keeps its aliases as they are; they
        follow it when it really goes live (``publish_scheduled`` publishes it again)."""
        if not self.live:
            return
        super().update_aliases(*args, **kwargs)

    update_aliases.alters_data = True

    # Set by ``routing.serve`` on the page being served: its restrictions from the memo.
    served_view_restrictions = None

    def get_view_restrictions(self):
        """Wagtail's check — restrictions on this page or any ancestor, an alias resolved to its
        source page, and (core/privacy.py) on any translation of those — in one query instead of two: the ancestors are found by their tree paths
        in a subquery. (Wagtail points an alias of an alias at the original: one step resolves.)
        """
        if self.served_view_restrictions is not None:
            return self.served_view_restrictions
        from django.db.models import Q
        from django.db.models.functions import Coalesce
        from wagtail.models import PageViewRestriction

        steplen = self.steplen
        paths = [self.path[:end] for end in range(steplen, len(self.path) + 1, steplen)]
        sources = (
            Page.objects.filter(path__in=paths)
            .annotate(source_id=Coalesce("alias_of_id", "id"))
            .values("source_id")
        )

        # ... and on any translation of them: private in one language is private in all.
        return PageViewRestriction.objects.filter(
            Q(page_id__in=sources) | Q(pk__in=restrictions_in_any_language(paths).values("pk"))
        )

    def get_search_summary(self):
        """The sentence shown under this page in search results (and meta descriptions)."""
        return self.search_description or getattr(self, "introduction", "") or ""

    # --- Metadata (templates/components/meta.html): override on a page type when needed ---

    def is_content_page(self):
        """Content pages (not home pages) carry ArticleTitle/PubDate/ContentSource and the
        "report an error" link."""
        return self.depth > 2

    def get_meta_image(self):
        """The wagtailimages Image shown when the page is shared (og:image), or None."""
        return None

    def get_column_page(self):
        """The top-level section (栏目) this page belongs to; None for a home page."""
        if self.depth <= 2:
            return None
        return ancestor_at_depth(self, 3)

    def get_column_name(self):
        column = self.get_column_page()
        return column.title if column else _("Home")

    def get_column_type(self):
        column = self.get_column_page()
        return column.specific_class._meta.verbose_name if column else _("Home")

    def get_article_title(self):
        return self.seo_title or self.title

    def get_pub_date(self):
        """When the page was first published. An alias (an English page that still mirrors its
        Chinese source) was published when its source was: Wagtail copies the dates from the
        source's stored revision, which has none for a page saved as a draft before its first
        publication, so an alias without its own date takes its source's (one query, only then).
        """
        if self.first_published_at is None and self.alias_of_id:
            source = (
                Page.objects.filter(pk=self.alias_of_id)
                .values_list("first_published_at", "last_published_at")
                .first()
            )
            if source is not None and (source[0] or source[1]):
                return source[0] or source[1]
        return self.first_published_at or self.last_published_at

    def get_content_source(self, footer=None):
        """Who the content comes from: the site operator unless a page type knows better."""
        return getattr(footer, "operator", "") or ""


class HomePage(BasePage):
    introduction = models.TextField(
        _("introduction"),
        blank=True,
        help_text=_("One or two sentences under the title: what this site is for."),
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]
    max_count_per_parent = 1
    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The same pages as the header navigation (one shared query), not specific: the cards
        # need only their titles, descriptions and URLs.
        context["sections"] = menu_children(self, request)
        return context


class StandardPage(BasePage):
    """A generic content page: about the site, contact, accessibility statement…"""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = BasePage.content_panels + [
        FieldPanel("introduction"),
        FieldPanel("body"),
    ]
    search_fields = BasePage.search_fields + [
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")


@register_setting(icon="site")
class FooterSettings(BaseSiteSetting):
    """Identifiers a Chinese government website shows in its footer (shown only when set)."""

    operator = models.CharField(
        _("site operator"), max_length=255, blank=True, help_text=_("主办单位 / the operator")
    )
    contact = models.CharField(
        _("contact"), max_length=255, blank=True, help_text=_("Telephone or e-mail for readers")
    )
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    site_id_code = models.CharField(_("site identification code (网站标识码)"), max_length=50, blank=True)
    icp_number = models.CharField(_("ICP filing number"), max_length=100, blank=True)
    public_security_number = models.CharField(
        _("public-security filing number"), max_length=100, blank=True
    )
    public_security_code = models.CharField(
        _("public-security record code"),
        max_length=30,
        blank=True,
        help_text=_("The digits used in the link to the public-security filing record."),
    )
    note = RichTextField(_("footer note"), blank=True, features=["bold", "italic", "link"])

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("operator_zh_hans"),
                FieldPanel("operator_en"),
                FieldPanel("contact_zh_hans"),
                FieldPanel("contact_en"),
                FieldPanel("contact_email"),
            ],
            heading=_("Operator"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("site_id_code"),
                FieldPanel("icp_number"),
                FieldPanel("public_security_number"),
                FieldPanel("public_security_code"),
            ],
            heading=_("Filing identifiers"),
        ),
        FieldPanel("note_zh_hans"),
        FieldPanel("note_en"),
    ]

    class Meta:
        verbose_name = _("footer")

    @classmethod
    def for_request(cls, request):
        """Wagtail's lookup (remembered on the request), with the row itself from the
        per-publish memo: saving the settings purges like any site data (yuzhong_site/core/memo.py)."""
        attr_name = cls.get_cache_attr_name()
        if not hasattr(request, attr_name):
            site = Site.find_for_request(request)
            key = ("site-setting", cls._meta.label, getattr(site, "pk", None))
            setattr(request, attr_name, memoized(request, key, lambda: cls.for_site(site)))
        return getattr(request, attr_name)

    @property
    def public_security_url(self):
        if not self.public_security_code:
            return ""
        return (
            "https://beian.mps.gov.cn/#/query/webSearch?code=" + self.public_security_code
        )
