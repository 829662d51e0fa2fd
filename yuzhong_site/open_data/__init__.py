"""Open data: CSV/JSON downloads (the Data page) and the read-only JSON API (``/api/v1/``).

* ``records`` and ``plan_records`` — the one place that turns pages and data into plain
  records (dicts with stable snake_case keys), used by the downloads and the API alike, so they
  cannot disagree;
* ``http`` — language choice, bilingual errors, pagination, CORS and cache headers;
* ``api`` — the API on django-ninja: its schemas, routes and the OpenAPI document generated
  from them; ``views`` — the JSON 404 / slash redirect outside its endpoints;
* ``downloads`` — the Data page (数据开放) and its CSV/JSON files.
"""
