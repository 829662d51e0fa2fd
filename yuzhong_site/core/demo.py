"""Demo content for the site shell: home page, "About this site" (``demo_data/about.yaml``),
footer, demo accounts.

Written in our own words from ../shared/seed/FACTS*.md; no figure appears here that is not there.
"""

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from wagtail.models import Site

from .demo_data import demo_data
from .editorial import EDITORS_GROUP, MODERATORS_GROUP, ensure_editorial_setup, ensure_group
from .models import FooterSettings, StandardPage
from .pages import ensure_child_page, ensure_translation
from .site_setup import ensure_site

# Placeholder footer identifiers: the site audit warns while they are still in place.
DEMO_SITE_ID_CODE = "0000000000"
DEMO_ICP_NUMBER = "渝ICP备00000000号-0（示例）"

DEMO_ADMIN_USERNAME = "admin"
DEMO_ADMIN_PASSWORD = "yuzhong-demo-admin"  # noqa: S105 - development-only demo account
# Development-only accounts for trying the review workflow: the editor writes and submits,
# the moderator approves and publishes.
DEMO_EDITOR_USERNAME = "editor"
DEMO_EDITOR_PASSWORD = "yuzhong-demo-editor"  # noqa: S105 - development-only demo account
DEMO_MODERATOR_USERNAME = "moderator"
DEMO_MODERATOR_PASSWORD = "yuzhong-demo-moderator"  # noqa: S105 - development-only demo account


@dataclass
class DemoContext:
    stdout: object = None
    with_accounts: bool = False
    home: object = None
    english_home: object = None
    shared: dict = field(default_factory=dict)

    def say(self, message):
        if self.stdout is not None:
            self.stdout.write(message)


def paragraph(html):
    return ("paragraph", html)


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


HOME = {
    "zh-hans": {
        "introduction": (
            "渝中区是重庆的“母城”。本站用中文和英文，介绍渝中区“十四五”规划（2021—2025年）"
            "提出的四个发展定位、衡量进展的关键数据、重点项目，以及走访历史文化地标所需的实用信息。"
        ),
        "search_description": "渝中区“十四五”规划的目标、数据、项目与历史文化地标，中英双语。",
        "body": [
            heading("怎样使用本站"),
            paragraph(
                "<p>想了解规划进展，可从“规划”栏目进入，按四个定位查看目标、指标和重点项目；"
                "每个数字都注明来源，没有公开数据的指标会直接写明“暂无数据”。</p>"
                "<p>想出门走走，可在“游渝中”栏目查看十八梯、红岩村等地的交通、开放时间和无障碍信息。</p>"
                "<p>页面右上角可以切换英文，也可以打开“大字模式”，设置会被记住。</p>"
            ),
        ],
    },
    "en": {
        "introduction": (
            "Yuzhong is Chongqing's “Mother City”. This site sets out, in Chinese and English, the "
            "four roles the district gave itself in its 14th Five-Year Plan (2021–2025), the "
            "figures that show how far it got, its key projects, and what you need to know to "
            "visit its historic places."
        ),
        "search_description": (
            "Yuzhong District's 14th Five-Year Plan: goals, figures, projects and heritage sites, "
            "in Chinese and English."
        ),
        "body": [
            heading("Using this site"),
            paragraph(
                "<p>To follow the plan, start from “The plan”: each of its four roles has its goals, "
                "indicators and key projects. Every figure names its source; an indicator with no "
                "published figure says “no data” rather than guessing.</p>"
                "<p>To go out and explore, “Visit Yuzhong” has directions, opening times and "
                "step-free information for places such as Shibati and Hongyan Village.</p>"
                "<p>Use the links at the top of the page to switch to Chinese or to turn on large "
                "text; the site remembers your choice.</p>"
            ),
        ],
    },
}

def body_blocks(blocks):
    """StreamField blocks from demo data: ``[{"heading": {"text", "level"?}} | {"paragraph": html}]``."""
    result = []
    for block in blocks or []:
        (kind, value), = block.items()
        if kind == "heading":
            result.append(heading(value["text"], value.get("level", "h2")))
        else:
            result.append(paragraph(value))
    return result


def page_words_digest(page):
    """A digest of a standard page's words (title, introduction, description, body): tells a
    page still as a demo load left it from one an editor has changed."""
    body = [(block["type"], block["value"]) for block in page.body.raw_data]
    words = [page.title, page.introduction, page.search_description, body]
    return hashlib.sha256(json.dumps(words, ensure_ascii=False, sort_keys=True).encode()).hexdigest()


def _about_fields(data, language):
    words = data[language]
    return {
        "title": words["title"],
        "introduction": words["introduction"],
        "search_description": words["search_description"],
        "body": body_blocks(words["body"]),
    }


def ensure_about_page(home):
    """"About this site" in both languages (``demo_data/about.yaml``). A page still exactly as
    an earlier demo version left it (no editor's change, no draft waiting) gets the new words;
    any other existing page is left as it is."""
    data = demo_data("yuzhong_site", "about")
    about, _created = ensure_child_page(
        home, StandardPage, "about", show_in_menus=True, **_about_fields(data, "zh-hans")
    )
    english, _created = ensure_translation(about, "en", **_about_fields(data, "en"))
    for page, language in ((about, "zh-hans"), (english, "en")):
        replaced = data["replaces"].get(language) or []
        if not page.has_unpublished_changes and page_words_digest(page) in replaced:
            for name, value in _about_fields(data, language).items():
                setattr(page, name, value)
            page.save_revision().publish()
    return about


def build_site_shell(context):
    home, english_home = ensure_site()
    context.home, context.english_home = home, english_home

    # Fill in the home page texts once (a home page an editor has changed is left alone).
    for page, language in ((home, "zh-hans"), (english_home, "en")):
        if not page.introduction:
            data = HOME[language]
            page.introduction = data["introduction"]
            page.search_description = data["search_description"]
            page.body = data["body"]
            page.save_revision().publish()

    context.shared["about"] = ensure_about_page(home)

    site = Site.objects.get(is_default_site=True)
    footer = FooterSettings.for_site(site)
    if not footer.operator_zh_hans:
        footer.operator_zh_hans = "渝中“十四五”公众信息网站编辑组（示例内容）"
        footer.operator_en = "Yuzhong Five-Year Plan editorial team (demo content)"
        footer.contact_email = "editors@example.org"
        footer.save()
    # Filing identifiers in the right form but obviously not real (all zeros, marked 示例): the
    # site audit accepts them and warns that they must be replaced before going live.
    if not footer.site_id_code or not footer.icp_number:
        footer.site_id_code = footer.site_id_code or DEMO_SITE_ID_CODE
        footer.icp_number = footer.icp_number or DEMO_ICP_NUMBER
        footer.save()
    context.say("Site shell: home page, About page and footer ready.")


def create_demo_accounts(context):
    if not (context.with_accounts and settings.DEBUG):
        return
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=DEMO_ADMIN_USERNAME,
        defaults={"is_staff": True, "is_superuser": True, "email": "admin@example.org"},
    )
    if created:
        user.set_password(DEMO_ADMIN_PASSWORD)
        user.save()
    context.say(
        f"Demo admin (development only): {DEMO_ADMIN_USERNAME} / {DEMO_ADMIN_PASSWORD} "
        "at http://127.0.0.1:8000/admin/"
    )


def set_up_editorial_review(context):
    """Groups 编辑/审核 and the review workflow on the home pages and every section built by the
    earlier steps (plan 30, visitors' pages 40, updates 50)."""
    editors, moderators, workflow = ensure_editorial_setup()
    context.shared["editorial"] = {"editors": editors, "moderators": moderators, "workflow": workflow}
    context.say(f"Editorial review: groups {editors.name}, {moderators.name}; workflow {workflow.name}.")


def create_demo_editorial_accounts(context):
    if not (context.with_accounts and settings.DEBUG):
        return
    from django.contrib.auth.models import Group

    User = get_user_model()
    accounts = (
        (DEMO_EDITOR_USERNAME, DEMO_EDITOR_PASSWORD, EDITORS_GROUP, "编辑示例", "Editor"),
        (DEMO_MODERATOR_USERNAME, DEMO_MODERATOR_PASSWORD, MODERATORS_GROUP, "审核示例", "Moderator"),
    )
    for username, password, group_name, first_name, role in accounts:
        group = Group.objects.filter(name=group_name).first() or ensure_group(group_name)
        user, created = User.objects.get_or_create(
            username=username,
            defaults={"email": f"{username}@example.org", "first_name": first_name},
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(group)
        context.say(
            f"Demo {role.lower()} (development only, group {group_name}): {username} / {password}"
        )


DEMO_STEPS = [
    (10, build_site_shell),
    (60, set_up_editorial_review),
    (90, create_demo_accounts),
    (91, create_demo_editorial_accounts),
]
