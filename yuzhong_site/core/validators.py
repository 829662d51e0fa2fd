"""Validators shared by the places and the plan."""

from django.core.validators import MaxValueValidator, MinValueValidator, URLValidator
from django.utils.translation import gettext_lazy as _

latitude_validators = [MinValueValidator(-90), MaxValueValidator(90)]
longitude_validators = [MinValueValidator(-180), MaxValueValidator(180)]
year_validators = [MinValueValidator(1949), MaxValueValidator(2100)]

# Sources are web pages: only http(s) links (no ftp:, javascript:, file:).
web_url_validator = URLValidator(
    schemes=["http", "https"],
    message=_("Enter a web address starting with http:// or https://."),
)
