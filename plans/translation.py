"""django-modeltranslation: the words of the plan's data in both languages (numbers live once)."""

from modeltranslation.translator import TranslationOptions, register

from .models import Goal, Measurement, Metric, Milestone, Project, ProjectStatusReport


@register(Goal)
class GoalTranslation(TranslationOptions):
    fields = ("statement", "explanation")


@register(Metric)
class MetricTranslation(TranslationOptions):
    fields = ("name", "baseline_label", "source_name", "notes", "figures_note")


@register(Measurement)
class MeasurementTranslation(TranslationOptions):
    fields = ("period", "source_name", "note")


@register(Project)
class ProjectTranslation(TranslationOptions):
    fields = ("name", "summary", "description", "image_alt", "source_name")


@register(Milestone)
class MilestoneTranslation(TranslationOptions):
    fields = ("title",)


@register(ProjectStatusReport)
class ProjectStatusReportTranslation(TranslationOptions):
    fields = ("source_name", "note")
