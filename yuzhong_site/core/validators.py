"""Validators shared by the places and the plan."""

from django.core.validators import MaxValueValidator, MinValueValidator

latitude_validators = [MinValueValidator(-90), MaxValueValidator(90)]
longitude_validators = [MinValueValidator(-180), MaxValueValidator(180)]
