"""CSV export and import of measurements and projects in the Wagtail admin.

Export: a button on the metric and project listings (anyone who may see them).
Import: upload → preview (what will be added or changed, every error with its line) → confirm.
Importing publishes a new revision of every changed metric (or project), logged with the
importing user, so it needs the permission to publish metrics (or projects) — moderators — and
stays within the pillars the user may edit; a record with a pending draft is refused.
"""

import uuid

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DatabaseError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView
from wagtail import hooks
from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.admin.widgets import HeaderButton
from wagtail.snippets.views.snippets import IndexView

from . import csv_io
from .models import Metric, Project

KIND_FOR_MODEL = {Metric: "measurements", Project: "projects"}
MODEL_FOR_KIND = {"measurements": Metric, "projects": Project}
PENDING_TIMEOUT = 3600


def can_export(user, kind):
    model = MODEL_FOR_KIND[kind]
    return user.has_perm(f"plans.change_{model._meta.model_name}") or user.has_perm(
        f"plans.view_{model._meta.model_name}"
    )


def can_import(user, kind):
    model = MODEL_FOR_KIND[kind]
    return user.has_perm(f"plans.publish_{model._meta.model_name}")


class CsvIndexView(IndexView):
    """The snippet listing with "Export CSV" and "Import CSV" buttons."""

    @property
    def header_buttons(self):
        buttons = list(super().header_buttons)
        kind = KIND_FOR_MODEL.get(self.model)
        if kind is None:
            return buttons
        user = self.request.user
        if can_export(user, kind):
            buttons.append(
                HeaderButton(
                    _("Export %(kind)s as CSV") % {"kind": _kind_label(kind)},
                    url=reverse("plans_csv_export", args=[kind]),
                    icon_name="download",
                )
            )
        if can_import(user, kind):
            buttons.append(
                HeaderButton(
                    _("Import %(kind)s from CSV") % {"kind": _kind_label(kind)},
                    url=reverse("plans_csv_import", args=[kind]),
                    icon_name="upload",
                )
            )
        return buttons


def _kind_label(kind):
    return _("measurements") if kind == "measurements" else _("projects")


def export_view(request, kind):
    if kind not in MODEL_FOR_KIND:
        raise Http404
    if not can_export(request.user, kind):
        raise PermissionDenied
    response = HttpResponse(csv_io.export_bytes(kind), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="yuzhong-{kind}.csv"'
    return response


class ImportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "plans/admin/csv_import.html"
    header_icon = "upload"

    def dispatch(self, request, kind):
        if kind not in MODEL_FOR_KIND:
            raise Http404
        if not can_import(request.user, kind):
            raise PermissionDenied
        self.kind = kind
        return super().dispatch(request, kind)

    def get_page_title(self):
        return _("Import %(kind)s from CSV") % {"kind": _kind_label(self.kind)}

    def get_breadcrumbs_items(self):
        return super().get_breadcrumbs_items() + [{"url": "", "label": self.get_page_title()}]

    def _cache_key(self, token):
        return f"plans:csv-import:{self.request.user.pk}:{token}"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        model = MODEL_FOR_KIND[self.kind]
        context.update(
            {
                "kind": self.kind,
                "columns": csv_io.COLUMNS[self.kind],
                "max_mb": csv_io.MAX_BYTES // 1024 // 1024,
                "max_rows": f"{csv_io.MAX_ROWS:,}",
                "listing_url": reverse(f"wagtailsnippets_plans_{model._meta.model_name}:list"),
                "export_url": reverse("plans_csv_export", args=[self.kind]),
            }
        )
        return context

    def post(self, request, kind):
        if "confirm" in request.POST:
            token = request.POST.get("token", "")
            data = cache.get(self._cache_key(token)) if token else None
            if data is None:
                messages.error(request, _("That preview has expired. Please upload the file again."))
                return redirect("plans_csv_import", kind)
            plan = csv_io.plan_import(kind, data, user=request.user)
            if not plan.is_valid:
                return self.render_to_response(self.get_context_data(plan=plan))
            try:
                added, changed = csv_io.apply_import(plan, user=request.user)
            except (ValueError, ValidationError, DatabaseError) as error:
                # A draft saved between the preview and the confirmation, a change made by
                # someone else meanwhile: nothing was saved (one transaction); say so.
                messages.error(
                    request,
                    _("Nothing was imported: %(error)s") % {"error": "; ".join(getattr(error, "messages", [str(error)]))},
                )
                return redirect("plans_csv_import", kind)
            cache.delete(self._cache_key(token))
            messages.success(
                request,
                _("Import finished: %(added)s added, %(changed)s changed.") % {"added": added, "changed": changed},
            )
            return redirect(self.get_context_data()["listing_url"])
        upload = request.FILES.get("file")
        if upload is None:
            return self.render_to_response(
                self.get_context_data(upload_error=_("Choose a CSV file to upload."))
            )
        if upload.size > csv_io.MAX_BYTES:
            plan = csv_io.ImportPlan(kind=kind)
            plan.file_error = str(
                _("The file is too large (%(size)s MB). The limit is %(limit)s MB: split it into smaller files.")
                % {"size": round(upload.size / 1024 / 1024, 1), "limit": csv_io.MAX_BYTES // 1024 // 1024}
            )
            return self.render_to_response(self.get_context_data(plan=plan))
        data = upload.read()
        plan = csv_io.plan_import(kind, data, user=request.user)
        token = ""
        if plan.is_valid and plan.changes:
            token = uuid.uuid4().hex
            cache.set(self._cache_key(token), data, PENDING_TIMEOUT)
        return self.render_to_response(self.get_context_data(plan=plan, token=token))


@hooks.register("register_admin_urls")
def register_csv_urls():
    return [
        path("plan-data/csv/<str:kind>/export/", export_view, name="plans_csv_export"),
        path("plan-data/csv/<str:kind>/import/", ImportView.as_view(), name="plans_csv_import"),
    ]
