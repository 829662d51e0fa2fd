"""The residents' pages: 纠错, questions (list, form, status by code), the privacy notice.

Forms are POSTed with Django's CSRF protection; a page holding a form token is never kept by
the page cache (core/cache.py), nor is a status page (``never_cache``) or anything answering a
POST. Contact fields are ``sensitive_post_parameters`` (kept out of error reports).
"""

import re
from datetime import timedelta

from django.conf import settings
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models.functions import Length
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from yuzhong_site.core.i18n import default_locale_page

from . import throttle
from .deadlines import set_due_date
from .forms import ErrorReportForm, QuestionForm, topic_choices, topic_from_choice
from .mail import queue_email
from .models import Contact, ErrorReport, Question
from .moderation import notify_moderators
from .pages import describe, section_of

CODE = re.compile(r"^YZ-(\d{4})-(\d{4,6})$")
DUPLICATE_WINDOW = timedelta(minutes=1)
PER_PAGE = 20


def _render(request, template, context, status=200):
    context.setdefault("no_report_link", True)
    return render(request, template, context, status=status)


def _too_many(request, template, context):
    context["too_many"] = True
    return _render(request, template, context, status=429)


# ------------------------------------------------------------------------------- 纠错


@sensitive_post_parameters("email")
def report_error(request):
    url = request.POST.get("url") if request.method == "POST" else request.GET.get("url", "")
    about = describe(request, url)
    if request.method != "POST":
        form = ErrorReportForm(initial={"url": about.url if about else "",
                                        "figure": request.GET.get("figure", "")[:255]})
        return _render(request, "feedback/report_form.html", {"form": form, "about": about})
    form = ErrorReportForm(request.POST)
    context = {"form": form, "about": about}
    if form.is_bot:
        return HttpResponseRedirect(reverse("report_error_thanks"))
    valid = form.is_valid()
    if about is None:
        form.add_error(None, _("We could not tell which page of this site this is about. "
                               "Please use the “Report an error” link at the end of the page."))
        valid = False
    if not valid:
        return _render(request, "feedback/report_form.html", context, status=400)
    data = form.cleaned_data
    if throttle.address_limited(request) or throttle.contact_limited(request, data["email"]):
        return _too_many(request, "feedback/report_form.html", context)
    fingerprint = throttle.fingerprint(request, about.url, data["what_is_wrong"])
    if not ErrorReport.objects.filter(
        fingerprint=fingerprint, received_at__gte=timezone.now() - DUPLICATE_WINDOW
    ).exists():
        with transaction.atomic():
            contact = Contact.objects.create(email=data["email"]) if data["email"] else None
            report = ErrorReport(
                page_url=about.url, page_title=about.title[:255], section=about.section,
                figure=data["figure"], what_is_wrong=data["what_is_wrong"],
                what_is_right=data["what_is_right"], source=data["source"], contact=contact,
                language=translation.get_language(), fingerprint=fingerprint,
            )
            set_due_date(report)
            report.save()
            transaction.on_commit(lambda: notify_moderators(report))
    return HttpResponseRedirect(
        reverse("report_error_thanks") + "?" + urlencode({"url": about.url})
    )


def report_error_thanks(request):
    about = describe(request, request.GET.get("url", ""))
    return _render(request, "feedback/report_thanks.html", {"about": about})


# ------------------------------------------------------------------------------ questions


def _topic_labels(choices):
    labels = {}
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            labels.update({v: lbl for v, lbl in label})
        else:
            labels[value] = label
    return labels


def _topic_key(question):
    if question.topic == Question.Topic.GENERAL:
        return "general"
    return f"{question.topic}:{getattr(question, question.topic + '_id')}"


def question_entries(questions, language, labels=None):
    """What the public sees of each published question: never a contact, only the display
    name the asker chose (or "a resident")."""
    labels = labels if labels is not None else {}
    entries = []
    for question in questions:
        reply, reply_language = question.reply_in(language)
        entries.append({
            "question": question,
            "topic_label": labels.get(_topic_key(question), ""),
            "topic_key": _topic_key(question),
            "reply": reply,
            "reply_untranslated": language == "en" and reply_language != "en",
            "handling_unit": question.handling_unit_in(language),
        })
    return entries


def questions(request):
    language = translation.get_language()
    choices = topic_choices(language)
    labels = _topic_labels(choices)
    published = Question.objects.published().order_by("-received_at", "-pk")
    topic = request.GET.get("topic", "")
    if topic and topic in labels:
        kind, lookup = topic_from_choice(topic)
        published = published.filter(topic=kind, **lookup)
    else:
        topic = ""
    page = Paginator(published, PER_PAGE).get_page(request.GET.get("page"))
    return _render(request, "feedback/questions.html", {
        "entries": question_entries(page.object_list, language, labels),
        "page_obj": page,
        "topic": topic,
        "topic_groups": _groups(choices),
        "topic_label": labels.get(topic, ""),
        "no_report_link": False,
    })


def _groups(choices):
    """[(group label or None, [(value, label)])] for the topic filter's <select>."""
    groups = []
    for value, label in choices:
        if isinstance(label, (list, tuple)):
            if label:
                groups.append((value, list(label)))
        else:
            groups.append((None, [(value, label)]))
    return groups


def next_code(year):
    prefix = f"YZ-{year}-"
    last = (Question.objects.filter(code__startswith=prefix)
            .order_by(Length("code").desc(), "-code").values_list("code", flat=True).first())
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


def _create_question(request, data, fingerprint):
    kind, lookup = topic_from_choice(data["topic"])
    contact_kind, contact_value = data["contact"]
    for _attempt in range(5):  # two askers in the same instant: the second takes the next code
        try:
            with transaction.atomic():
                contact = Contact.objects.create(**{contact_kind: contact_value})
                question = Question(
                    code=next_code(timezone.localdate().year), topic=kind, text=data["text"],
                    display_name=data["display_name"], contact=contact,
                    language=translation.get_language(), fingerprint=fingerprint, **lookup,
                )
                question.section = _question_section(question)
                set_due_date(question)
                question.save()
                status_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + reverse(
                    "question_status") + "?" + urlencode({"code": question.code})
                queue_email(
                    contact,
                    _("Your question to the Yuzhong Plan site: %(code)s") % {"code": question.code},
                    _("Thank you. We received your question on %(date)s.\n\nTracking code: "
                      "%(code)s\nCheck its status: %(url)s\n\nYour question:\n%(text)s\n") % {
                        "date": timezone.localdate(), "code": question.code,
                        "url": status_url, "text": question.text},
                )
                transaction.on_commit(lambda q=question: notify_moderators(q))
                return question
        except IntegrityError:
            continue
    raise IntegrityError("no free tracking code")


def _question_section(question):
    if question.topic == Question.Topic.PILLAR and question.pillar_id:
        return question.pillar
    if question.topic == Question.Topic.PROJECT and question.project_id:
        return default_locale_page(question.project.pillar)
    if question.topic == Question.Topic.PLACE and question.place_id:
        return section_of(question.place)
    return None


@sensitive_post_parameters("contact")
def question_ask(request):
    language = translation.get_language()
    choices = topic_choices(language)
    if request.method != "POST":
        form = QuestionForm(topics=choices, initial={"topic": request.GET.get("topic", "general")})
        return _render(request, "feedback/question_form.html", {"form": form})
    form = QuestionForm(request.POST, topics=choices)
    context = {"form": form}
    if form.is_bot:
        return HttpResponseRedirect(reverse("questions"))
    if not form.is_valid():
        return _render(request, "feedback/question_form.html", context, status=400)
    data = form.cleaned_data
    if throttle.address_limited(request) or throttle.contact_limited(request, data["contact"][1]):
        return _too_many(request, "feedback/question_form.html", context)
    fingerprint = throttle.fingerprint(request, data["contact"][1], data["text"])
    question = Question.objects.filter(
        fingerprint=fingerprint, received_at__gte=timezone.now() - DUPLICATE_WINDOW
    ).first() or _create_question(request, data, fingerprint)
    return HttpResponseRedirect(
        reverse("question_status") + "?" + urlencode({"code": question.code, "new": "1"})
    )


@never_cache
def question_status(request):
    """A question's status by its tracking code: the status only, nothing of its content."""
    raw = request.GET.get("code", "")
    code = raw.strip().upper()[:30]
    question = error = None
    status = 200
    if raw:
        if not CODE.match(code):
            error = _("A tracking code looks like YZ-2026-0042. Please check what you typed.")
            status = 400
        else:
            question = (Question.objects.filter(code=code)
                        .only("code", "state", "received_at", "published", "replied_on").first())
            if question is None:
                error = _("No question has the tracking code %(code)s. Please check what you "
                          "typed.") % {"code": code}
                status = 404
    return _render(request, "feedback/question_status.html", {
        "code": code, "question": question, "error": error,
        "just_submitted": question is not None and request.GET.get("new") == "1",
    }, status=status)


def privacy_notice(request):
    return _render(request, "feedback/privacy.html", {
        "retention_months": getattr(settings, "FEEDBACK_CONTACT_RETENTION_MONTHS", 12),
    })
