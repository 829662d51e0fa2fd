from django.core.management.base import BaseCommand
from django.db import transaction

from yuzhong_site.core.editorial import ensure_editorial_setup


class Command(BaseCommand):
    help = (
        "Create the editors' (编辑) and moderators' (审核) groups and the review workflow "
        "(审核后发布) on the home pages and their sections. Safe to run again."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            editors, moderators, workflow = ensure_editorial_setup()
        sections = workflow.workflow_pages.count()
        self.stdout.write(
            f"Groups {editors.name}, {moderators.name}; workflow {workflow.name} on {sections} pages."
        )
