"""Serving a consultation page: the form only while it is open; a response posted before or
after the dates is refused with the dates, and what was typed is shown back (nothing lost).

The builders register themselves for ``ConsultationPage`` (``@builds``) and the page asks for
them by name (``yuzhong_site/core/page_context.py``): this module imports the models, never the
reverse. ``FeedbackConfig.ready`` imports it."""

from django.db import transaction
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.utils import timezone, translation

from yuzhong_site.core.i18n import default_locale_page
from yuzhong_site.core.page_context import builds

from . import throttle
from .deadlines import set_due_date
from .forms import ConsultationForm
from .models import AdoptedIdea, ConsultationPage, ConsultationResponse, Contact
from .moderation import notify_moderators
from .views import DUPLICATE_WINDOW


@builds(ConsultationPage)
def consultation_context(page, request):
    phase = page.phase()
    source = default_locale_page(page)  # responses and the report hang on the Chinese page
    context = {"phase": phase, "sent": request.GET.get("sent") == "1"}
    if phase == "open" and "form" not in context:
        context["form"] = ConsultationForm()
    if phase == "closed" and page.report_published:
        ideas = (AdoptedIdea.objects.filter(page=page)
                 .select_related("became_page", "became_project", "became_project__pillar"))
        context["report"] = {
            "received": ConsultationResponse.objects.filter(consultation=source).count(),
            "ideas": list(ideas),
        }
    return context


@builds(ConsultationPage, "serve")
def serve_consultation(page, request, serve, *args, **kwargs):
    # as @sensitive_post_parameters("contact") does, for a page's serve()
    request.sensitive_post_parameters = ["contact"]
    if request.method != "POST":
        return serve(request, *args, **kwargs)
    form = ConsultationForm(request.POST)
    phase = page.phase()
    context = page.get_context(request)
    context.update({"form": form, "page": page, "self": page})
    status = 400
    if phase != "open":
        context["refused"] = True  # the template says when it opens or closed
        return TemplateResponse(request, page.get_template(request), context, status=status)
    if form.is_bot:
        return HttpResponseRedirect(page.url + "?sent=1")
    if not form.is_valid():
        return TemplateResponse(request, page.get_template(request), context, status=status)
    data = form.cleaned_data
    contact_value = data["contact"][1] if data["contact"] else ""
    if throttle.address_limited(request) or throttle.contact_limited(request, contact_value):
        context["too_many"] = True
        return TemplateResponse(request, page.get_template(request), context, status=429)
    source = default_locale_page(page)
    fingerprint = throttle.fingerprint(request, source.pk, data["text"])
    if not ConsultationResponse.objects.filter(
        fingerprint=fingerprint, received_at__gte=timezone.now() - DUPLICATE_WINDOW
    ).exists():
        with transaction.atomic():
            contact = None
            if data["contact"]:
                kind, value = data["contact"]
                contact = Contact.objects.create(**{kind: value})
            response = ConsultationResponse(
                consultation=source, text=data["text"], contact=contact, fingerprint=fingerprint,
                language=translation.get_language(),
            )
            set_due_date(response)
            response.save()
            transaction.on_commit(lambda: notify_moderators(response))
    return HttpResponseRedirect(page.url + "?sent=1")
