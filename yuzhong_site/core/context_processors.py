from django.conf import settings

from .text_size import HIGH, LARGE, contrast_for, display_mode, text_size_for


def site_shell(request):
    """Values every template needs: language codes for <html lang> and the text-size mode."""
    return {
        "LANGUAGE_CODES": [code for code, _name in settings.LANGUAGES],
        "text_size": text_size_for(request),
        "large_text": text_size_for(request) == LARGE,
        "high_contrast": contrast_for(request) == HIGH,
        "display_mode": display_mode(request),
    }
