"""Demo content for places: districts (order 20), the visitors' section, heritage sites and the
themed routes (order 40), in both languages.

The content is data: ``districts/demo_data/*.yaml`` (read through
``yuzhong_site.core.demo_data.demo_data``). Names come from ``glossary.yaml`` (one Chinese name,
pinyin and English name per place); visiting facts from ../shared/seed/FACTS-2.md, each with its
source, tier and date. Coordinates are approximate public positions, flagged as approximate on
the page. The pictures are illustrations drawn here with Pillow (labelled as such), never
photographs and never hot-linked. Everything is idempotent: existing rows and pages are left
as editors made them.
"""

import datetime
import hashlib
from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

from yuzhong_site.core.demo import paragraph
from yuzhong_site.core.demo_data import demo_data
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

from .models import (
    District,
    HeritageSiteImage,
    HeritageSitePage,
    PlaceNotice,
    RoutePage,
    RouteStop,
    VisitIndexPage,
    VisitingFact,
)


def glossary():
    return demo_data("districts", "glossary")


def district_rows():
    return demo_data("districts", "districts")


def site_rows():
    return demo_data("districts", "sites")["sites"]


def sources():
    return demo_data("districts", "sites")["sources"]


def route_rows():
    return demo_data("districts", "routes")


def ensure_demo_districts(context):
    names = glossary()["districts"]
    districts = {}
    for order, row in enumerate(district_rows(), start=1):
        name = names[row["slug"]]
        district, _created = District.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "name_zh_hans": name["zh"], "name_en": name["en"], "kind": row["kind"],
                "description_zh_hans": row["zh"], "description_en": row["en"],
                "sort_order": order * 10,
            },
        )
        districts[row["slug"]] = district
    context.shared["districts"] = districts
    context.say(f"Districts: {len(districts)} ready.")


def _draw_steps(draw, ink, paper, width, height):
    for step in range(9):
        top = 160 + step * 70
        draw.rectangle([80 + step * 40, top, width - 80 - step * 40, top + 40], fill=ink)


def _draw_cliff(draw, ink, paper, width, height):
    draw.polygon([(0, height), (0, 150), (380, 260), (520, 520), (width, 600), (width, height)],
                 fill=ink)
    draw.line([(380, 260), (520, 520), (width, 600)], fill=paper, width=14)


def _draw_roofs(draw, ink, paper, width, height):
    for column in range(5):
        left = 60 + column * 220
        draw.polygon([(left, 420), (left + 100, 300), (left + 200, 420)], fill=ink)
        draw.rectangle([left + 20, 420, left + 180, 640], outline=ink, width=10)


def _draw_roads(draw, ink, paper, width, height):
    for row in range(3):
        draw.rectangle([0, 200 + row * 180, width, 260 + row * 180], fill=ink)


def _draw_trees(draw, ink, paper, width, height):
    for column in range(6):
        x = 100 + column * 190
        draw.ellipse([x - 70, 300, x + 70, 440], fill=ink)
        draw.rectangle([x - 10, 440, x + 10, 620], fill=ink)


def _draw_tower(draw, ink, paper, width, height):
    draw.rectangle([540, 160, 660, 700], fill=ink)
    draw.polygon([(520, 160), (600, 80), (680, 160)], fill=ink)
    draw.rectangle([440, 700, 760, 740], fill=ink)


def _draw_cable(draw, ink, paper, width, height):
    """A cable over a river, a cabin hanging from it."""
    draw.rectangle([0, 620, width, height], fill=ink)
    draw.line([(0, 220), (width, 420)], fill=ink, width=8)
    draw.line([(560, 313), (560, 360)], fill=ink, width=6)
    draw.rounded_rectangle([500, 360, 620, 450], radius=14, fill=ink)


def _draw_deck(draw, ink, paper, width, height):
    """Towers joined at the top by a long horizontal deck, over the meeting of two rivers."""
    for left in (180, 420, 700, 940):
        draw.polygon([(left, height), (left + 30, 150), (left + 110, 150), (left + 140, height)],
                     fill=ink)
    draw.rectangle([150, 110, 1110, 160], fill=ink)
    draw.line([(0, 740), (width, 700)], fill=paper, width=10)


# The motif each place's picture is drawn with (an unknown motif draws only the accents).
MOTIFS = {
    "steps": _draw_steps,
    "cliff": _draw_cliff,
    "roofs": _draw_roofs,
    "roads": _draw_roads,
    "trees": _draw_trees,
    "tower": _draw_tower,
    "cable": _draw_cable,
    "deck": _draw_deck,
}


def illustration(title, colours, motif, variant=0):
    """A simple generated picture (never a photograph), made once and reused."""
    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    ink, paper = colours
    width, height = 1200, 800
    picture = PILImage.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(picture)
    seed = int(hashlib.sha256(title.encode()).hexdigest(), 16)
    if motif in MOTIFS:
        MOTIFS[motif](draw, ink, paper, width, height)
    # a few deterministic accents so the pictures differ
    for index in range(3 + variant):
        x = (seed >> (index * 8)) % (width - 100)
        draw.ellipse([x, 40, x + 60, 100], outline=ink, width=6)
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=82)
    if Collection.get_first_root_node() is None:  # a flushed database has lost Wagtail's root
        Collection.add_root(name="Root")
    image = Image(title=title, file=ImageFile(buffer, name=f"illustration-{seed % 10**8}.jpg"))
    image.save()
    return image


def _gallery(row, language):
    names = glossary()["places"][row["slug"]]
    colours = tuple(tuple(c) for c in row["colours"])
    items = []
    for variant in range(row.get("pictures", 1)):
        image = illustration(
            f"示意图 Illustration: {names['en']} {variant + 1}", colours, row["motif"], variant
        )
        if language == "zh-hans":
            alt = f"示意插图（非照片）：用简单色块表现{names['zh']}的意象"
            caption = "示意插图，由本站生成，并非实景照片。"
        else:
            alt = f"Illustration, not a photograph: simple coloured shapes suggesting {names['en']}"
            caption = "An illustration made by this site, not a photograph."
        items.append(HeritageSiteImage(image=image, alt_text=alt, caption=caption))
    return items


def _time(value):
    return datetime.time.fromisoformat(value) if value else None


def visiting_facts(row):
    """The site's visiting facts as unsaved rows (the same for both languages' pages)."""
    made = []
    for fact in row.get("facts") or []:
        source = sources()[fact["source"]]
        made.append(
            VisitingFact(
                kind=fact["kind"], value_zh=fact["zh"], value_en=fact["en"],
                opens=_time(fact.get("opens")), closes=_time(fact.get("closes")),
                price_yuan=Decimal(fact["price_yuan"]) if "price_yuan" in fact else None,
                metro_lines=fact.get("metro_lines", ""),
                metro_station=fact.get("metro_station", ""),
                metro_exit=fact.get("metro_exit", ""),
                source_name=source["name"], source_url=source["url"], tier=source["tier"],
                source_date=str(source["date"] or ""), disagrees=fact.get("differs", False),
            )
        )
    return made


def place_notices(row):
    """The site's dated notices as unsaved rows (the same for both languages' pages)."""
    made = []
    for notice in row.get("notices") or []:
        source = sources()[notice["source"]]
        made.append(
            PlaceNotice(
                kind=notice["kind"], text_zh=notice["zh"], text_en=notice["en"],
                starts_on=datetime.date.fromisoformat(str(notice["starts"])),
                ends_on=datetime.date.fromisoformat(str(notice["ends"])),
                source_name=source["name"], source_url=source["url"], tier=source["tier"],
                source_date=str(source["date"] or ""),
            )
        )
    return made


def build_visitor_pages(context):
    districts = context.shared.get("districts") or {d.slug: d for d in District.objects.all()}
    visit = demo_data("districts", "visit")
    index, _created = ensure_child_page(
        context.home, VisitIndexPage, "visit", show_in_menus=True, **visit["zh-hans"]
    )
    ensure_translation(index, "en", **visit["en"])

    names = glossary()["places"]
    sites = {}
    for row in site_rows():
        slug, name = row["slug"], names[row["slug"]]
        position = row.get("position")
        latitude, longitude = (Decimal(v) for v in position) if position else (None, None)
        common = {
            "chinese_name": name["zh"], "pinyin_name": name["pinyin"], "english_name": name["en"],
            "latitude": latitude, "longitude": longitude, "coordinates_approximate": True,
            "other_names": ", ".join(name.get("other_names", [])), "map_search": True,
        }
        site, _created = ensure_child_page(
            index, HeritageSitePage, slug,
            title=name["zh"], introduction=row["zh"]["introduction"], category=row["category"],
            district=districts.get(row["district"]) if row.get("district") else None,
            history=[paragraph(f"<p>{text}</p>") for text in row["zh"]["history"]],
            unknown_note=row["zh"].get("unknown_note", ""),
            gallery_images=_gallery(row, "zh-hans"), visiting_facts=visiting_facts(row),
            notices=place_notices(row), **common,
        )
        ensure_translation(
            site, "en", title=name["en"], introduction=row["en"]["introduction"],
            history=[paragraph(f"<p>{text}</p>") for text in row["en"]["history"]],
            unknown_note=row["en"].get("unknown_note", ""),
            gallery_images=_gallery(row, "en"), visiting_facts=visiting_facts(row),
            notices=place_notices(row), **common,
        )
        sites[slug] = site

    routes = route_rows()
    for row in routes:
        route, _created = ensure_child_page(
            index, RoutePage, row["slug"], title=row["zh"]["title"], brand=row["brand"],
            is_itinerary=row.get("itinerary", False), introduction=row["zh"]["introduction"],
            stops=_route_stops(row["stops"], sites, "zh"),
        )
        ensure_translation(
            route, "en", title=row["en"]["title"], introduction=row["en"]["introduction"],
            stops=_route_stops(row["stops"], sites, "en"),
        )
    context.shared["visit_index"] = index
    context.shared["heritage_sites"] = sites
    context.say(f"Visitor pages: {len(sites)} heritage sites and {len(routes)} routes ready.")


def _route_stops(stops, sites, language):
    made = []
    for stop in stops:
        leg = (stop.get("leg") or {}).get(language, "")
        transit = (stop.get("transit") or {}).get(language, "")
        if "site" in stop:
            made.append(RouteStop(site=sites[stop["site"]], leg_note=leg, transit_note=transit))
        else:
            position = stop.get("position")
            latitude, longitude = (Decimal(v) for v in position) if position else (None, None)
            made.append(
                RouteStop(name=stop["name"][language], latitude=latitude, longitude=longitude,
                          leg_note=leg, transit_note=transit)
            )
    return made


DEMO_STEPS = [
    (20, ensure_demo_districts),
    (40, build_visitor_pages),
]
