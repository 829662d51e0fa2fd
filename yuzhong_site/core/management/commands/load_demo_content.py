"""Load the demo content: deterministic and idempotent (running it twice changes nothing).

Each app contributes steps in its ``demo`` module as ``DEMO_STEPS = [(order, function)]``;
every function takes the shared ``DemoContext``. Lower orders run first.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from yuzhong_site.core.demo import DemoContext


def collect_steps():
    steps = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.demo"
        if find_spec(module_name) is None:
            continue
        steps.extend(getattr(import_module(module_name), "DEMO_STEPS", []))
    return sorted(steps, key=lambda step: step[0])


class Command(BaseCommand):
    help = "Load the demo content (both languages) from the seed facts. Safe to run again."

    def add_arguments(self, parser):
        parser.add_argument(
            "--with-accounts",
            action="store_true",
            help="Also create the demo admin/editor accounts (development only).",
        )

    def handle(self, *args, **options):
        context = DemoContext(stdout=self.stdout, with_accounts=options["with_accounts"])
        with transaction.atomic():
            for _order, step in collect_steps():
                step(context)
        self.stdout.write(self.style.SUCCESS("Demo content loaded."))
