"""The admin's image upload form, stricter than Wagtail's: the whole file must decode.

Wagtail already refuses unknown formats, files over WAGTAILIMAGES_MAX_UPLOAD_SIZE and images
over WAGTAILIMAGES_MAX_IMAGE_PIXELS (decompression bombs) from the file header. A file whose
header is fine but whose data is cut short would pass and then fail later, when a rendition is
made for a public page; decoding it once here refuses it at upload with a clear message.
Set as ``WAGTAILIMAGES_IMAGE_FORM_BASE``.
"""

import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.forms import BaseImageForm

UNREADABLE = _(
    "This image file is damaged or incomplete (perhaps the upload was cut short), so it cannot "
    "be used. Please save the picture again and upload the new file."
)


def check_image_decodes(uploaded):
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    try:
        uploaded.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as image:
                image.load()
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        PILImage.DecompressionBombError,
        PILImage.DecompressionBombWarning,
    ) as error:
        raise ValidationError(UNREADABLE, code="image_unreadable") from error
    finally:
        uploaded.seek(position)


class SafeImageForm(BaseImageForm):
    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        # Only a new upload carries the decoded header Wagtail's field attached to it.
        if uploaded is not None and hasattr(uploaded, "image"):
            check_image_decodes(uploaded)
        return uploaded
