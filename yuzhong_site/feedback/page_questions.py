""""居民问答 / Residents' questions" at the end of project, pillar and place pages (through
core/page_extras.py: the pages do not know about this app). One query on those pages, none on
any other."""

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.http import urlencode

from districts.models import HeritageSitePage
from plans.models import PillarPage
from yuzhong_site.core.i18n import default_locale

from .models import Question
from .views import question_entries

SHOWN = 5


def _topic(context):
    """(topic, Question filter, value of the form's topic field) for the page, or None."""
    project = context.get("project")
    if project is not None and getattr(project, "pk", None) and "project_goals" in context:
        return "project", {"project_id": project.pk}, f"project:{project.pk}"

    page = context.get("page")
    for topic, model in (("pillar", PillarPage), ("place", HeritageSitePage)):
        if isinstance(page, model):
            choice = f"{topic}:{page.pk}" if page.locale_id == default_locale().pk else None
            return topic, {f"{topic}__translation_key": page.translation_key}, choice
    return None


def questions_section(context):
    found = _topic(context)
    if found is None:
        return ""

    topic, lookup, choice = found
    questions = list(
        Question.objects.published().filter(topic=topic, **lookup)
        .order_by("-received_at", "-pk")[:SHOWN]
    )
    if choice is None and questions:
        choice = f"{topic}:{getattr(questions[0], topic + '_id')}"
    ask_url = reverse("question_ask")
    list_url = reverse("questions")
    if choice is not None:
        ask_url += "?" + urlencode({"topic": choice})
        list_url += "?" + urlencode({"topic": choice})
    return render_to_string("feedback/page_questions.html", {
        "entries": question_entries(questions, translation.get_language()),
        "ask_url": ask_url,
        "list_url": list_url,
        "LANGUAGE_CODE": translation.get_language(),
    })
