"""Admin screens beside the queues: the yearly report (and its CSV) and one person's data
(export or erase, by e-mail or mobile number)."""

import json

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic import WagtailAdminTemplateMixin

from .erasure import erase_person, export_person, find_contacts
from .models import ErrorReport, Question
from .moderation import is_site_moderator, visible_items
from .report import report_csv, yearly_report


class YearlyReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "feedback/admin/yearly_report.html"
    page_title = gettext_lazy("Feedback: yearly report")
    header_icon = "doc-full"

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def year(self):
        value = self.request.GET.get("year", "")
        return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else (
            timezone.localdate().year)

    def rows(self):
        user = self.request.user
        return yearly_report(self.year(), querysets={
            model: visible_items(user, model.objects.all()) for model in (ErrorReport, Question)
        })

    def get(self, request, *args, **kwargs):
        if not any(request.user.has_perm(f"feedback.change_{m}") for m in ("errorreport", "question")):
            raise PermissionDenied
        if request.GET.get("format") == "csv":
            response = HttpResponse(report_csv(self.rows()), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = (
                f'attachment; filename="feedback-report-{self.year()}.csv"')
            return response
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["year"] = self.year()
        context["rows"] = self.rows()
        return context


class PersonDataView(WagtailAdminTemplateMixin, TemplateView):
    """For a resident's request (PIPL): what is kept about them, and erasing it. Site moderators
    (审核) and administrators only: it reaches across sections."""

    template_name = "feedback/admin/person_data.html"
    page_title = gettext_lazy("Feedback: one person's data")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not is_site_moderator(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def get(self, request, *args, **kwargs):
        contact = request.GET.get("contact", "").strip()
        if contact and request.GET.get("format") == "json":
            data = export_person(contact)
            response = HttpResponse(json.dumps(data, ensure_ascii=False, indent=2),
                                    content_type="application/json; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="feedback-person.json"'
            response["Cache-Control"] = "private, no-store"
            return response
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        contact = request.POST.get("contact", "").strip()
        erased = erase_person(contact)
        messages.success(request, _("Contact details erased: %(count)s.") % {"count": erased})
        return redirect("feedback_person_data")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        contact = self.request.GET.get("contact", "").strip()
        context["contact"] = contact
        if contact:
            context["found"] = export_person(contact) if find_contacts(contact).exists() else None
        return context
