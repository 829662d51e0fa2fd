"""Wagtail hooks for the site shell."""

from districts.models import District
from yuzhong_site.search.registry import register_public_search

# Districts are found by the public search (in both languages). Move this line to
# districts/wagtail_hooks.py, with a url=…, once districts have their own pages.
register_public_search(District)
