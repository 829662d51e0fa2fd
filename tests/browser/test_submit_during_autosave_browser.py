"""In a real browser, on the live server: an editor (group 编辑, Chinese admin) writes a new 动态
page, and clicks 提交给审核后发布 while the page's autosave request and its editing-session ping
are being answered. Nothing answers 500, the page goes to review, and the revision sent to review
is the page's latest, holding everything she typed (approval publishes the latest revision).

The overlap is made certain, not left to timing: the server holds the autosave request, once it
has read the page, until the submit has been saved. In that interleaving an autosave that did not
check again under the write lock would overwrite its older revision and make it the latest again
(yuzhong_site/core/concurrent_edits.py)."""

import sqlite3
import threading

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django.db import connection, connections
from django.test import Client
from django.test.testcases import LiveServerThread

from plans.models import UpdateIndexPage, UpdatePage
from yuzhong_site.core.concurrent_edits import ConflictCheckedPageEditView
from yuzhong_site.core.editorial import EDITORS_GROUP

SUMMARY = "渝中区新开一条步道，连接两个片区"
MORE = "，周末开放"


class _ServedFromAFile:
    """The site served from a file copy of the test's SQLite database, each request on its own
    connection with the project's settings (WAL, IMMEDIATE, 20 s), as ``make run`` serves it.
    pytest-django's live server would hand every request thread the test's one in-memory
    connection: concurrent requests would then share a transaction, which no deployment does.
    ``finish()`` stops the server and copies the file back into the test's database."""

    def __init__(self, path):
        self.path, self.thread = path, None

    def start(self):
        copy = sqlite3.connect(self.path)
        try:
            connection.connection.backup(copy)
        finally:
            copy.close()
        self.settings = connections.settings["default"]
        self.memory_name = self.settings["NAME"]
        self.settings["NAME"] = str(self.path)
        self.thread = LiveServerThread("localhost", StaticFilesHandler)
        self.thread.daemon = True
        self.thread.start()
        self.thread.is_ready.wait()
        if self.thread.error:
            raise self.thread.error
        self.url = f"http://localhost:{self.thread.port}"

    def finish(self):
        if self.thread is None:
            return
        self.thread.terminate()
        self.thread = None
        self.settings["NAME"] = self.memory_name
        served = sqlite3.connect(self.path)
        try:
            served.backup(connection.connection)
        finally:
            served.close()


class _LiveServer:
    """PostgreSQL: pytest-django's live server, whose requests have connections of their own."""

    def __init__(self, live_server):
        self.url = live_server.url

    def start(self):
        pass

    def finish(self):
        pass


@pytest.fixture
def served(request, transactional_db, demo_snapshot, tmp_path):
    """The demo site; ``start()`` serves it once the test's data is in place, ``finish()``
    stops serving before the test reads what was saved."""
    demo_snapshot.load()
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        server = _ServedFromAFile(tmp_path / "site.sqlite3")
    else:
        server = _LiveServer(request.getfixturevalue("live_server"))
    yield server
    server.finish()


def _kind(request):
    if request.method != "POST" or "/admin/pages/" not in request.url and "/ping/" not in request.url:
        return None
    if "/ping/" in request.url:
        return "ping"
    if "application/json" in request.headers.get("accept", ""):
        return "autosave"
    return "submit"


def _is_autosave(request):
    return _kind(request) == "autosave"


class _AutosaveHeldUntilSubmitted:
    """Wraps the page editor's ``post``: once armed, the next autosave (which has already read
    the page) waits until a submit to the editor has been answered. Records what the server
    answered to both."""

    def __init__(self, monkeypatch):
        self.armed, self.released = False, None
        self.submitted = threading.Event()
        self.answered = []
        post = ConflictCheckedPageEditView.post

        def held_post(view, request, *args, **kwargs):
            kind = "autosave" if view.expects_json_response else "submit"
            if kind == "autosave" and self.armed:
                self.armed = False
                self.released = self.submitted.wait(10)
            response = post(view, request, *args, **kwargs)
            self.answered.append((kind, response.status_code))
            if kind == "submit":
                self.submitted.set()
            return response

        monkeypatch.setattr(ConflictCheckedPageEditView, "post", held_post)


def test_editor_submits_an_update_while_autosave_and_ping_run(
    served, browser, django_user_model, caplog, monkeypatch
):
    held = _AutosaveHeldUntilSubmitted(monkeypatch)
    user = django_user_model.objects.create_user(username="editor-autosave")
    user.groups.add(Group.objects.get(name=EDITORS_GROUP))
    index = UpdateIndexPage.objects.get(locale__language_code="zh-hans")
    signed_in = Client()
    signed_in.force_login(user)
    served.start()

    context = browser.new_context(bypass_csp=True)
    context.add_cookies([{
        "name": settings.SESSION_COOKIE_NAME,
        "value": signed_in.cookies[settings.SESSION_COOKIE_NAME].value,
        "url": served.url,
    }])
    page = context.new_page()
    page.set_default_timeout(15_000)
    answers, events = [], []
    page.on("response", lambda response: answers.append((response.status, response.url)))
    page.on("requestfinished", lambda request: events.append(("answered", _kind(request))))
    # Wagtail starts watching the form for edits two seconds after it is loaded.
    page.add_init_script(
        """
        document.addEventListener("w-unsaved:watch-edits", () => { window.yzWatching = true; });
        document.addEventListener("w-autosave:success", () => { window.yzAutosaved = true; });
        """
    )
    page.goto(f"{served.url}/admin/pages/add/plans/updatepage/{index.pk}/")
    page.wait_for_function("window.yzWatching === true")
    # The first autosave creates the page as a draft and turns the form into its editor.
    page.fill("#id_title", "步道开放测试")
    page.fill("#id_date", "2024-05-01")
    page.fill("#id_summary", SUMMARY)
    page.wait_for_function("window.yzAutosaved === true")
    submit = page.locator('button[name="action-submit"]')
    assert submit.text_content().strip() == "提交给审核后发布"

    # One more edit; the moment its autosave request leaves the browser, the editing session
    # pings and the editor clicks submit: three requests writing to the database at once.
    held.armed = True
    with page.expect_request(_is_autosave):
        page.locator("#id_summary").press_sequentially(MORE, delay=5)
    with page.expect_navigation():
        page.evaluate(
            """() => {
                const sessions = document.querySelector("form.w-editing-sessions");
                const token = document.querySelector("[data-edit-form] [name=csrfmiddlewaretoken]");
                fetch(sessions.dataset.wSwapSrcValue, {
                    method: "POST", body: new FormData(sessions),
                    headers: {"X-CSRFToken": token.value},
                });
                document.querySelector('button[name="action-submit"]').click();
            }"""
        )
    context.close()
    served.finish()

    # The autosave had read the page before the submit was saved, and was answered after it.
    assert held.released is True
    assert [kind for kind, _status in held.answered[-2:]] == ["submit", "autosave"], held.answered
    assert ("answered", "ping") in events
    # No 500 for any request: none that the browser saw, none that the server logged or answered.
    assert all(status < 500 for status, _url in answers), answers
    assert all(status < 500 for _kind, status in held.answered), held.answered
    assert not [r for r in caplog.records if r.name == "django.request" and r.levelno >= 40]

    created = UpdatePage.objects.get(title="步道开放测试", locale__language_code="zh-hans")
    assert created.current_workflow_state.status == "in_progress"
    submitted = created.current_workflow_state.current_task_state.revision
    assert submitted == created.get_latest_revision()
    assert submitted.as_object().summary == SUMMARY + MORE
