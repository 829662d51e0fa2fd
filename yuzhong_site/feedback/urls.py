"""The residents' pages, inside i18n_patterns (Chinese at /, English at /en/)."""

from django.urls import path

from . import views

urlpatterns = [
    path("report-error/", views.report_error, name="report_error"),
    path("report-error/thanks/", views.report_error_thanks, name="report_error_thanks"),
    path("questions/", views.questions, name="questions"),
    path("questions/ask/", views.question_ask, name="question_ask"),
    path("questions/status/", views.question_status, name="question_status"),
    path("feedback/privacy/", views.privacy_notice, name="feedback_privacy"),
]
