"""Coordinates for maps that work in China: WGS-84 → GCJ-02 (Amap) → BD-09 (Baidu)."""

from urllib.parse import parse_qs, urlsplit

import pytest

from districts import geo


@pytest.mark.parametrize(
    "wgs,gcj",
    [
        # published test points of the eviltransform library (Shanghai, Shenzhen, Beijing)
        ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),
        ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),
        ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),
    ],
)
def test_wgs84_to_gcj02_is_within_a_metre_of_published_values(wgs, gcj):
    assert geo.distance_metres(geo.wgs84_to_gcj02(*wgs), gcj) < 1


def test_gcj02_to_bd09_is_within_a_metre_of_a_published_value():
    # gcoord's test: GCJ-02 (45, 123) → BD-09 (45.00636899, 123.00636499)
    assert geo.distance_metres(geo.gcj02_to_bd09(45, 123), (45.00636899, 123.00636499)) < 1


def test_the_offset_in_chongqing_is_hundreds_of_metres():
    shift = geo.distance_metres((29.5573, 106.577), geo.wgs84_to_gcj02(29.5573, 106.577))
    assert 200 < shift < 800
    assert geo.distance_metres((29.5573, 106.577), geo.wgs84_to_bd09(29.5573, 106.577)) > shift


@pytest.mark.parametrize("point", [(51.5007, -0.1246), (48.8584, 2.2945), (-33.8568, 151.2153)])
def test_no_offset_is_applied_outside_china(point):
    assert geo.wgs84_to_gcj02(*point) == point
    assert geo.gcj02_to_bd09(*point) == point
    assert geo.wgs84_to_bd09(*point) == point


def test_map_links_use_each_services_coordinates():
    links = geo.map_links("29.5573", "106.577", "解放碑")
    amap = parse_qs(urlsplit(links["amap"]).query)
    lon, lat = (float(v) for v in amap["position"][0].split(","))
    assert geo.distance_metres((lat, lon), geo.wgs84_to_gcj02(29.5573, 106.577)) < 1
    assert amap["name"] == ["解放碑"] and amap["coordinate"] == ["gaode"]
    baidu = parse_qs(urlsplit(links["baidu"]).query)
    lat, lon = (float(v) for v in baidu["location"][0].split(","))
    assert geo.distance_metres((lat, lon), geo.wgs84_to_bd09(29.5573, 106.577)) < 1
    assert baidu["coord_type"] == ["bd09ll"]
    # OpenStreetMap and the phone's map app get the stored WGS-84 position unchanged
    assert "mlat=29.5573" in links["osm"] and links["geo"].startswith("geo:29.5573,106.577")
