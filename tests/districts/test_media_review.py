"""Images and documents that live pages use change only through review: an editor who
cannot publish pages cannot upload a new file over them nor delete them; a moderator can; an
unused picture stays the editor's to change."""

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import ReferenceIndex

from yuzhong_site.core.editorial import EDITORS_GROUP, MODERATORS_GROUP, ensure_editorial_setup

from .builders import image_bytes, make_image, make_site

pytestmark = [pytest.mark.django_db, pytest.mark.indexes]


@pytest.fixture
def people(home, django_user_model):
    ensure_editorial_setup()
    editor = django_user_model.objects.create_user("editor-1", password="pw")
    editor.groups.add(Group.objects.get(name=EDITORS_GROUP))
    moderator = django_user_model.objects.create_user("moderator-1", password="pw")
    moderator.groups.add(Group.objects.get(name=MODERATORS_GROUP))
    return editor, moderator


@pytest.fixture
def live_picture(visit_index, people):
    image = make_image("十八梯石阶")
    image.uploaded_by_user = people[0]  # the editor's own upload: Wagtail lets owners change it
    image.save()
    site = make_site(visit_index, "shibati", title="十八梯", image=image)
    ReferenceIndex.create_or_update_for_object(site)
    return image


def _replace_file(client, image, title="十八梯石阶"):
    upload = SimpleUploadedFile("new.png", image_bytes(colour=(0, 0, 0)), content_type="image/png")
    return client.post(
        f"/admin/images/{image.pk}/",
        {"title": title, "file": upload, "collection": image.collection_id, "tags": ""},
    )


def test_an_editor_cannot_replace_the_file_of_a_picture_on_a_live_page(
    client, people, live_picture
):
    old_file = live_picture.file.name
    client.force_login(people[0])
    response = _replace_file(client, live_picture)
    assert response.status_code == 200
    assert "这个文件正用在已发布的页面上" in response.content.decode()
    assert "“十八梯”" in response.content.decode()
    assert Image.objects.get(pk=live_picture.pk).file.name == old_file


def test_an_editor_can_still_correct_its_title(client, people, live_picture):
    client.force_login(people[0])
    response = client.post(
        f"/admin/images/{live_picture.pk}/",
        {"title": "十八梯的石阶", "collection": live_picture.collection_id, "tags": ""},
    )
    assert response.status_code == 302
    assert Image.objects.get(pk=live_picture.pk).title == "十八梯的石阶"


def test_a_moderator_may_replace_the_file(client, people, live_picture):
    old_file = live_picture.file.name
    client.force_login(people[1])
    response = _replace_file(client, live_picture)
    assert response.status_code == 302, response.context["form"].errors
    assert Image.objects.get(pk=live_picture.pk).file.name != old_file


def test_an_editor_cannot_delete_a_picture_on_a_live_page_but_can_delete_an_unused_one(
    client, people, live_picture
):
    unused = make_image("没用上的图")
    unused.uploaded_by_user = people[0]
    unused.save()
    client.force_login(people[0])
    client.post(f"/admin/images/{live_picture.pk}/delete/")
    assert Image.objects.filter(pk=live_picture.pk).exists()
    assert client.get(f"/admin/images/{live_picture.pk}/delete/").status_code == 302  # refused
    client.post(f"/admin/images/{unused.pk}/delete/")
    assert not Image.objects.filter(pk=unused.pk).exists()


def test_documents_on_live_pages_are_kept_the_same_way(client, people, home):
    from yuzhong_site.core.models import StandardPage

    document = Document.objects.create(
        title="实施方案",
        file=ContentFile(b"%PDF-1.4 old", name="plan.pdf"),
        uploaded_by_user=people[0],
    )
    page = StandardPage(
        title="规划文件",
        slug="plan-files",
        live=True,
        body=[("paragraph", f'<p><a linktype="document" id="{document.pk}">实施方案</a></p>')],
    )
    home.add_child(instance=page)
    ReferenceIndex.create_or_update_for_object(page)
    client.force_login(people[0])
    response = client.post(
        f"/admin/documents/edit/{document.pk}/",
        {
            "title": "实施方案",
            "file": SimpleUploadedFile("new.pdf", b"%PDF-1.4 new", content_type="application/pdf"),
            "collection": document.collection_id,
            "tags": "",
        },
    )
    assert (
        response.status_code == 200 and "这个文件正用在已发布的页面上" in response.content.decode()
    )
    client.post(f"/admin/documents/delete/{document.pk}/")
    assert Document.objects.get(pk=document.pk).file.read() == b"%PDF-1.4 old"
    client.force_login(people[1])
    client.post(f"/admin/documents/delete/{document.pk}/")
    assert not Document.objects.filter(pk=document.pk).exists()
