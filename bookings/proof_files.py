"""What a transfer proof may be, read from its content: a clean PDF, or an image we re-encode.

PDFs are parsed for real (pypdf): scripts, embedded files, launch and form-submit actions,
encryption and files that do not parse are refused. Images are decoded, capped in pixels (so a
small file that unpacks to gigabytes is refused before it is decoded) and saved again, which drops
EXIF (GPS, the phone's name) and anything hidden after the image data.
"""

from __future__ import annotations

import io
import warnings

from django import forms
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps
from pypdf import PdfReader
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

MAX_PROOF_BYTES = 5 * 1024 * 1024
MAX_PDF_PAGES = 20
MAX_PDF_OBJECTS = 20_000
# Saved as: MPO is what many phone cameras write for a JPEG.
IMAGE_FORMATS = {"JPEG": "JPEG", "MPO": "JPEG", "PNG": "PNG", "WEBP": "WEBP"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
EXTENSIONS = {"JPEG": "jpg", "PNG": "png", "WEBP": "webp"}
# Keys and action types that make a PDF do something when opened, or carry another file.
ACTIVE_KEYS = {"/JavaScript", "/JS", "/EmbeddedFile", "/EmbeddedFiles", "/EF", "/Launch", "/RichMedia", "/XFA"}
ACTIVE_ACTIONS = {"/JavaScript", "/Launch", "/SubmitForm", "/ImportData", "/RichMediaExecute", "/GoToE"}


class ProofRefused(forms.ValidationError):
    pass


def unknown_type() -> ProofRefused:
    return ProofRefused(
        _("Please upload a photo or screenshot (JPG, PNG or WebP) or a PDF of the transfer."), code="type"
    )


def clean_proof(upload: UploadedFile) -> UploadedFile:
    """The file to store: the PDF as sent once checked, or the image re-encoded. Refuses with a message."""
    if upload.size > MAX_PROOF_BYTES:
        raise ProofRefused(
            _("This file is %(size)s MB; the limit is 5 MB. Send a screenshot or a smaller photo."),
            code="too_big", params={"size": f"{upload.size / 1024 / 1024:.1f}"},
        )
    upload.seek(0)
    head = upload.read(5)
    upload.seek(0)
    if head == b"%PDF-":
        check_pdf(upload)
        return upload
    return reencode_image(upload)


def check_pdf(upload: UploadedFile) -> None:
    try:
        reader = PdfReader(upload, strict=False)
        if reader.is_encrypted:
            raise ProofRefused(_("This PDF is password-protected. Please send it without a password, "
                                 "or send a screenshot instead."), code="encrypted")
        pages = len(reader.pages)
        if not 1 <= pages <= MAX_PDF_PAGES:
            raise ProofRefused(_("A transfer proof has 1 to %(max)s pages. Please send only the receipt."),
                               code="pages", params={"max": MAX_PDF_PAGES})
        _refuse_active_content(reader.trailer)
    except ProofRefused:
        raise
    except Exception as error:  # pypdf raises many kinds for a broken file; each means "cannot read it"
        raise ProofRefused(_("This PDF cannot be read. Please send a screenshot of the transfer instead."),
                           code="broken") from error
    finally:
        upload.seek(0)


def _refuse_active_content(root) -> None:
    """Walk every object reachable from the trailer (bounded), refusing scripts, files and actions."""
    seen: set[tuple[int, int]] = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            ref = (node.idnum, node.generation)
            if ref in seen:
                continue
            seen.add(ref)
            if len(seen) > MAX_PDF_OBJECTS:
                raise ValueError("too many objects")
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                if key in ACTIVE_KEYS or (key == "/S" and value in ACTIVE_ACTIONS):
                    raise ProofRefused(
                        _("This PDF contains scripts, attachments or actions, which we do not accept. "
                          "Please send a screenshot of the transfer instead."), code="active")
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)


def reencode_image(upload: UploadedFile) -> UploadedFile:
    max_pixels = settings.SLEEPCALL_PROOF_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                source_format = image.format
                if source_format not in IMAGE_FORMATS:
                    raise unknown_type()
                width, height = image.size
                if width * height > max_pixels:
                    raise _too_many_pixels(max_pixels)
                image.load()
                clean = ImageOps.exif_transpose(image)  # keep it upright, then forget the EXIF
    except ProofRefused:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise _too_many_pixels(max_pixels) from error
    except Exception as error:
        raise unknown_type() from error
    finally:
        upload.seek(0)
    target = IMAGE_FORMATS[source_format]
    if target == "JPEG" and clean.mode not in ("RGB", "L"):
        clean = clean.convert("RGB")
    buffer = io.BytesIO()
    clean.save(buffer, format=target, **({"quality": 90} if target == "JPEG" else {}))
    return SimpleUploadedFile(f"proof.{EXTENSIONS[target]}", buffer.getvalue(), content_type=CONTENT_TYPES[target])


def _too_many_pixels(max_pixels: int) -> ProofRefused:
    return ProofRefused(
        _("This image is too large (over %(megapixels)s megapixels). Please send a screenshot or a smaller photo."),
        code="pixels", params={"megapixels": max_pixels // 1_000_000},
    )
