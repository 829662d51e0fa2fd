"""Site search: Chinese-aware indexing (backend.py, segmentation.py), the public search view
(views.py) and the registry through which data models opt into public search (registry.py)."""
