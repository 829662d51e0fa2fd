"""schema.org JSON-LD for heritage sites (TouristAttraction) and routes (TouristTrip).

Built as plain data here; the template renders it with ``json_ld`` (escaped like
Django's ``json_script``), inside ``<script type="application/ld+json">``: data, not code.
"""

from django.conf import settings

# The largest JPEG the picture component renders: reusing its spec means no extra rendition.
STRUCTURED_DATA_IMAGE_SPEC = "format-jpeg|width-1200"
BCP47 = {"zh-hans": "zh-Hans", "en": "en"}


def _available_languages():
    return [
        {"@type": "Language", "name": name, "alternateName": BCP47.get(code, code)}
        for code, name in settings.LANGUAGES
    ]


def _geo(latitude, longitude):
    return {"@type": "GeoCoordinates", "latitude": float(latitude), "longitude": float(longitude)}


ALL_DAYS = [f"https://schema.org/{day}" for day in (
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")]


def _sourced(facts, kind):
    return [f for f in facts if f.kind == kind and f.tier != "unsourced" and f.source_name]


def heritage_site_data(page, request, gallery, facts=()):
    """Only sourced visiting facts reach the structured data, and only when sources agree."""
    data = {
        "@context": "https://schema.org",
        "@type": ["TouristAttraction", "LandmarksOrHistoricalBuildings"],
        "name": page.title,
        "description": page.search_description or page.introduction,
        "url": request.build_absolute_uri(page.get_url(request)),
        "availableLanguage": _available_languages(),
    }
    if page.chinese_name or page.english_name:
        data["alternateName"] = [
            n for n in (page.chinese_name, page.pinyin_name, page.english_name)
            if n and n != page.title
        ]
    addresses = _sourced(facts, "address")
    if len(addresses) == 1:
        fact = addresses[0]
        data["address"] = [
            {"@type": "PostalAddress", "streetAddress": fact.value_zh,
             "addressLocality": "重庆市渝中区", "addressCountry": "CN",
             "availableLanguage": "zh-Hans"},
        ]
        if fact.value_en:
            data["address"].append(
                {"@type": "PostalAddress", "streetAddress": fact.value_en,
                 "addressLocality": "Yuzhong District, Chongqing", "addressCountry": "CN",
                 "availableLanguage": "en"}
            )
    if page.has_coordinates:
        data["geo"] = _geo(page.latitude, page.longitude)
    hours = [f for f in _sourced(facts, "hours") if f.opens and f.closes]
    if len(hours) == 1:
        data["openingHoursSpecification"] = [
            {"@type": "OpeningHoursSpecification", "dayOfWeek": ALL_DAYS,
             "opens": hours[0].opens.strftime("%H:%M"), "closes": hours[0].closes.strftime("%H:%M")}
        ]
    prices = [f for f in _sourced(facts, "admission") if f.price_yuan is not None]
    if prices and len({f.price_yuan == 0 for f in prices}) == 1:
        data["isAccessibleForFree"] = prices[0].price_yuan == 0
        # a source saying what it costs to go in says the public may go in
        data["publicAccess"] = True
    images = []
    for item in gallery:
        # get_renditions, not get_rendition: a rendition found among the prefetched ones is
        # used as it is (get_rendition would also write it to the cache on every request)
        rendition = item.image.get_renditions(STRUCTURED_DATA_IMAGE_SPEC)[STRUCTURED_DATA_IMAGE_SPEC]
        images.append(request.build_absolute_uri(rendition.url))
    if images:
        data["image"] = images
    return data


def route_data(page, request, stops):
    items = []
    for stop in stops:
        item = {"@type": "TouristAttraction", "name": stop["name"]}
        if stop["url"]:
            item["url"] = request.build_absolute_uri(stop["url"])
        if stop["map_links"]:
            item["geo"] = _geo(stop["latitude"], stop["longitude"])
        items.append({"@type": "ListItem", "position": stop["number"], "item": item})
    return {
        "@context": "https://schema.org",
        "@type": "TouristTrip",
        "name": page.title,
        "description": page.search_description or page.introduction,
        "url": request.build_absolute_uri(page.get_url(request)),
        "touristType": "Walking",
        "itinerary": {
            "@type": "ItemList",
            "numberOfItems": len(items),
            "itemListElement": items,
        },
    }
