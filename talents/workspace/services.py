"""Talent-side changes to their own profile and work number (staff approve number changes)."""

from __future__ import annotations

from io import BytesIO

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.crypto import get_random_string
from django.utils.translation import gettext_lazy
from PIL import Image, ImageOps, UnidentifiedImageError

from bookings.errors import BookingError
from bookings.models import Package
from talents.models import Language, NumberChangeRequest, Talent

PHOTO_MAX_PIXELS = 600
PHOTO_MAX_BYTES = 8 * 1024 * 1024
PHOTO_MAX_SOURCE_PIXELS = 40_000_000  # a 40-megapixel photo; more is not a phone picture
PHOTO_JPEG_QUALITY = 85


class BadPhoto(BookingError):
    message = gettext_lazy("Please upload a photo (JPEG, PNG or WebP) of at most 8 MB.")


class NumberChangePending(BookingError):
    message = gettext_lazy("You already asked for a new number. The admin team will decide soon.")


class SameNumber(BookingError):
    message = gettext_lazy("This is already your work number.")


def resized_jpeg(upload: UploadedFile) -> ContentFile:
    """Re-encode as a JPEG at most 600 px a side: strips metadata (location) and anything not an image."""
    if upload.size and upload.size > PHOTO_MAX_BYTES:
        raise BadPhoto()
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            # MPO: the JPEG that many phones write (a photo plus a depth or HDR frame); the first frame is kept.
            if image.format not in ("JPEG", "MPO", "PNG", "WEBP"):
                raise BadPhoto()
            if image.width * image.height > PHOTO_MAX_SOURCE_PIXELS:
                raise BadPhoto()  # a small file can still unpack into gigabytes of pixels
            image = ImageOps.exif_transpose(image)
            image.thumbnail((PHOTO_MAX_PIXELS, PHOTO_MAX_PIXELS))
            out = BytesIO()
            image.convert("RGB").save(out, "JPEG", quality=PHOTO_JPEG_QUALITY, optimize=True)
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError) as error:
        raise BadPhoto() from error
    return ContentFile(out.getvalue())


def update_profile(
    *,
    talent: Talent,
    alias: str,
    bio: str,
    languages: list[str],
    packages: list[Package],
    photo: UploadedFile | None = None,
) -> Talent:
    """Save what customers see; the photo is checked and resized before anything is written."""
    content = resized_jpeg(photo) if photo is not None else None
    with transaction.atomic():
        talent.display_name = alias.strip()
        talent.bio = bio.strip()
        talent.languages = [code for code in Language.values if code in languages]
        fields = ["display_name", "bio", "languages"]
        if content is not None:
            old = talent.photo.name if talent.photo else ""
            talent.photo.save(f"{talent.slug}-{get_random_string(8)}.jpg", content, save=False)
            fields.append("photo")
            if old:
                transaction.on_commit(lambda: talent.photo.storage.delete(old))
        talent.save(update_fields=fields)
        offered = set(Package.objects.active().filter(pk__in=[p.pk for p in packages]))
        current = set(talent.packages.active())
        talent.packages.remove(*(current - offered))
        talent.packages.add(*(offered - current))
    return talent


def request_number_change(*, talent: Talent, new_number, reason: str) -> NumberChangeRequest:
    """Ask staff to replace a leaked work number; the old one stays in use until they approve."""
    with transaction.atomic():
        Talent.objects.select_for_update().get(pk=talent.pk)
        if talent.number_change_requests.filter(status=NumberChangeRequest.Status.PENDING).exists():
            raise NumberChangePending()
        if str(new_number) == str(talent.contact_handle):
            raise SameNumber()
        return NumberChangeRequest.objects.create(talent=talent, new_number=new_number, reason=reason.strip())


def set_talent_language(*, talent: Talent, language: str) -> Talent:
    """The language switch on any page, for a signed-in talent: their reminders and messages follow it."""
    if language in dict(settings.LANGUAGES) and talent.language != language:
        Talent.objects.filter(pk=talent.pk).update(language=language)
        talent.language = language
    return talent
