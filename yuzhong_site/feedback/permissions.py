"""The moderators' permissions on the queues (run by ``manage.py setup_editorial`` and the demo
content through core/editorial.py's set-up hook; idempotent).

审核 handles every item; each pillar's editor group handles the items of its pillar (the
section rule is in moderation.py). The general editors' group (编辑) gets nothing here: it
writes pages, it does not read residents' contact details.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from plans.editorial import PILLAR_GROUP_NAMES
from yuzhong_site.core.editorial import MODERATORS_GROUP, ensure_group

from .models import ConsultationResponse, ErrorReport, Question


def feedback_permissions():
    found = []
    for model in (ErrorReport, Question, ConsultationResponse):
        content_type = ContentType.objects.get_for_model(model)
        name = model._meta.model_name
        found += Permission.objects.filter(content_type=content_type,
                                           codename__in=[f"change_{name}", f"view_{name}"])
    return found


def ensure_feedback_moderators():
    permissions = feedback_permissions()
    ensure_group(MODERATORS_GROUP).permissions.add(*permissions)
    for group in Group.objects.filter(name__in=PILLAR_GROUP_NAMES.values()):
        group.permissions.add(*permissions)
