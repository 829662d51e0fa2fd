"""Site search: Chinese-aware indexing (backend.py, segmentation.py), the public search view
(views.py). Data models opt into public search through ``yuzhong_site.core.search_registry``."""
