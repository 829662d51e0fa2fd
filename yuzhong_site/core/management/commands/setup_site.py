from django.core.management.base import BaseCommand

from yuzhong_site.core.site_setup import ensure_site


class Command(BaseCommand):
    help = "Create the locales, the home page in both languages and the default site (idempotent)."

    def handle(self, *args, **options):
        home, english_home = ensure_site()
        self.stdout.write(f"Site ready: {home.title} / {english_home.title}")
