"""Text that cannot break outputs: C0 control characters (other than tab, line feed and carriage
return) and DEL are removed.

They arrive with text pasted from Word and other programs (a vertical tab for a manual line
break, a form feed for a page break…); XML 1.0 forbids them, so a single one would take the
RSS and Atom feeds down, and PostgreSQL refuses NUL. The first line of defence cleans every text
field (char, text, rich text, StreamField) of the site's models on save, and the content of
every revision (drafts of pages and snippets); the second cleans what feeds and JSON send.
"""

import re

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CLEANED_APPS = {"yuzhong_site", "plans", "districts"}


def strip_control_characters(text):
    """``text`` without control characters; anything that is not a ``str`` is returned as is."""
    if isinstance(text, str) and CONTROL_CHARACTERS.search(text):
        return CONTROL_CHARACTERS.sub("", text)
    return text


def clean_data(value):
    """``strip_control_characters`` through nested lists and dicts (JSON-like data)."""
    if isinstance(value, str):
        return strip_control_characters(value)
    if isinstance(value, dict):
        return {clean_data(key): clean_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [clean_data(item) for item in value]
    return value


def clean_instance_text(instance):
    """Clean every text field of ``instance`` in place."""
    from django.db import models
    from wagtail.fields import StreamField

    for field in instance._meta.concrete_fields:
        if isinstance(field, StreamField):
            value = getattr(instance, field.attname)
            if value is None:
                continue
            raw = value.get_prep_value() if hasattr(value, "get_prep_value") else value
            cleaned = clean_data(raw)
            if cleaned != raw:
                setattr(instance, field.attname, cleaned)
        elif isinstance(field, (models.CharField, models.TextField)):
            value = getattr(instance, field.attname)
            cleaned = strip_control_characters(value)
            if cleaned is not value:
                setattr(instance, field.attname, cleaned)


def clean_on_save(sender, instance, raw=False, **kwargs):
    """``pre_save``: the site's own models, and every revision's content."""
    if raw:
        return
    from wagtail.models import Revision

    if isinstance(instance, Revision):
        instance.content = clean_data(instance.content)
    elif sender._meta.app_label in CLEANED_APPS:
        clean_instance_text(instance)


def connect_signals():
    from django.db.models.signals import pre_save

    pre_save.connect(clean_on_save, dispatch_uid="yz_strip_control_characters")
