"""Say what happened after approve or reject from the dashboard's review list.

Wagtail's page and snippet edit views confirm a workflow action with a message; the same
action taken from the dashboard ("Awaiting your review" → 批准 / 拒绝, a modal posting to the
``workflow_action`` view) confirms nothing, and the moderator cannot tell whether the page went
live. This middleware (after Django's MessageMiddleware) looks at the task after such a POST and
adds the message: approved and now live (with a link to the live page), approved and waiting
for the next step, or sent back to the author. Why code of our own: Wagtail's workflow signals
(``task_approved``, ``task_rejected``) carry no request, and the view has no hook.
"""

from django.utils.translation import gettext as _
from wagtail.admin import messages


def workflow_messages(get_response):
    def middleware(request):
        response = get_response(request)
        match = getattr(request, "resolver_match", None)
        if (
            request.method == "POST"
            and match is not None
            and match.url_name == "workflow_action"
            and response.status_code in (200, 302)
        ):
            _confirm(request, match.kwargs.get("task_state_id"), match.kwargs.get("action_name"))
        return response

    return middleware


def _confirm(request, task_state_id, action):
    from wagtail.models import TaskState

    state = TaskState.objects.filter(pk=task_state_id).select_related("workflow_state").first()
    if state is None or state.status == TaskState.STATUS_IN_PROGRESS:
        return  # nothing happened (a form error, or a task still open)
    obj = state.revision.content_object
    if hasattr(obj, "specific"):
        obj = obj.specific
    obj.refresh_from_db()
    title = str(getattr(obj, "title", obj))
    if state.status == TaskState.STATUS_REJECTED:
        messages.warning(
            request,
            _("“%(title)s” was sent back to its author with your comment; nothing was published.")
            % {"title": title},
        )
        return
    if state.status != TaskState.STATUS_APPROVED:
        return
    url = obj.get_url(request) if getattr(obj, "live", False) and hasattr(obj, "get_url") else None
    if url and state.workflow_state.status != state.workflow_state.STATUS_IN_PROGRESS:
        messages.success(
            request,
            _("“%(title)s” was approved and is now published.") % {"title": title},
            buttons=[messages.button(url, _("View live"), new_window=True)],
        )
    elif state.workflow_state.status == state.workflow_state.STATUS_IN_PROGRESS:
        messages.success(
            request,
            _("“%(title)s” was approved; it now waits for the next review step.")
            % {"title": title},
        )
    else:
        messages.success(request, _("“%(title)s” was approved.") % {"title": title})
