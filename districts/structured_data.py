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


def _opening_hours(page):
    specs = []
    for block in page.opening_hours:
        value = block.value
        days = [f"https://schema.org/{day}" for day in value["days"]]
        if value.get("closed"):
            # schema.org's convention for "closed all day": opens and closes at midnight.
            specs.append(
                {"@type": "OpeningHoursSpecification", "dayOfWeek": days,
                 "opens": "00:00", "closes": "00:00"}
            )
        else:
            specs.append(
                {"@type": "OpeningHoursSpecification", "dayOfWeek": days,
                 "opens": value["opens"].strftime("%H:%M"),
                 "closes": value["closes"].strftime("%H:%M")}
            )
    return specs


def heritage_site_data(page, request, gallery):
    data = {
        "@context": "https://schema.org",
        "@type": ["TouristAttraction", "LandmarksOrHistoricalBuildings"],
        "name": page.title,
        "description": page.search_description or page.introduction,
        "url": request.build_absolute_uri(page.get_url(request)),
        "availableLanguage": _available_languages(),
    }
    if page.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": page.address,
            "addressLocality": "Yuzhong District, Chongqing",
            "addressCountry": "CN",
        }
    if page.has_coordinates:
        data["geo"] = _geo(page.latitude, page.longitude)
    hours = _opening_hours(page)
    if hours:
        data["openingHoursSpecification"] = hours
    if page.admission in ("free", "paid"):
        data["isAccessibleForFree"] = page.admission == "free"
    if page.public_access is not None:
        data["publicAccess"] = page.public_access
    images = []
    for item in gallery:
        rendition = item.image.get_rendition(STRUCTURED_DATA_IMAGE_SPEC)
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
