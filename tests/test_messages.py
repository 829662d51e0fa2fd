"""Translations are a CI gate: every interface string is in the .po files, Chinese is complete,
and the committed .mo files match their .po files."""

import gettext
import os
import shutil
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command

LOCALE = Path(settings.BASE_DIR) / "locale"
LANGUAGES = ["zh_Hans", "en"]
SOURCE_FOLDERS = ["yuzhong_site", "plans", "districts", "templates"]


def parse_po(path):
    """({(msgctxt, msgid): [msgstr, …]}, fuzzy keys, plural keys) for a .po file's live entries
    (obsolete ones left out), read with polib."""
    entries, fuzzy, plurals = {}, set(), set()
    for entry in polib.pofile(str(path)):
        if entry.obsolete or entry.msgid == "":
            continue
        key = (entry.msgctxt, entry.msgid)
        if entry.msgid_plural:
            plurals.add(key)
            entries[key] = [entry.msgstr_plural[index] for index in sorted(entry.msgstr_plural)]
        else:
            entries[key] = [entry.msgstr]
        if entry.fuzzy:
            fuzzy.add(key)
    return entries, fuzzy, plurals


def _have_gettext():
    return shutil.which("xgettext") and shutil.which("msgfmt")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    if not _have_gettext():
        if os.environ.get("CI"):
            pytest.fail("GNU gettext is required in CI to check the translations")
        pytest.skip("GNU gettext (xgettext) is not installed on this machine")
    # makemessages writes next to the code it scans, so scan a copy of the code.
    source = tmp_path_factory.mktemp("source")
    for folder in SOURCE_FOLDERS:
        shutil.copytree(
            Path(settings.BASE_DIR) / folder,
            source / folder,
            ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "*.mo", "*.po"),
        )
    target = source / "locale"
    target.mkdir()
    cwd = os.getcwd()
    os.chdir(source)
    try:
        from django.test import override_settings

        with override_settings(LOCALE_PATHS=[str(target)]):
            call_command(
                "makemessages", locale=["zh_Hans"], no_location=True, no_obsolete=True, verbosity=0
            )
    finally:
        os.chdir(cwd)
    entries, _fuzzy, _plurals = parse_po(target / "zh_Hans" / "LC_MESSAGES" / "django.po")
    return set(entries)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_interface_string_is_in_the_po_file(extracted, language):
    committed, _fuzzy, _plurals = parse_po(LOCALE / language / "LC_MESSAGES" / "django.po")
    missing = sorted(msgid for _ctx, msgid in extracted - set(committed))
    assert not missing, f"run `make messages` and translate: {missing[:20]}"


def test_every_chinese_string_is_translated_and_not_fuzzy():
    entries, fuzzy, _plurals = parse_po(LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po")
    untranslated = [msgid for (_ctx, msgid), strings in entries.items() if not all(strings)]
    assert not untranslated, f"untranslated in zh_Hans: {untranslated[:20]}"
    assert not fuzzy, f"fuzzy entries in zh_Hans: {sorted(fuzzy)[:20]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_compiled_mo_matches_its_po(language):
    folder = LOCALE / language / "LC_MESSAGES"
    entries, fuzzy, plurals = parse_po(folder / "django.po")
    with open(folder / "django.mo", "rb") as handle:
        catalog = gettext.GNUTranslations(handle)._catalog
    expected = {}
    for (ctx, msgid), strings in entries.items():
        if (ctx, msgid) in fuzzy or not all(strings):
            continue
        key = f"{ctx}\x04{msgid}" if ctx else msgid
        if (ctx, msgid) not in plurals:
            expected[key] = strings[0]
        else:
            for index, text in enumerate(strings):
                expected[(key, index)] = text
    compiled = {
        key: value
        for key, value in catalog.items()
        if key != "" and not (isinstance(key, tuple) and key[0] == "")
    }
    # plural keys in the .mo are (msgid, n); compare on the singular msgid
    normalised = {}
    for key, value in compiled.items():
        normalised[key] = value
    stale = {k for k in expected if normalised.get(k) != expected[k]}
    assert not stale, f"{language}: .mo is stale — run `make messages` ({sorted(map(str, stale))[:10]})"
