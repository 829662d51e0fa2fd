"""Positions without a map service: "open in map app" links, distances, and the route sketch.

No external tiles, scripts or API keys. Coordinates are stored in WGS-84 (what GPS and
OpenStreetMap use). Maps published in China use shifted coordinates: Amap (高德) uses GCJ-02
and Baidu uses BD-09, so a link to them converts the stored position first (the widely used
published formulas, below; a pin placed without them lands a few hundred metres off). Outside
China no offset is applied. The route sketch is an inline SVG computed here.
"""

import math
from urllib.parse import quote, urlencode

EARTH_RADIUS_M = 6_371_000
# A leg's walking distance, when nobody has measured it, is estimated as the straight line
# times this factor (winding streets and stairs), and always labelled as an estimate.
WALKING_FACTOR = 1.4
# A leg longer than this offers the metro or a bus instead.
LONG_LEG_METRES = 1500

# --- WGS-84 -> GCJ-02 -> BD-09 ------------------------------------------------------------------
# The GCJ-02 offset: Krasovsky 1940 ellipsoid parameters used by the published formula.
_KRASOVSKY_A = 6378245.0
_KRASOVSKY_EE = 0.00669342162296594323
_BD_X_PI = math.pi * 3000.0 / 180.0


def outside_china(latitude, longitude):
    """The rough box the published formula uses: no offset is applied outside it."""
    lat, lon = float(latitude), float(longitude)
    return not (72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271)


def _offset_lat(x, y):
    ret = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) + 320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _offset_lon(x, y):
    ret = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    ret += (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(latitude, longitude):
    """(lat, lon) in WGS-84 -> GCJ-02 (Amap, Tencent); unchanged outside China."""
    lat, lon = float(latitude), float(longitude)
    if outside_china(lat, lon):
        return lat, lon
    d_lat = _offset_lat(lon - 105.0, lat - 35.0)
    d_lon = _offset_lon(lon - 105.0, lat - 35.0)
    rad_lat = lat / 180.0 * math.pi
    magic = 1 - _KRASOVSKY_EE * math.sin(rad_lat) ** 2
    sqrt_magic = math.sqrt(magic)
    d_lat = (d_lat * 180.0) / ((_KRASOVSKY_A * (1 - _KRASOVSKY_EE)) / (magic * sqrt_magic) * math.pi)
    d_lon = (d_lon * 180.0) / (_KRASOVSKY_A / sqrt_magic * math.cos(rad_lat) * math.pi)
    return lat + d_lat, lon + d_lon


def gcj02_to_bd09(latitude, longitude):
    """(lat, lon) in GCJ-02 -> BD-09 (Baidu); unchanged outside China."""
    lat, lon = float(latitude), float(longitude)
    if outside_china(lat, lon):
        return lat, lon
    z = math.sqrt(lon * lon + lat * lat) + 0.00002 * math.sin(lat * _BD_X_PI)
    theta = math.atan2(lat, lon) + 0.000003 * math.cos(lon * _BD_X_PI)
    return z * math.sin(theta) + 0.006, z * math.cos(theta) + 0.0065


def wgs84_to_bd09(latitude, longitude):
    return gcj02_to_bd09(*wgs84_to_gcj02(latitude, longitude))


def _fmt(value):
    return f"{float(value):.6f}".rstrip("0").rstrip(".")


def map_links(latitude, longitude, label=""):
    """Links to open a WGS-84 position: the phone's map app (geo:), Amap and Baidu (converted
    to their coordinate systems) and OpenStreetMap."""
    lat, lon = _fmt(latitude), _fmt(longitude)
    geo_uri = f"geo:{lat},{lon}?q={lat},{lon}"
    if label:
        geo_uri += quote(f"({label})", safe="")
    osm = "https://www.openstreetmap.org/?" + urlencode({"mlat": lat, "mlon": lon})
    osm += f"#map=17/{lat}/{lon}"
    gcj_lat, gcj_lon = wgs84_to_gcj02(latitude, longitude)
    amap = "https://uri.amap.com/marker?" + urlencode(
        {"position": f"{gcj_lon:.6f},{gcj_lat:.6f}", "name": label or f"{lat},{lon}",
         "coordinate": "gaode", "callnative": "1"}
    )
    bd_lat, bd_lon = gcj02_to_bd09(gcj_lat, gcj_lon)
    baidu = "https://api.map.baidu.com/marker?" + urlencode(
        {"location": f"{bd_lat:.6f},{bd_lon:.6f}", "title": label or f"{lat},{lon}",
         "content": label or f"{lat},{lon}", "coord_type": "bd09ll", "output": "html",
         "src": "webapp.yuzhong.visit"}
    )
    return {"geo": geo_uri, "osm": osm, "amap": amap, "baidu": baidu,
            "latitude": lat, "longitude": lon}


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


# The city a name search is made in: the place's Chinese name is searched in Chongqing, so the
# map app lists the matching places there and the visitor chooses — no pin is placed for them.
SEARCH_CITY = "重庆"


def name_search_links(chinese_name, city=SEARCH_CITY):
    """Searches for ``chinese_name`` in ``city`` on Amap, Baidu Maps and OpenStreetMap: for a
    place whose position no source publishes (never a guessed pin)."""
    amap = "https://uri.amap.com/search?" + urlencode(
        {"keyword": chinese_name, "city": city, "view": "map", "callnative": "1",
         "src": "webapp.yuzhong.visit"}
    )
    baidu = "https://api.map.baidu.com/place/search?" + urlencode(
        {"query": chinese_name, "region": city, "output": "html", "src": "webapp.yuzhong.visit"}
    )
    osm = "https://www.openstreetmap.org/search?" + urlencode({"query": f"{chinese_name} {city}"})
    return {"amap": amap, "baidu": baidu, "osm": osm, "query": chinese_name, "city": city}
