"""The admin's image upload form, stricter than Wagtail's: the whole file must decode.

Wagtail already refuses unknown formats, files over WAGTAILIMAGES_MAX_UPLOAD_SIZE and images
over WAGTAILIMAGES_MAX_IMAGE_PIXELS (decompression bombs) from the file header. A file whose
data is cut short, though, makes Pillow raise while Wagtail reads its size — an admin error
page instead of a message — or passes and then fails when a rendition is made for a public
page. This field decodes the file once at upload and turns every such failure into a clear
form error. Set as ``WAGTAILIMAGES_IMAGE_FORM_BASE``.
"""

import struct
import warnings

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from yuzhong_site.core.media_review import UserAwareFormMixin

UNREADABLE = _(
    "This image file is damaged or incomplete (perhaps the upload was cut short), so it cannot "
    "be used. Please save the picture again and upload the new file."
)
DECODING_ERRORS = (OSError, SyntaxError, ValueError, EOFError, struct.error, IndexError)


def check_image_decodes(uploaded):
    """Decode every pixel once; raise ValidationError if the file is damaged or a bomb."""
    position = uploaded.tell() if hasattr(uploaded, "tell") else 0
    try:
        uploaded.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("error", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as image:
                image.load()
    except (PILImage.DecompressionBombError, PILImage.DecompressionBombWarning) as error:
        raise ValidationError(
            _("This image has too many pixels to be processed safely."),
            code="file_too_many_pixels",
        ) from error
    except DECODING_ERRORS as error:
        raise ValidationError(UNREADABLE, code="image_unreadable") from error
    finally:
        uploaded.seek(position)


def header_pixels(uploaded):
    """Width × height from the file header alone (nothing decoded), or None if unreadable."""
    if not hasattr(uploaded, "seek"):
        return None
    position = uploaded.tell()
    try:
        uploaded.seek(0)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", PILImage.DecompressionBombWarning)
            with PILImage.open(uploaded) as image:
                width, height = image.size
        return width * height
    except PILImage.DecompressionBombError:
        return float("inf")
    except Exception:  # noqa: BLE001 - not an image: Wagtail's own check explains that
        return None
    finally:
        uploaded.seek(position)


class SafeImageField(WagtailImageField):
    def to_python(self, data):
        # Refuse a decompression bomb from its header, before anything decodes its pixels
        # (Wagtail's own pixel check runs only after the image has been loaded).
        pixels = header_pixels(data)
        if pixels is not None and self.max_image_pixels and pixels > self.max_image_pixels:
            raise ValidationError(
                self.error_messages["file_too_many_pixels"]
                % {"num_pixels": pixels if pixels != float("inf") else _("unknown number"),
                   "max_pixels_count": self.max_image_pixels},
                code="file_too_many_pixels",
            )
        try:
            uploaded = super().to_python(data)
        except ValidationError:
            raise
        except DECODING_ERRORS as error:
            raise ValidationError(UNREADABLE, code="image_unreadable") from error
        if uploaded is not None:
            check_image_decodes(uploaded)
        return uploaded


class SafeImageForm(UserAwareFormMixin, BaseImageForm):
    file = SafeImageField(
        label=_("File"), widget=BaseImageForm._meta.widgets["file"]
    )
