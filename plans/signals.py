"""Publishing a page or saving plan data forgets the cached roll-ups."""

from django.db.models.signals import post_delete, post_save
from wagtail.signals import page_published, page_unpublished, published, unpublished

from .publishing import forget_plan_roll_ups


def connect():
    from .models import Goal, Measurement, Metric, PillarPage, PlanPage, Project

    for model in (Goal, Metric, Measurement, Project, PlanPage, PillarPage):
        post_save.connect(forget_plan_roll_ups, sender=model, dispatch_uid=f"yz-plan-save-{model.__name__}")
        post_delete.connect(forget_plan_roll_ups, sender=model, dispatch_uid=f"yz-plan-del-{model.__name__}")
    for signal in (page_published, page_unpublished, published, unpublished):
        signal.connect(forget_plan_roll_ups, dispatch_uid=f"yz-plan-{id(signal)}")
