"""Positions without a map service: "open in map app" links, distances, and the route sketch.

No external tiles, scripts or API keys: a geo: URI (handled by the phone's map app) and an
OpenStreetMap link, both built from coordinates; the sketch is an inline SVG computed here.
"""

import math
from urllib.parse import quote, urlencode

EARTH_RADIUS_M = 6_371_000


def _fmt(value):
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


def map_links(latitude, longitude, label=""):
    lat, lon = _fmt(latitude), _fmt(longitude)
    geo_uri = f"geo:{lat},{lon}?q={lat},{lon}"
    if label:
        geo_uri += quote(f"({label})", safe="")
    osm = "https://www.openstreetmap.org/?" + urlencode({"mlat": lat, "mlon": lon})
    osm += f"#map=17/{lat}/{lon}"
    return {"geo": geo_uri, "osm": osm, "latitude": lat, "longitude": lon}


def distance_metres(a, b):
    """Great-circle (straight-line) distance between two (lat, lon) pairs, in metres."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*map(float, a), *map(float, b)))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_M * math.asin(math.sqrt(h))


def sketch(points, width=600, height=360, padding=36):
    """Project (lat, lon, number, label) points into an SVG viewBox, north up, true proportions.

    Returns None with fewer than two points. Coordinates only: it is a sketch, not a map.
    """
    if len(points) < 2:
        return None
    lats = [float(p[0]) for p in points]
    lons = [float(p[1]) for p in points]
    mid_lat = math.radians(sum(lats) / len(lats))
    xs = [lon * math.cos(mid_lat) for lon in lons]
    ys = lats
    span_x = max(xs) - min(xs) or 1e-6
    span_y = max(ys) - min(ys) or 1e-6
    scale = min((width - 2 * padding) / span_x, (height - 2 * padding) / span_y)
    offset_x = (width - span_x * scale) / 2
    offset_y = (height - span_y * scale) / 2
    projected = []
    for x, y, point in zip(xs, ys, points, strict=True):
        px = offset_x + (x - min(xs)) * scale
        py = height - (offset_y + (y - min(ys)) * scale)
        projected.append(
            {"x": round(px, 1), "y": round(py, 1), "number": point[2], "label": point[3]}
        )
    return {
        "width": width,
        "height": height,
        "points": projected,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in projected),
    }


def opening_hours_by_day(stream, weekdays):
    """[(day label, [(opens, closes)] or None when closed, known?)] for the seven days."""
    by_day = {}
    for block in stream:
        value = block.value
        for day in value["days"]:
            slots = by_day.setdefault(day, [])
            if value.get("closed"):
                by_day[day] = None
            elif slots is not None:
                slots.append((value["opens"], value["closes"]))
    rows = []
    for code, label in weekdays:
        if code not in by_day:
            rows.append({"day": label, "known": False, "closed": False, "slots": []})
        elif by_day[code] is None:
            rows.append({"day": label, "known": True, "closed": True, "slots": []})
        else:
            rows.append({"day": label, "known": True, "closed": False, "slots": by_day[code]})
    return rows
