"""Demo content for the plan: the 14th Five-Year Plan (2021–2025), its four roles, goals,
indicators and key projects, in Chinese and English.

Facts and figures come only from ../shared/seed/FACTS.md (an early-2021 newspaper article);
the sentences are our own. An indicator the source gives no figure for has no measurement and
shows "no data"; no date appears that the source does not give.
"""

import datetime
from decimal import Decimal

from districts.models import District, HeritageSitePage, VisitIndexPage
from yuzhong_site.core.demo import heading, paragraph
from yuzhong_site.core.i18n import default_language
from yuzhong_site.core.pages import ensure_child_page, ensure_translation

from .models import Goal, Measurement, Metric, Milestone, PillarPage, PlanPage, Project
from .status import ProjectStatus, Qualifier
from .units import Unit

SOURCE = {
    "zh_hans": "2021年初介绍渝中区“十四五”规划的报刊文章",
    "en": "Newspaper article on Yuzhong District's 14th Five-Year Plan (early 2021)",
}

# The District records come from districts/demo.py (step 20).

# ------------------------------------------------------------------------------- pages (30)

PLAN = {
    "zh-hans": {
        "title": "“十四五”规划",
        "summary": (
            "2021年至2025年，渝中区为自己确定了四个发展定位：现代服务业引领区、历史文化展示区、"
            "国际交往窗口区和美好城市示范区。这里汇总每个定位的目标、指标和重点项目，以及它们的进展。"
        ),
        "search_description": "渝中区“十四五”规划的四个定位、指标和重点项目进展一览。",
    },
    "en": {
        "title": "The 14th Five-Year Plan",
        "summary": (
            "For 2021 to 2025 Yuzhong District gave itself four roles: a leading zone for modern "
            "services, a showcase of history and culture, a window for international exchange "
            "and a model district for better city living. This dashboard brings together each "
            "role's goals, indicators and key projects, and how far they got."
        ),
        "search_description": (
            "Yuzhong's 14th Five-Year Plan at a glance: its four roles, indicators and key projects."
        ),
    },
}

PILLARS = [
    {
        "key": "services",
        "accent": PillarPage.Accent.RED,
        "zh-hans": {
            "title": "现代服务业",
            "positioning": "现代服务业引领区",
            "intro": (
                "渝中地处主城核心，对外交往活跃，市场化、法治化和内陆开放水平在西部位居前列。"
                "“十四五”期间，渝中要成为重庆服务业高质量发展的示范区。"
            ),
            "body": [
                heading("六大产业"),
                paragraph(
                    "<p>规划把力量集中在六个产业上：现代金融、现代商贸、文化旅游、专业服务、"
                    "数字经济和大健康。解放碑中央商务区的商务楼宇面积接近600万平方米，"
                    "是这些产业的主要载体。</p>"
                ),
            ],
        },
        "en": {
            "title": "Modern services",
            "positioning": "Modern services leading zone",
            "intro": (
                "Yuzhong sits at the heart of the main city, trades busily with the world and is "
                "among the leaders in western China for open markets, rule of law and inland "
                "opening-up. In the plan period it set out to become Chongqing's demonstration "
                "zone for high-quality service industries."
            ),
            "body": [
                heading("Six industries"),
                paragraph(
                    "<p>The plan concentrates on six industries: modern finance, modern commerce "
                    "and trade, culture and tourism, professional services, the digital economy "
                    "and health. The Jiefangbei central business district, with close to 6 "
                    "million m² of business floor space, is where most of them are based.</p>"
                ),
            ],
        },
    },
    {
        "key": "heritage",
        "accent": PillarPage.Accent.OCHRE,
        "zh-hans": {
            "title": "历史文化",
            "positioning": "历史文化展示区",
            "intro": (
                "渝中是重庆的“母城”。规划要让老街巷、老建筑和红色遗址得到保护，"
                "也让居民和游客看得见、走得进。"
            ),
            "body": [
                heading("保护与展示"),
                paragraph(
                    "<p>规划提出保护修复革命文物、抗战文物、城墙遗址、石窟石刻和优秀建筑，"
                    "对产权分散的文物建筑进行归集，按照“一楼一策”逐栋施策。</p>"
                ),
            ],
        },
        "en": {
            "title": "History and culture",
            "positioning": "History and culture showcase",
            "intro": (
                "Yuzhong is Chongqing's “Mother City”. The plan sets out to protect its old lanes, "
                "old buildings and revolutionary sites, and to open them up to residents and "
                "visitors."
            ),
            "body": [
                heading("Protect and show"),
                paragraph(
                    "<p>The plan commits to protecting and restoring revolutionary relics, relics "
                    "of the War of Resistance, city-wall sites, grottoes and stone carvings and "
                    "outstanding buildings. Relics with scattered ownership are to be brought "
                    "together and treated building by building (“one building, one policy”).</p>"
                ),
            ],
        },
    },
    {
        "key": "international",
        "accent": PillarPage.Accent.BLUE,
        "zh-hans": {
            "title": "国际交往",
            "positioning": "国际交往窗口区",
            "intro": (
                "重庆的外国领事机构大多聚集在渝中。规划依托“一带一路”和长江经济带，"
                "吸引更多国家来渝设立领事机构，拓展友好城市，办好国际会议和论坛。"
            ),
            "body": [
                heading("开放平台"),
                paragraph(
                    "<p>渝中借助自贸试验区和中新（重庆）战略性互联互通示范项目，吸引世界500强企业"
                    "设立代表机构，并对标世界银行营商环境评价指标，持续改善营商环境。</p>"
                ),
            ],
        },
        "en": {
            "title": "International exchange",
            "positioning": "Window for international exchange",
            "intro": (
                "Most of Chongqing's foreign consulates are in Yuzhong. Building on the Belt and "
                "Road and the Yangtze River Economic Belt, the plan aims to bring in more "
                "consulates, add friendship cities and host international conferences and forums."
            ),
            "body": [
                heading("Platforms for opening up"),
                paragraph(
                    "<p>Through the pilot free trade zone and the China-Singapore (Chongqing) "
                    "Demonstration Initiative on Strategic Connectivity, Yuzhong seeks "
                    "representative offices of Fortune Global 500 companies, and it measures its "
                    "business environment against the World Bank's indicators.</p>"
                ),
            ],
        },
    },
    {
        "key": "livability",
        "accent": PillarPage.Accent.GREEN,
        "zh-hans": {
            "title": "美好城市",
            "positioning": "美好城市示范区",
            "intro": (
                "通过城市有机更新、老旧小区改造和精细化管理，让渝中更安全、更方便、更宜居，"
                "让市民安居乐业。"
            ),
            "body": [
                heading("城市管理与公共服务"),
                paragraph(
                    "<p>规划提出“大城细管、大城智管、大城众管”，推行“五长制”和“门前三包”，"
                    "让“马路办公”成为常态；在公共服务方面，创建国家义务教育优质均衡发展区，"
                    "深入开展爱国卫生运动，稳定和扩大就业。</p>"
                ),
            ],
        },
        "en": {
            "title": "Better city living",
            "positioning": "Model district for better city living",
            "intro": (
                "Organic urban renewal, the renovation of old residential compounds and careful "
                "city management are to make Yuzhong safer, easier and better to live in."
            ),
            "body": [
                heading("City management and public services"),
                paragraph(
                    "<p>The plan's motto for management is a big city run finely, smartly and by "
                    "everyone: the “five chiefs” and “three guarantees at the door” systems, and "
                    "officials routinely working out on the street. For public services it aims "
                    "at a national district of high-quality, balanced compulsory education, a "
                    "stronger Patriotic Health Campaign and steadier, wider employment.</p>"
                ),
            ],
        },
    },
]


def ensure_plan_pages(context):
    plan, _created = ensure_child_page(
        context.home,
        PlanPage,
        "plan",
        title=PLAN["zh-hans"]["title"],
        start_year=2021,
        end_year=2025,
        summary=PLAN["zh-hans"]["summary"],
        search_description=PLAN["zh-hans"]["search_description"],
        show_in_menus=True,
    )
    ensure_translation(
        plan,
        "en",
        title=PLAN["en"]["title"],
        summary=PLAN["en"]["summary"],
        search_description=PLAN["en"]["search_description"],
    )
    pillars = {}
    for spec in PILLARS:
        zh, en = spec["zh-hans"], spec["en"]
        pillar, _created = ensure_child_page(
            plan,
            PillarPage,
            spec["key"],
            key=spec["key"],
            accent=spec["accent"],
            title=zh["title"],
            positioning=zh["positioning"],
            intro=zh["intro"],
            body=zh["body"],
            search_description=zh["positioning"],
        )
        ensure_translation(
            pillar,
            "en",
            title=en["title"],
            positioning=en["positioning"],
            intro=en["intro"],
            body=en["body"],
            search_description=en["positioning"],
        )
        pillars[spec["key"]] = pillar
    context.shared["plan"] = plan
    context.shared["pillars"] = pillars
    return plan, pillars


# ------------------------------------------------------------------------------------ data

GOALS = {
    "services": [
        (
            "建成重庆服务业高质量发展示范区",
            "Become Chongqing's demonstration zone for high-quality service industries",
            "以现代金融、现代商贸、文化旅游、专业服务、数字经济和大健康六大产业为重点。",
            "Focused on six industries: modern finance, modern commerce and trade, culture and "
            "tourism, professional services, the digital economy and health.",
        ),
        (
            "金融业规模保持全市第一，建设西部金融中心主承载区",
            "Keep the largest finance sector in the city and be the main hub of the Western Finance Centre",
            "重点发展绿色金融、金融科技和融资租赁。",
            "Green finance, fintech and financial leasing lead the way.",
        ),
        (
            "助力重庆建设国际消费中心城市",
            "Help Chongqing become an international consumption centre city",
            "依托解放碑、大坪两大商圈，引进国际品牌和潮流品牌，发展首店、首牌、首秀、首发的“四首”经济。",
            "Through the Jiefangbei and Daping business districts: international and trend "
            "brands, and the “four firsts” economy of first stores, first brands, first shows "
            "and first launches.",
        ),
        (
            "升级国家全域旅游示范区",
            "Upgrade Yuzhong as a national all-for-one tourism demonstration zone",
            "打响母城文化游、山水都市游、商务商贸游、红色文化游四大品牌。",
            "Four tour brands: Mother City culture, mountain-and-river city, business, and red "
            "culture tours.",
        ),
        (
            "发展专业服务、数字经济和大健康产业",
            "Grow professional services, the digital economy and the health industry",
            "建设区域高端专业服务中心；发展区块链、工业互联网、软件信息和数字内容；"
            "以环重医创新生态圈为核心，建设西部医学中心。",
            "A regional centre for accounting, law, human resources and consulting; blockchain, "
            "industrial internet, software and digital content; and a Western medical centre "
            "built around the innovation ecosystem near Chongqing Medical University.",
        ),
    ],
    "heritage": [
        (
            "基本建成下半城历史文化风貌带",
            "Basically complete the Lower Town historical and cultural belt",
            "展示古巴渝、老山城、新重庆的城市发展脉络。",
            "Telling the story of ancient Ba-Yu, the old mountain city and new Chongqing.",
        ),
        (
            "保护修复各类文物和优秀建筑",
            "Protect and restore relics and outstanding buildings",
            "涵盖革命文物、抗战文物、城墙遗址、石窟石刻和优秀建筑，推行“一楼一策”。",
            "Revolutionary and wartime relics, city-wall sites, grottoes, stone carvings and "
            "outstanding buildings, each building with its own plan.",
        ),
        (
            "传承红岩精神，打造“红色三岩”",
            "Carry on the Hongyan spirit through the “three red cliffs”",
            "红岩村、曾家岩、虎头岩联动，建设红岩公园和重庆革命军事馆。",
            "Hongyan Village, Zengjiayan and Hutouyan together, with a new Hongyan Park and the "
            "Chongqing Revolutionary Military Museum.",
        ),
    ],
    "international": [
        (
            "打造领事机构聚集区",
            "Be the place where Chongqing's consulates gather",
            "吸引已在上海、广州设领但尚未在西部设领的国家来渝设立领事机构。",
            "Attract countries that have consulates in Shanghai or Guangzhou but none yet in the west.",
        ),
        (
            "拓展国际友好城市",
            "Add international friendship cities",
            "重点面向欧盟、非洲和东南亚。",
            "Above all in the EU, Africa and South-East Asia.",
        ),
        (
            "办好国际会议和论坛，建设一流营商环境",
            "Host international conferences and forums and offer a first-class business environment",
            "对标世界银行营商环境评价指标，用好自贸试验区和中新互联互通示范项目平台。",
            "Measured against the World Bank's business-environment indicators, using the pilot "
            "free trade zone and the China-Singapore connectivity initiative.",
        ),
    ],
    "livability": [
        (
            "推进城市有机更新",
            "Renew the city organically",
            "优先改造重要场所、产业平台、景区景点、轨道交通站点周边和配套薄弱的区域。",
            "First around important venues, industry platforms, scenic spots, rail stations and "
            "areas short of everyday amenities.",
        ),
        (
            "改造老旧小区，应改尽改、能改早改",
            "Renovate every old residential compound that needs it, as early as possible",
            "消隐患、提环境、补功能、留记忆、强管理；补齐停车、出行、休闲、养老、托育、医疗和社区服务功能。",
            "Remove hazards, improve surroundings, add amenities, keep memories and manage "
            "better: parking, mobility, leisure, elderly care, childcare, medical and community "
            "services.",
        ),
        (
            "精细化城市管理，提升公共服务",
            "Manage the city finely and improve public services",
            "大城细管、大城智管、大城众管；创建国家义务教育优质均衡发展区。",
            "A big city run finely, smartly and by everyone; a national district of high-quality, "
            "balanced compulsory education.",
        ),
    ],
}

METRICS = [
    {
        "slug": "spring-festival-mall-sales",
        "pillar": "services",
        "goal": 2,
        "name": ("解放碑、大坪商圈31家大中型商场春节期间销售额", "Spring Festival sales of the 31 large and medium malls in Jiefangbei and Daping"),
        "unit": Unit.WAN_YUAN,
        "baseline": (Decimal("8526.95"), 2020, ("春节期间", "Spring Festival")),
        "measurements": [(2021, Decimal("23421.18"), ("春节期间", "Spring Festival"), False, None)],
        "notes": (
            "2021年春节期间，解放碑、大坪两大商圈31家大中型商场和购物中心实现销售额23,421.18万元，"
            "比上年同期的8,526.95万元增长174.7%。上年同期受新冠肺炎疫情冲击较大，增幅因此偏高。"
            "规划没有为这项数据设定目标。",
            "Over the 2021 Spring Festival the 31 large and medium malls and shopping centres of "
            "the Jiefangbei and Daping business districts sold 23,421.18 万元 (234.2 million "
            "yuan), up 174.7% on the same period a year earlier (8,526.95 万元), when COVID-19 "
            "had hit trade hard — which is why the rise is so large. The plan sets no target "
            "for this figure.",
        ),
    },
    {
        "slug": "spring-festival-sales-growth",
        "pillar": "services",
        "goal": 2,
        "name": ("春节期间商场销售额同比增长", "Year-on-year growth of Spring Festival mall sales"),
        "unit": Unit.PERCENT,
        "measurements": [(2021, Decimal("174.7"), ("春节期间", "Spring Festival"), False, None)],
        "notes": (
            "与2020年春节同期相比，当年同期受疫情影响较大。",
            "Compared with the 2020 Spring Festival, when the pandemic had hit trade hard.",
        ),
    },
    {
        "slug": "spring-festival-malls",
        "pillar": "services",
        "goal": 2,
        "name": ("春节销售统计覆盖的大中型商场和购物中心", "Large and medium malls and shopping centres in the Spring Festival count"),
        "unit": Unit.MALLS,
        "measurements": [(2021, Decimal("31"), ("春节期间", "Spring Festival"), False, None)],
        "notes": ("位于解放碑、大坪两大商圈。", "In the Jiefangbei and Daping business districts."),
    },
    {
        "slug": "jiefangbei-cbd-floor-area",
        "pillar": "services",
        "goal": 0,
        "name": ("解放碑中央商务区商务楼宇面积", "Business floor area of the Jiefangbei CBD"),
        "unit": Unit.SQUARE_METRES,
        "measurements": [(2021, Decimal("6000000"), ("年初", "early in the year"), True, None)],
        "notes": (
            "来源称“接近600万平方米”，是2021年初的情况。规划没有为这项数据设定目标。",
            "The source says “close to 6 million m²”, as of early 2021. The plan sets no target "
            "for this figure.",
        ),
    },
    {
        "slug": "relics-protected",
        "pillar": "heritage",
        "goal": 1,
        "name": ("完成保护修复的文物和优秀建筑", "Relics and outstanding buildings protected and restored"),
        "unit": Unit.SITES,
        "measurements": [],
        "notes": (
            "来源没有公布这项工作的数量或目标值，因此显示“暂无数据”。",
            "The source gives no number or target for this work, so it shows “no data”.",
        ),
    },
    {
        "slug": "consulate-countries",
        "pillar": "international",
        "goal": 0,
        "name": ("在重庆设立总领事馆的国家", "Countries with a consulate general in Chongqing"),
        "unit": Unit.COUNTRIES,
        "measurements": [
            (2021, Decimal("12"), ("1月28日", "28 January"), False, datetime.date(2021, 1, 28))
        ],
        "notes": (
            "2021年1月28日白俄罗斯驻重庆总领事馆开馆，白俄罗斯成为第12个在重庆设立总领事馆的国家。"
            "规划没有为这项数据设定目标。",
            "When Belarus opened its consulate general on 28 January 2021 (2021-01-28), it became "
            "the 12th country with a consulate general in Chongqing. The plan sets no target for "
            "this figure.",
        ),
    },
    {
        "slug": "friendship-cities",
        "pillar": "international",
        "goal": 1,
        "name": ("欧盟、非洲和东南亚的友好城市和友好交流城市", "Friendship and friendly-exchange cities in the EU, Africa and South-East Asia"),
        "unit": Unit.FRIENDSHIP_CITIES,
        "target": (Decimal("5"), 2022, Qualifier.EXACTLY),
        "measurements": [],
        "notes": (
            "目标：到2022年达到5个。来源没有公布后来的实际数量，因此显示“暂无数据”。",
            "Target: 5 by 2022. The source publishes no later count, so the indicator shows "
            "“no data”.",
        ),
    },
    {
        "slug": "international-conferences",
        "pillar": "international",
        "goal": 2,
        "name": ("每年举办的国际会议和论坛", "International conferences and forums held each year"),
        "unit": Unit.EVENTS_PER_YEAR,
        "target": (Decimal("30"), 2022, Qualifier.MORE_THAN),
        "measurements": [],
        "notes": (
            "目标：到2022年每年超过30场。来源没有公布实际举办的场次，因此显示“暂无数据”。",
            "Target: more than 30 a year by 2022. The source publishes no actual count, so the "
            "indicator shows “no data”.",
        ),
    },
    {
        "slug": "old-compounds-renovated",
        "pillar": "livability",
        "goal": 1,
        "name": ("完成改造的老旧小区", "Old residential compounds renovated"),
        "unit": Unit.COMPOUNDS,
        "measurements": [],
        "notes": (
            "规划要求“应改尽改、能改早改”，但来源没有公布数量，因此显示“暂无数据”。",
            "The plan says to renovate every compound that needs it, as early as possible, but "
            "the source gives no number, so the indicator shows “no data”.",
        ),
    },
]

S = ProjectStatus
PROJECTS = [
    # slug, pillar, goals, status, districts, name, summary, description, extra fields, milestones
    {
        "slug": "bonded-extension-zone",
        "pillar": "services", "goals": [2], "status": S.PLANNED, "districts": ["jiefangbei", "daping"],
        "name": ("保税延展区", "Bonded extension zone"),
        "summary": ("把保税商品展示和销售延伸到中心城区商圈。", "Bringing bonded goods on show and on sale into the city-centre shopping districts."),
        "description": (
            "规划中支撑国际消费中心城市建设的商贸项目之一。来源没有公布开工或完工日期。",
            "One of the commerce projects that support Chongqing as an international consumption "
            "centre city. The source gives no start or completion date.",
        ),
    },
    {
        "slug": "duty-free-showroom",
        "pillar": "services", "goals": [2], "status": S.PLANNED, "districts": ["jiefangbei", "daping"],
        "name": ("免税展示中心", "Duty-free showroom"),
        "summary": ("在渝中商圈展示免税商品。", "A showroom for duty-free goods in Yuzhong's shopping districts."),
        "description": ("规划列出的商贸项目之一，来源没有公布日期。", "A commerce project named in the plan; the source gives no dates."),
    },
    {
        "slug": "departure-tax-refund-shops",
        "pillar": "services", "goals": [2], "status": S.PLANNED, "districts": ["jiefangbei", "daping"],
        "name": ("离境退税店", "Departure tax-refund shops"),
        "summary": ("境外游客购物后可办理离境退税的商店。", "Shops where overseas visitors can claim tax back when they leave China."),
        "description": ("规划列出的商贸项目之一，来源没有公布日期或数量。", "A commerce project named in the plan; the source gives no dates or numbers."),
    },
    {
        "slug": "cross-border-ecommerce-stores",
        "pillar": "services", "goals": [2], "status": S.PLANNED, "districts": ["jiefangbei", "daping"],
        "name": ("跨境电商线下体验店", "Cross-border e-commerce experience stores"),
        "summary": ("让市民在实体店体验跨境电商商品。", "High-street stores where shoppers can see goods sold by cross-border e-commerce."),
        "description": ("规划列出的商贸项目之一，来源没有公布日期或数量。", "A commerce project named in the plan; the source gives no dates or numbers."),
    },
    {
        "slug": "medical-innovation-ecosystem",
        "pillar": "services", "goals": [4], "status": S.PLANNED, "districts": [],
        "name": ("环重医创新生态圈", "Innovation ecosystem around Chongqing Medical University"),
        "summary": ("以重庆医科大学为中心聚集大健康产业。", "Health-industry businesses clustered around Chongqing Medical University."),
        "description": (
            "大健康产业的核心项目，支撑西部医学中心建设。来源没有公布日期。",
            "The core of the health industry and of a future Western medical centre. The source "
            "gives no dates.",
        ),
    },
    {
        "slug": "shibati",
        "pillar": "heritage", "goals": [0], "status": S.UNDER_WAY, "districts": ["jiaochangkou"],
        "name": ("十八梯传统风貌区提升", "Shibati historic lanes upgrade"),
        "summary": ("较场口转盘下方的十八梯老街巷，提升后重新开放。", "The old stepped lanes of Shibati, below the Jiaochangkou roundabout, reopening after an upgrade."),
        "description": (
            "2021年初，十八梯正在提升改造，计划在“十四五”开局之年（2021年）重新开放。"
            "来源配发的图片是十八梯街巷的效果图。",
            "In early 2021 Shibati was being upgraded, with its reopening planned for 2021, the "
            "first year of the plan. The picture with the source article is an artist's rendering "
            "of its lanes.",
        ),
        "planned_completion_year": 2021,
        "milestones": [(None, 2021, ("提升后重新开放（计划）", "Reopening after the upgrade (planned)"), False)],
    },
    {
        "slug": "lower-town-belt",
        "pillar": "heritage", "goals": [0], "status": S.PLANNED, "districts": ["xiabancheng"],
        "name": ("下半城历史文化风貌带", "Lower Town historical and cultural belt"),
        "summary": ("沿下半城展示古巴渝、老山城、新重庆。", "A belt through the Lower Town showing ancient Ba-Yu, the old mountain city and new Chongqing."),
        "description": ("规划提出在“十四五”期间基本建成。", "The plan aims to have it basically complete within the plan period."),
        "planned_completion_year": 2025,
        "milestones": [(None, 2025, ("基本建成（规划目标）", "Basically complete (plan target)"), False)],
    },
    {
        "slug": "luzumiao",
        "pillar": "heritage", "goals": [0], "status": S.PLANNED, "districts": [],
        "name": ("鲁祖庙传统风貌区", "Luzumiao traditional area"),
        "summary": ("保护和展示鲁祖庙一带的传统街区风貌。", "Protecting and showing the traditional streetscape around Luzumiao."),
        "description": ("规划列出的历史文化项目之一，来源没有公布日期。", "A heritage project named in the plan; the source gives no dates."),
    },
    {
        "slug": "sancengmalu",
        "pillar": "heritage", "goals": [0], "status": S.PLANNED, "districts": [],
        "name": ("三层马路老山城街区", "Sancengmalu old mountain-city streets"),
        "summary": ("重现三层马路一带的老山城街巷。", "Bringing back the old mountain-city streets of Sancengmalu."),
        "description": ("规划列出的历史文化项目之一，来源没有公布日期。", "A heritage project named in the plan; the source gives no dates."),
    },
    {
        "slug": "hongyan-park",
        "pillar": "heritage", "goals": [2], "status": S.PLANNED, "districts": ["hualongqiao"],
        "name": ("红岩公园", "Hongyan Park"),
        "summary": ("围绕“红色三岩”建设的公园。", "A park built around the “three red cliffs”."),
        "description": (
            "把红岩村、曾家岩、虎头岩串联起来，传承红岩精神。来源没有公布日期。",
            "Linking Hongyan Village, Zengjiayan and Hutouyan to carry on the Hongyan spirit. "
            "The source gives no dates.",
        ),
    },
    {
        "slug": "revolutionary-military-museum",
        "pillar": "heritage", "goals": [2], "status": S.PLANNED, "districts": [],
        "name": ("重庆革命军事馆", "Chongqing Revolutionary Military Museum"),
        "summary": ("新建的革命军事主题博物馆。", "A new museum of Chongqing's revolutionary military history."),
        "description": ("“红色三岩”相关项目之一，来源没有公布日期。", "Part of the “three red cliffs” work; the source gives no dates."),
    },
    {
        "slug": "belarus-consulate-general",
        "pillar": "international", "goals": [0], "status": S.OPENED, "districts": [],
        "name": ("白俄罗斯驻重庆总领事馆", "Consulate General of Belarus in Chongqing"),
        "summary": ("2021年1月28日在渝中开馆。", "Opened in Yuzhong on 28 January 2021."),
        "description": (
            "领区包括重庆、四川、甘肃、陕西和湖北。这是白俄罗斯在中国设立的第3个总领事馆"
            "（此前在上海和广州），白俄罗斯也成为第12个在重庆设立总领事馆的国家。",
            "Its consular district covers Chongqing, Sichuan, Gansu, Shaanxi and Hubei. It is "
            "Belarus's 3rd consulate general in China, after Shanghai and Guangzhou, and made "
            "Belarus the 12th country with a consulate general in Chongqing.",
        ),
        "actual_completion": datetime.date(2021, 1, 28),
        "milestones": [(datetime.date(2021, 1, 28), None, ("总领事馆开馆", "Consulate general opens"), True)],
    },
    {
        "slug": "daijiaxiang-cliffside-walkway",
        "pillar": "livability", "goals": [0], "status": S.OPENED, "districts": ["chaotianmen"],
        "name": ("戴家巷崖壁步道", "Daijiaxiang cliffside walkway"),
        "summary": ("连接滨江路和解放碑的崖壁步道，2021年1月25日建成开放。", "A walkway along the cliff linking the riverside road with Jiefangbei, opened on 25 January 2021."),
        "description": (
            "步道历时3年多建成。居民和游客可以从滨江路很快走到解放碑，也分流了旁边洪崖洞的人流，"
            "周边环境随之变美。它是渝中推进城市有机更新的一个缩影。",
            "Built over more than 3 years, the walkway takes residents and visitors quickly from "
            "the riverside road up to Jiefangbei, draws crowds away from neighbouring Hongyadong "
            "and has smartened up its surroundings — a small picture of Yuzhong's organic urban "
            "renewal.",
        ),
        "actual_completion": datetime.date(2021, 1, 25),
        "progress": 100,
        "milestones": [(datetime.date(2021, 1, 25), None, ("建成开放", "Opens to the public"), True)],
    },
    {
        "slug": "old-residential-compounds",
        "pillar": "livability", "goals": [1], "status": S.PLANNED, "districts": [],
        "name": ("老旧小区改造", "Renovating old residential compounds"),
        "summary": ("消隐患、提环境、补功能、留记忆、强管理。", "Remove hazards, improve surroundings, add amenities, keep memories, manage better."),
        "description": (
            "适当减少建筑量，补上停车、出行、休闲、养老、托育、医疗和社区服务等功能。"
            "来源没有公布改造数量或日期。",
            "Where possible the amount of building is reduced, and parking, mobility, leisure, "
            "elderly care, childcare, medical and community services are added. The source gives "
            "no numbers or dates.",
        ),
    },
]


def _publish(obj):
    """Save a data record through a revision, as the admin's "publish" does."""
    obj.save()
    obj.save_revision().publish()


def ensure_plan_data(context):
    pillars = context.shared["pillars"]
    goals = {}
    for key, specs in GOALS.items():
        pillar = pillars[key]
        goals[key] = []
        for order, (zh, en, zh_text, en_text) in enumerate(specs):
            goal = Goal.objects.filter(pillar=pillar, statement_zh_hans=zh).first()
            if goal is None:
                goal = Goal(
                    pillar=pillar,
                    statement_zh_hans=zh,
                    statement_en=en,
                    explanation_zh_hans=zh_text,
                    explanation_en=en_text,
                    sort_order=order,
                )
                _publish(goal)
            goals[key].append(goal)

    for order, spec in enumerate(METRICS):
        if Metric.objects.filter(slug=spec["slug"]).exists():
            continue
        metric = Metric(
            slug=spec["slug"],
            pillar=pillars[spec["pillar"]],
            goal=goals[spec["pillar"]][spec["goal"]],
            name_zh_hans=spec["name"][0],
            name_en=spec["name"][1],
            unit=spec["unit"],
            kind=Metric.Kind.ANTICIPATORY if spec.get("target") else Metric.Kind.OTHER,
            source_name_zh_hans=SOURCE["zh_hans"],
            source_name_en=SOURCE["en"],
            notes_zh_hans=spec["notes"][0],
            notes_en=spec["notes"][1],
            sort_order=order,
        )
        if spec.get("baseline"):
            value, year, (zh, en) = spec["baseline"]
            metric.baseline_value, metric.baseline_year = value, year
            metric.baseline_label_zh_hans, metric.baseline_label_en = zh, en
        if spec.get("target"):
            metric.target_value, metric.target_year, metric.target_qualifier = spec["target"]
        metric.measurements = [
            Measurement(
                year=year,
                value=value,
                period_zh_hans=zh,
                period_en=en,
                approximate=approximate,
                date=date,
            )
            for year, value, (zh, en), approximate, date in spec["measurements"]
        ]
        _publish(metric)

    districts = {d.slug: d for d in District.objects.all()}
    for order, spec in enumerate(PROJECTS):
        if Project.objects.filter(slug=spec["slug"]).exists():
            continue
        project = Project(
            slug=spec["slug"],
            pillar=pillars[spec["pillar"]],
            status=spec["status"],
            name_zh_hans=spec["name"][0],
            name_en=spec["name"][1],
            summary_zh_hans=spec["summary"][0],
            summary_en=spec["summary"][1],
            description_zh_hans=spec["description"][0],
            description_en=spec["description"][1],
            source_name_zh_hans=SOURCE["zh_hans"],
            source_name_en=SOURCE["en"],
            actual_completion=spec.get("actual_completion"),
            planned_completion_year=spec.get("planned_completion_year"),
            progress=spec.get("progress"),
            sort_order=order,
        )
        project.goals = [goals[spec["pillar"]][index] for index in spec["goals"]]
        project.districts = [districts[slug] for slug in spec["districts"] if slug in districts]
        project.milestones = [
            Milestone(date=date, year=year, title_zh_hans=zh, title_en=en, done=done)
            for date, year, (zh, en), done in spec.get("milestones", [])
        ]
        _publish(project)
    context.say("The plan: pillars, goals, metrics and projects ready.")


def build_plan(context):
    ensure_plan_pages(context)
    ensure_plan_data(context)


# ---------------------------------------------------------------------------- updates (50)

UPDATES_INDEX = {
    "zh-hans": {
        "title": "动态",
        "intro": "规划实施中的新进展：项目开放、机构落户、重要数据发布。可按定位和年份筛选，也可以用RSS或Atom订阅。",
    },
    "en": {
        "title": "Updates",
        "intro": (
            "News from the plan as it happened: projects opening, institutions arriving, figures "
            "published. Filter by role or year, or subscribe by RSS or Atom."
        ),
    },
}

# Each update: slug, date, pillar keys, project slugs, then the Chinese and English texts
# (title, summary, body paragraphs). Facts only from FACTS.md; the sentences are our own.
UPDATES = [
    {
        "slug": "plan-period-begins",
        "date": datetime.date(2021, 1, 1),
        "pillars": ["services", "heritage", "international", "livability"],
        "projects": [],
        "zh-hans": (
            "“十四五”规划期开始：渝中的四个定位",
            "2021年是渝中区“十四五”规划的第一年。规划为渝中确定了四个定位：现代服务业引领区、"
            "历史文化展示区、国际交往窗口区和美好城市示范区。",
            [
                "<p>从2021年到2025年，渝中区围绕四个定位推进工作。本站按定位整理了各自的目标、指标和"
                "重点项目，并在规划期结束后展示每项指标的最终结果。</p>",
            ],
        ),
        "en": (
            "The 14th plan period begins: Yuzhong's four roles",
            "2021 is the first year of Yuzhong's 14th Five-Year Plan, which gives the district four "
            "roles: modern services, history and culture, international exchange and better city "
            "living.",
            [
                "<p>From 2021 to 2025 the district works towards four roles. This site sets out each "
                "role's goals, indicators and key projects, and, now that the period is over, each "
                "indicator's final outturn.</p>",
            ],
        ),
    },
    {
        "slug": "daijiaxiang-cliffside-walkway-opens",
        "date": datetime.date(2021, 1, 25),
        "pillars": ["livability"],
        "projects": ["daijiaxiang-cliffside-walkway"],
        "zh-hans": (
            "戴家巷崖壁步道建成开放",
            "2021年1月25日，历时3年多建设的戴家巷崖壁步道向市民和游客开放。",
            [
                "<p>步道把滨江路和解放碑快速连在一起，能为相邻的洪崖洞分流人群，也改善了周边环境。</p>"
                "<p>它是渝中区推进城市有机更新的一个例子。</p>",
            ],
        ),
        "en": (
            "The Daijiaxiang cliffside walkway opens",
            "On 25 January 2021 the Daijiaxiang cliffside walkway opened to residents and visitors "
            "after more than three years of construction.",
            [
                "<p>The walkway gives a quick link between the riverside road and Jiefangbei, takes "
                "pressure off the crowds at neighbouring Hongyadong and improves the setting.</p>"
                "<p>It is one example of the district's organic urban renewal.</p>",
            ],
        ),
    },
    {
        "slug": "belarus-consulate-general-opens",
        "date": datetime.date(2021, 1, 28),
        "pillars": ["international"],
        "projects": ["belarus-consulate-general"],
        "zh-hans": (
            "白俄罗斯驻重庆总领事馆在渝中开馆",
            "2021年1月28日，白俄罗斯驻重庆总领事馆在渝中区开馆，白俄罗斯成为第12个在重庆设立总领事馆的国家。",
            [
                "<p>这是白俄罗斯继上海、广州之后在中国设立的第3个总领事馆，领区包括重庆、四川、甘肃、"
                "陕西和湖北。</p>"
                "<p>渝中区是重庆各国领事机构集中的地方；规划提出，要吸引在上海、广州设有领馆、"
                "但在西部尚未设馆的国家来渝。</p>",
            ],
        ),
        "en": (
            "Belarus opens its consulate general in Yuzhong",
            "On 28 January 2021 the Consulate General of Belarus in Chongqing opened in Yuzhong, "
            "making Belarus the 12th country with a consulate general in Chongqing.",
            [
                "<p>It is Belarus's third consulate general in China, after Shanghai and Guangzhou. "
                "Its consular district covers Chongqing, Sichuan, Gansu, Shaanxi and Hubei.</p>"
                "<p>Yuzhong is where Chongqing's consulates cluster, and the plan aims to attract "
                "countries that have consulates in Shanghai or Guangzhou but none yet in the "
                "west.</p>",
            ],
        ),
    },
    {
        "slug": "plan-period-ends",
        "date": datetime.date(2025, 12, 31),
        "pillars": ["services", "heritage", "international", "livability"],
        "projects": [],
        "zh-hans": (
            "“十四五”规划期结束",
            "2025年底，“十四五”规划期结束。本站的指标页面改为展示最终结果与目标的对比。",
            [
                "<p>没有公开数据的指标仍然写明“暂无数据”，我们不做估算。"
                "如有新的公开数据，编辑会注明来源后补充。</p>",
            ],
        ),
        "en": (
            "The 14th plan period ends",
            "The 14th Five-Year Plan period ended at the close of 2025. Indicator pages now compare "
            "each final outturn with its target.",
            [
                "<p>Indicators without a published figure still say “no data”; we do not estimate. "
                "When a new figure is published, our editors add it with its source.</p>",
            ],
        ),
    },
]


def build_updates(context):
    """The updates index (动态 / Updates) under the home page and a few updates, both languages."""
    from .models import UpdateIndexPage, UpdatePage

    zh, en = UPDATES_INDEX["zh-hans"], UPDATES_INDEX["en"]
    index, _created = ensure_child_page(
        context.home, UpdateIndexPage, "updates", title=zh["title"], intro=zh["intro"],
        search_description=zh["intro"], show_in_menus=True,
    )
    ensure_translation(index, "en", title=en["title"], intro=en["intro"], search_description=en["intro"])
    pillars = {p.key: p for p in PillarPage.objects.filter(locale=context.home.locale)}
    for spec in UPDATES:
        title, summary, body = spec["zh-hans"]
        update, created = ensure_child_page(
            index, UpdatePage, spec["slug"], title=title, date=spec["date"], summary=summary,
            body=[paragraph(html) for html in body],
        )
        if created:
            update.pillars = [pillars[key] for key in spec["pillars"] if key in pillars]
            update.projects = list(Project.objects.filter(slug__in=spec["projects"]))
            update.save_revision().publish()
        title, summary, body = spec["en"]
        ensure_translation(
            update, "en", title=title, summary=summary, body=[paragraph(html) for html in body]
        )
    context.shared["updates_index"] = index
    context.say(f"Updates: index and {len(UPDATES)} updates ready.")


# heritage site slug → plan project slug: places that are also key projects of the plan.
SITE_PROJECTS = {
    "shibati": "shibati",
    "daijiaxiang-cliffside-walkway": "daijiaxiang-cliffside-walkway",
    "xiabancheng": "lower-town-belt",
    "luzumiao": "luzumiao",
    "sancengmalu": "sancengmalu",
}


def link_sites_to_projects(context):
    """Each heritage site above points at its plan project (on the Chinese page, which the
    English page follows). Idempotent: a page without the link gets it in a new, published
    revision; a link an editor set is left alone."""
    index = context.shared.get("visit_index")
    if index is None:
        index = VisitIndexPage.objects.filter(locale__language_code=default_language()).first()
    if index is None:
        return
    projects = Project.objects.in_bulk(SITE_PROJECTS.values(), field_name="slug")
    sites = {
        page.slug: page
        for page in HeritageSitePage.objects.child_of(index).filter(slug__in=SITE_PROJECTS)
    }
    linked = 0
    for site_slug, project_slug in SITE_PROJECTS.items():
        site, project = sites.get(site_slug), projects.get(project_slug)
        if site is None or project is None or site.related_project_id:
            continue
        site.related_project = project
        site.save_revision().publish()
        # The link changes no text: republish the English translation with it too, so that it
        # is not reported (or shown to readers) as older than its Chinese source.
        for translated in site.get_translations().filter(alias_of__isnull=True).specific():
            translated.related_project = project
            translated.save_revision().publish()
        linked += 1
    context.say(f"Heritage sites linked to plan projects: {linked} new.")


DEMO_STEPS = [
    (30, build_plan),
    (45, link_sites_to_projects),
    (50, build_updates),
]
