from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from yuzhong_site.core.search_registry import register_public_search

from . import site_map
from .district_links import district_url
from .models import District


class DistrictViewSet(SnippetViewSet):
    model = District
    icon = "site"
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["name", "kind", "slug"]
    list_filter = ["kind"]
    search_fields = ["name_zh_hans", "name_en", "slug"]


register_snippet(DistrictViewSet)

# Districts are found by the public search in both languages and link to their district page
# (/visit/districts/<slug>/) in the reader's language.
register_public_search(District, label=_("District"), url=district_url)

# The district pages in the site map and sitemap.xml (districts/site_map.py).
site_map.register()
