"""Demo content for places: districts (order 20), the visitors' section, heritage sites and the
four tour-brand routes (order 40), in both languages.

Written in our own words from ../shared/seed/FACTS.md. FACTS.md gives no opening hours,
prices or metro stations, so every such field is left empty and the pages say “check before
you visit”. Coordinates are approximate public positions, flagged as approximate on the page;
where we were not sure of a place's position we left it empty. The pictures are illustrations
drawn here with Pillow (labelled as such), never photographs and never hot-linked.
"""

import hashlib
from decimal import Decimal
from io import BytesIO

from django.core.files.images import ImageFile
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images.models import Image
from wagtail.models import Collection

from yuzhong_site.core.demo import paragraph
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

from .models import (
    Category,
    District,
    HeritageSiteImage,
    HeritageSitePage,
    RoutePage,
    RouteStop,
    TourBrand,
    VisitIndexPage,
)

DISTRICTS = [
    # slug, zh name, en name, kind, zh description, en description
    (
        "jiefangbei", "解放碑", "Jiefangbei", District.Kind.BUSINESS_DISTRICT,
        "解放碑中央商务区，商务楼宇面积接近600万平方米，是渝中现代服务业的核心。",
        "The Jiefangbei central business district, with close to 6 million m² of business floor "
        "space: the heart of Yuzhong's modern services.",
    ),
    (
        "daping", "大坪", "Daping", District.Kind.BUSINESS_DISTRICT,
        "大坪商圈与解放碑商圈一起，支撑重庆建设国际消费中心城市。",
        "The Daping business district, which with Jiefangbei carries Chongqing's bid to become "
        "an international consumption centre city.",
    ),
    (
        "jiaochangkou", "较场口·十八梯", "Jiaochangkou–Shibati", District.Kind.HISTORIC_QUARTER,
        "较场口转盘下方的十八梯传统风貌区，2021年改造提升后重新开放。",
        "The Shibati traditional area below the Jiaochangkou roundabout, reopened after "
        "upgrading in 2021.",
    ),
    (
        "hualongqiao", "化龙桥·红岩村", "Hualongqiao–Hongyan Village", District.Kind.SUB_DISTRICT,
        "红岩村所在地。红岩村与曾家岩、虎头岩合称“红色三岩”。",
        "Home of Hongyan Village, one of the “three red cliffs” with Zengjiayan and Hutouyan.",
    ),
    (
        "shangqingsi", "上清寺·曾家岩", "Shangqingsi–Zengjiayan", District.Kind.SUB_DISTRICT,
        "曾家岩所在地，“红色三岩”之一。",
        "Home of Zengjiayan, one of the “three red cliffs”.",
    ),
    (
        "chaotianmen", "朝天门·解放碑沿江", "Chaotianmen riverside", District.Kind.SUB_DISTRICT,
        "沿江一带：洪崖洞，以及2021年1月建成开放的戴家巷崖壁步道。",
        "The riverside: Hongyadong and the Daijiaxiang Cliffside Walkway, opened in January 2021.",
    ),
    (
        "xiabancheng", "下半城", "Lower Town", District.Kind.HISTORIC_QUARTER,
        "下半城历史文化风貌带，讲述古巴渝、老山城和新重庆。",
        "The Lower Town historical and cultural belt, telling the story of ancient Ba-Yu, the "
        "old mountain city and the new Chongqing.",
    ),
]


def ensure_demo_districts(context):
    districts = {}
    for order, (slug, zh, en, kind, zh_text, en_text) in enumerate(DISTRICTS, start=1):
        district, _created = District.objects.get_or_create(
            slug=slug,
            defaults={
                "name_zh_hans": zh, "name_en": en, "kind": kind,
                "description_zh_hans": zh_text, "description_en": en_text,
                "sort_order": order * 10,
            },
        )
        districts[slug] = district
    context.shared["districts"] = districts
    context.say(f"Districts: {len(districts)} ready.")


VISIT = {
    "zh-hans": {
        "title": "游渝中",
        "introduction": (
            "渝中是重庆的“母城”。这里整理了历史文化地标的来历、位置、交通和无障碍信息，"
            "以及四条主题步行线路。开放时间、票价和交通以现场公布为准，出发前请先确认。"
        ),
        "search_description": "渝中区历史文化地标与主题步行线路：位置、交通、无障碍信息。",
    },
    "en": {
        "title": "Visit Yuzhong",
        "introduction": (
            "Yuzhong is Chongqing's “Mother City”. Here are its historic places — their story, "
            "where they are, how to reach them and whether you can manage the steps — and four "
            "themed walking routes. Opening times, prices and transport change: check before "
            "you visit."
        ),
        "search_description": (
            "Heritage sites and themed walks in Yuzhong, Chongqing: locations, directions and "
            "step-free information."
        ),
    },
}

# slug: zh title, en title, category, district slug, (lat, lon) or None, zh intro, en intro,
# zh history, en history, zh address, en address, picture colours, picture motif
SITES = [
    (
        "shibati", "十八梯传统风貌区", "Shibati Traditional Area", Category.TRADITIONAL_QUARTER,
        "jiaochangkou", (29.5532, 106.5746),
        "较场口转盘下方的石阶老街区，2021年完成改造提升后重新开放。",
        "An old quarter of stepped lanes below the Jiaochangkou roundabout, reopened in 2021 "
        "after upgrading.",
        "十八梯的名字来自它的石阶。“十四五”开局之年（2021年），十八梯完成改造提升并重新开放，"
        "成为渝中展示山城老街风貌的重要一站。",
        "Shibati — “eighteen steps” — is named after its stone stairways. It reopened in 2021, "
        "the first year of the 14th Five-Year Plan, after an upgrade, and is now one of the "
        "places where Yuzhong shows what the old mountain city looked like.",
        "渝中区较场口转盘下方", "Below the Jiaochangkou roundabout, Yuzhong District",
        ((143, 29, 33), (244, 241, 236)), "steps",
    ),
    (
        "daijiaxiang-cliffside-walkway", "戴家巷崖壁步道", "Daijiaxiang Cliffside Walkway",
        Category.SCENIC_SPOT, "chaotianmen", (29.5617, 106.5800),
        "沿崖壁修建的步道，2021年1月25日建成开放，把滨江路和解放碑快速连接起来。",
        "A walkway built along the cliff face, opened on 25 January 2021, linking the riverside "
        "road quickly with Jiefangbei.",
        "步道历时三年多建设，于2021年1月25日开放。它既方便行人往返滨江路和解放碑，"
        "也为相邻的洪崖洞分流游客，改善了周边环境，是渝中“城市有机更新”的一个例子。",
        "Built over more than three years and opened on 25 January 2021, the walkway gives "
        "people on foot a quick way between the riverside road and Jiefangbei, takes some of "
        "the crowds away from neighbouring Hongyadong and has improved its surroundings — an "
        "example of what Yuzhong calls organic urban renewal.",
        "", "", ((52, 73, 94), (214, 228, 240)), "cliff",
    ),
    (
        "hongyadong", "洪崖洞", "Hongyadong Scenic Area", Category.SCENIC_SPOT,
        "chaotianmen", (29.5628, 106.5786),
        "沿江的热门景点，与戴家巷崖壁步道相邻。",
        "A popular riverside scenic spot next to the Daijiaxiang Cliffside Walkway.",
        "洪崖洞游客众多。2021年开放的戴家巷崖壁步道与它相邻，帮助分散了这里的人流。",
        "Hongyadong draws large crowds. The Daijiaxiang Cliffside Walkway next door, opened in "
        "2021, helps spread them out.",
        "", "", ((138, 75, 0), (250, 236, 214)), "cliff",
    ),
    (
        "luzumiao", "鲁祖庙传统风貌区", "Luzumiao Traditional Area", Category.TRADITIONAL_QUARTER,
        "jiefangbei", None,
        "渝中“十四五”规划提出保护和提升的传统风貌区之一。",
        "One of the traditional areas the district's 14th Five-Year Plan set out to protect and "
        "improve.",
        "规划把鲁祖庙传统风貌区与三层马路老山城街区一起，列为展示渝中历史文化的重点片区。",
        "The plan names the Luzumiao traditional area, together with the Sancengmalu old street "
        "area, among the places that show Yuzhong's history and culture.",
        "", "", ((29, 107, 52), (230, 242, 232)), "roofs",
    ),
    (
        "sancengmalu", "三层马路", "Sancengmalu Old Street Area", Category.OLD_STREET,
        None, None,
        "规划中的老山城街区：三层马路。",
        "Sancengmalu, an old mountain-city street area named in the plan.",
        "三层马路是“十四五”规划提到的老山城街区，与鲁祖庙传统风貌区一起展示山城风貌。",
        "Sancengmalu is one of the old mountain-city street areas named in the 14th Five-Year "
        "Plan, shown alongside the Luzumiao traditional area.",
        "", "", ((91, 42, 134), (240, 232, 246)), "roads",
    ),
    (
        "xiabancheng", "下半城历史文化风貌带", "Xiabancheng Historical and Cultural Belt",
        Category.TRADITIONAL_QUARTER, "xiabancheng", None,
        "讲述古巴渝、老山城、新重庆的历史文化风貌带，规划期内基本建成。",
        "A belt of historic streets telling the story of ancient Ba-Yu, the old mountain city "
        "and the new Chongqing, largely completed during the plan period.",
        "下半城历史文化风貌带是渝中“历史文化展示区”定位的主要载体，规划期内基本建成。",
        "The Lower Town belt is the centrepiece of Yuzhong's role as a history and culture "
        "showcase; the plan aimed to have it largely complete by 2025.",
        "", "", ((74, 74, 74), (238, 238, 238)), "roofs",
    ),
    (
        "hongyan-village", "红岩村", "Hongyan Village", Category.REVOLUTIONARY_RELIC,
        "hualongqiao", (29.5730, 106.5260),
        "“红色三岩”之一，红岩精神的发源地。",
        "One of the “three red cliffs”, where the Hongyan spirit was born.",
        "红岩村、曾家岩、虎头岩合称“红色三岩”。规划提出保护修缮革命文物，建设红岩公园，"
        "传承红岩精神。",
        "Hongyan Village, Zengjiayan and Hutouyan are known together as the “three red "
        "cliffs”. The plan set out to restore the revolutionary relics, build Hongyan Park and "
        "carry on the Hongyan spirit.",
        "", "", ((164, 22, 26), (252, 232, 232)), "cliff",
    ),
    (
        "zengjiayan", "曾家岩", "Zengjiayan", Category.REVOLUTIONARY_RELIC,
        "shangqingsi", (29.5617, 106.5489),
        "“红色三岩”之一。",
        "One of the “three red cliffs”.",
        "曾家岩与红岩村、虎头岩一起，构成渝中红色文化游的主要站点。",
        "With Hongyan Village and Hutouyan, Zengjiayan is one of the main stops of Yuzhong's "
        "red culture tours.",
        "", "", ((164, 22, 26), (246, 240, 230)), "roofs",
    ),
    (
        "hutouyan", "虎头岩", "Hutouyan", Category.REVOLUTIONARY_RELIC,
        "hualongqiao", None,
        "“红色三岩”之一。",
        "One of the “three red cliffs”.",
        "虎头岩是“红色三岩”之一，规划将其纳入革命文物的保护与展示。",
        "Hutouyan is one of the “three red cliffs”; the plan includes it in the protection and "
        "display of revolutionary relics.",
        "", "", ((110, 22, 25), (244, 241, 236)), "cliff",
    ),
    (
        "hongyan-park", "红岩公园", "Hongyan Park", Category.SCENIC_SPOT,
        "hualongqiao", None,
        "规划提出建设的公园，把“红色三岩”串联起来。是否已开放，请出发前确认。",
        "A park the plan proposed to link the “three red cliffs”. Check whether it is open "
        "before you visit.",
        "“十四五”规划提出建设红岩公园，与重庆革命军事馆一起展示红岩精神。",
        "The 14th Five-Year Plan proposed building Hongyan Park, which with the Chongqing "
        "Revolutionary Military Museum is to present the Hongyan spirit.",
        "", "", ((29, 107, 52), (252, 232, 232)), "trees",
    ),
    (
        "revolutionary-military-museum", "重庆革命军事馆", "Chongqing Revolutionary Military Museum",
        Category.SCENIC_SPOT, None, None,
        "规划提出建设的军事主题展馆。是否已开放，请出发前确认。",
        "A museum the plan proposed to build. Check whether it is open before you visit.",
        "重庆革命军事馆是“十四五”规划中与红岩公园一同提出的项目。",
        "The Chongqing Revolutionary Military Museum was proposed in the 14th Five-Year Plan "
        "together with Hongyan Park.",
        "", "", ((52, 73, 94), (252, 232, 232)), "roofs",
    ),
    (
        "jiefangbei", "解放碑", "Jiefangbei", Category.WAR_OF_RESISTANCE_RELIC,
        "jiefangbei", (29.5573, 106.5770),
        "渝中的地标，也是解放碑中央商务区的中心。",
        "Yuzhong's landmark, at the centre of the Jiefangbei central business district.",
        "据2021年初的报刊报道，解放碑周边的解放碑中央商务区商务楼宇面积接近600万平方米；2021年春节期间，"
        "解放碑和大坪两大商圈的31家大中型商场和购物中心销售额达23,421.18万元。",
        "According to a newspaper report of early 2021, the Jiefangbei central business district "
        "around the monument has close to 6 million m² of business floor space; over the 2021 Spring Festival, the 31 large and "
        "medium malls and shopping centres of the Jiefangbei and Daping business districts "
        "took 234.2118 million yuan (23,421.18 万元).",
        "", "", ((143, 29, 33), (255, 248, 230)), "tower",
    ),
]

# slug: zh title, en title, brand, zh intro, en intro, stops
# a stop is ("site", slug, zh leg note, en leg note) or ("point", zh name, en name, lat, lon,
# zh leg note, en leg note)
ROUTES = [
    (
        "mother-city-culture-walk", "母城文化游", "Mother City Culture Walk", TourBrand.MOTHER_CITY,
        "从解放碑出发，穿过传统风貌区，走下十八梯的石阶，到达下半城。",
        "From Jiefangbei through the traditional quarters and down Shibati's stone steps to the "
        "Lower Town.",
        [
            ("site", "jiefangbei", "", ""),
            ("site", "luzumiao", "", ""),
            ("site", "shibati", "十八梯意为“十八级台阶”：沿途多石阶。",
             "Shibati means “eighteen steps”: expect stairs."),
            ("site", "xiabancheng", "", ""),
        ],
    ),
    (
        "red-culture-walk", "红色文化游", "Red Culture Walk", TourBrand.RED_CULTURE,
        "走访“红色三岩”：曾家岩、红岩村和虎头岩，以及规划中的红岩公园。",
        "The “three red cliffs” — Zengjiayan, Hongyan Village and Hutouyan — and the planned "
        "Hongyan Park.",
        [
            ("site", "zengjiayan", "", ""),
            ("site", "hongyan-village", "站点间距离较远，可考虑乘车。",
             "The stops are far apart: consider a bus or taxi for this leg."),
            ("site", "hutouyan", "", ""),
            ("site", "hongyan-park", "", ""),
        ],
    ),
    (
        "mountain-and-river-city-walk", "山水都市游", "Mountain-and-River City Walk",
        TourBrand.MOUNTAIN_RIVER,
        "从解放碑沿戴家巷崖壁步道走到江边，再到洪崖洞。",
        "From Jiefangbei down the Daijiaxiang Cliffside Walkway to the riverside and "
        "Hongyadong.",
        [
            ("site", "jiefangbei", "", ""),
            ("site", "daijiaxiang-cliffside-walkway", "", ""),
            ("point", "滨江路", "Riverside road (Binjiang Road)", None, None,
             "步道连接解放碑与滨江路，高差较大。", "The walkway links Jiefangbei with the riverside "
             "road, far below: a big change of level."),
            ("site", "hongyadong", "", ""),
        ],
    ),
    (
        "business-walk", "商务商贸游", "Business and Shopping Walk", TourBrand.BUSINESS,
        "解放碑中央商务区和洪崖洞一带的商业街区，再前往大坪商圈。",
        "The Jiefangbei central business district and the shops around Hongyadong, then on to "
        "the Daping business district.",
        [
            ("site", "jiefangbei", "", ""),
            ("site", "hongyadong", "", ""),
            ("point", "大坪商圈", "Daping business district", None, None,
             "距离较远，不宜步行，请出发前查好交通。",
             "Too far to walk comfortably: check transport before you go."),
        ],
    ),
]


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
    if motif == "steps":
        for step in range(9):
            top = 160 + step * 70
            draw.rectangle([80 + step * 40, top, width - 80 - step * 40, top + 40], fill=ink)
    elif motif == "cliff":
        draw.polygon([(0, height), (0, 150), (380, 260), (520, 520), (width, 600), (width, height)],
                     fill=ink)
        draw.line([(380, 260), (520, 520), (width, 600)], fill=paper, width=14)
    elif motif == "roofs":
        for column in range(5):
            left = 60 + column * 220
            draw.polygon([(left, 420), (left + 100, 300), (left + 200, 420)], fill=ink)
            draw.rectangle([left + 20, 420, left + 180, 640], outline=ink, width=10)
    elif motif == "roads":
        for row in range(3):
            draw.rectangle([0, 200 + row * 180, width, 260 + row * 180], fill=ink)
    elif motif == "trees":
        for column in range(6):
            x = 100 + column * 190
            draw.ellipse([x - 70, 300, x + 70, 440], fill=ink)
            draw.rectangle([x - 10, 440, x + 10, 620], fill=ink)
    elif motif == "tower":
        draw.rectangle([540, 160, 660, 700], fill=ink)
        draw.polygon([(520, 160), (600, 80), (680, 160)], fill=ink)
        draw.rectangle([440, 700, 760, 740], fill=ink)
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


def _gallery(site_row, language):
    slug, zh, en = site_row[0], site_row[1], site_row[2]
    colours, motif = site_row[12], site_row[13]
    count = 2 if slug == "shibati" else 1
    items = []
    for variant in range(count):
        image = illustration(f"示意图 Illustration: {en} {variant + 1}", colours, motif, variant)
        if language == "zh-hans":
            alt = f"示意插图（非照片）：用简单色块表现{zh}的意象"
            caption = "示意插图，由本站生成，并非实景照片。"
        else:
            alt = f"Illustration, not a photograph: simple coloured shapes suggesting {en}"
            caption = "An illustration made by this site, not a photograph."
        items.append(HeritageSiteImage(image=image, alt_text=alt, caption=caption))
    return items


def build_visitor_pages(context):
    districts = context.shared.get("districts") or {d.slug: d for d in District.objects.all()}
    index, _created = ensure_child_page(
        context.home, VisitIndexPage, "visit", show_in_menus=True, **VISIT["zh-hans"]
    )
    ensure_translation(index, "en", **VISIT["en"])

    sites = {}
    for row in SITES:
        (slug, zh, en, category, district_slug, position, zh_intro, en_intro, zh_history,
         en_history, zh_address, en_address, _colours, _motif) = row
        latitude, longitude = (Decimal(str(v)) for v in position) if position else (None, None)
        site, _created = ensure_child_page(
            index, HeritageSitePage, slug,
            title=zh, introduction=zh_intro, category=category,
            district=districts.get(district_slug) if district_slug else None,
            address=zh_address, latitude=latitude, longitude=longitude,
            coordinates_approximate=True,
            history=[paragraph(f"<p>{zh_history}</p>")],
            gallery_images=_gallery(row, "zh-hans"),
        )
        ensure_translation(
            site, "en", title=en, introduction=en_intro, address=en_address,
            history=[paragraph(f"<p>{en_history}</p>")],
            gallery_images=_gallery(row, "en"),
        )
        sites[slug] = site

    for slug, zh, en, brand, zh_intro, en_intro, stops in ROUTES:
        route, _created = ensure_child_page(
            index, RoutePage, slug, title=zh, brand=brand, introduction=zh_intro,
            stops=_route_stops(stops, sites, "zh-hans"),
        )
        ensure_translation(
            route, "en", title=en, introduction=en_intro, stops=_route_stops(stops, sites, "en")
        )
    context.shared["visit_index"] = index
    context.shared["heritage_sites"] = sites
    context.say(f"Visitor pages: {len(sites)} heritage sites and {len(ROUTES)} routes ready.")


def _route_stops(stops, sites, language):
    made = []
    for stop in stops:
        if stop[0] == "site":
            _kind, slug, zh_note, en_note = stop
            made.append(
                RouteStop(site=sites[slug], leg_note=zh_note if language == "zh-hans" else en_note)
            )
        else:
            _kind, zh_name, en_name, lat, lon, zh_note, en_note = stop
            made.append(
                RouteStop(
                    name=zh_name if language == "zh-hans" else en_name,
                    latitude=lat, longitude=lon,
                    leg_note=zh_note if language == "zh-hans" else en_note,
                )
            )
    return made


DEMO_STEPS = [
    (20, ensure_demo_districts),
    (40, build_visitor_pages),
]
