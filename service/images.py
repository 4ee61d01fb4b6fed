"""Images that go into documents (signatures, seals, charts): accepted only as PNG or JPEG, cleaned by Pillow.

Every image is decoded and re-encoded: EXIF and other metadata are dropped (a phone photo of a seal carries
GPS), anything that is not a real PNG/JPEG is refused, and a decompression bomb is refused by its header
before a pixel is decoded. ``ImageValue`` is what a template context holds; the renderer turns it into a
docxtpl ``InlineImage`` fitted into its box.
"""

from __future__ import annotations

import base64
import binascii
import io
import re
import warnings
from dataclasses import dataclass
from typing import Annotated

from PIL import Image, ImageOps, UnidentifiedImageError
from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

MAX_PIXELS = 16_000_000  # a 4000×4000 scan of a seal is plenty; above this Pillow work costs real memory
MAX_SIDE = 2000  # re-encoded images are scaled down to this: a signature block is a few centimetres wide
MAX_ENCODED_BYTES = 4 * 1024 * 1024
FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg"}
_DATA_URL = re.compile(r"^data:(?P<type>[\w/+.-]+)?(?:;[\w=-]+)*;base64,", re.IGNORECASE)


class ImageRejected(ValueError):
    """The bytes are not an acceptable PNG/JPEG image; the message says why in English, ``code`` and
    ``params`` let the catalogue say it in the person's language."""

    def __init__(self, code: str, message: str, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class CleanImage:
    """A decoded, re-encoded image without metadata."""

    content: bytes
    format: str  # "PNG" or "JPEG"
    width: int
    height: int


def clean_image(data: bytes) -> CleanImage:
    """Decode ``data`` as PNG or JPEG, refuse bombs and other formats, strip metadata, bound the size."""
    if len(data) > MAX_ENCODED_BYTES:
        raise ImageRejected(
            "image_too_large",
            f"the image is {len(data):,} bytes; at most {MAX_ENCODED_BYTES:,}",
            limit_mb=MAX_ENCODED_BYTES >> 20,
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                if image.format not in FORMATS:
                    raise ImageRejected(
                        "image_format",
                        f"{image.format or 'unknown'} images are not accepted; only PNG or JPEG",
                        format=image.format or "?",
                    )
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise ImageRejected(
                        "image_too_many_pixels",
                        f"{width}×{height} pixels is too large; at most {MAX_PIXELS:,} pixels",
                        limit=f"{MAX_PIXELS // 1_000_000}",
                    )
                image.load()
                fmt = image.format
                # A phone photo is stored sideways with an Orientation tag; apply it before EXIF is dropped.
                image = ImageOps.exif_transpose(image)
                mode = "RGBA" if image.mode in ("RGBA", "LA", "P", "PA") and fmt == "PNG" else "RGB"
                picture = image.convert(mode)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageRejected(
            "image_too_many_pixels", "too many pixels to decode safely", limit=f"{MAX_PIXELS // 1_000_000}"
        ) from None
    except UnidentifiedImageError as error:
        raise ImageRejected(
            "image_unreadable", f"not a readable PNG or JPEG image ({error.__class__.__name__})"
        ) from None
    except (OSError, SyntaxError, ValueError) as error:
        if isinstance(error, ImageRejected):
            raise
        raise ImageRejected("image_damaged", f"the image is damaged: {error}") from None
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    if fmt == "PNG":
        # zlib level 1, not Pillow's default 6: the sample seal (500×500 RGBA) re-encodes in 10 ms instead of
        # 28 (a progress report's validation 44 → 23 ms) for 16 % more bytes, which the DOCX's own deflate
        # and LibreOffice's re-compression into the PDF mostly take back. optimize=True: 10× the time, 4 % fewer.
        picture.save(out, "PNG", compress_level=1)
    else:
        picture.save(out, "JPEG", quality=90)
    return CleanImage(out.getvalue(), fmt, picture.width, picture.height)


def decode_image_text(value: object) -> bytes:
    """Base64 text or a ``data:image/png;base64,…`` URL → cleaned image bytes (for pydantic)."""
    if isinstance(value, bytes):
        raw = value
    elif isinstance(value, str):
        text = _DATA_URL.sub("", value.strip(), count=1)
        if len(text) > MAX_ENCODED_BYTES * 4 // 3 + 4:
            raise ImageRejected(
                "image_too_large",
                f"the image is over {MAX_ENCODED_BYTES:,} bytes",
                limit_mb=MAX_ENCODED_BYTES >> 20,
            )
        try:
            raw = base64.b64decode(re.sub(r"\s+", "", text), validate=True)
        except (binascii.Error, ValueError):
            raise ImageRejected("image_base64", "not valid base64") from None
    else:
        raise ImageRejected("image_base64", "an image must be base64 text or a data: URL")
    return clean_image(raw).content


def _validated_image(value: object) -> bytes:
    """``decode_image_text`` for pydantic: a refusal keeps its code, so the catalogue words it."""
    try:
        return decode_image_text(value)
    except ImageRejected as error:
        raise PydanticCustomError(error.code, str(error), dict(error.params)) from None


ImageData = Annotated[
    bytes,
    BeforeValidator(_validated_image),
    PlainSerializer(lambda content: base64.b64encode(content).decode("ascii"), return_type=str),
    WithJsonSchema({"type": "string", "contentEncoding": "base64", "description": "PNG or JPEG, base64 or data: URL"}),
]
"""An image field: base64 (or a data: URL) of a PNG or JPEG; validated and cleaned on input."""


def knock_out_paper(content: bytes, tolerance: int = 48) -> bytes:
    """A signature or seal photographed on paper, with the paper made transparent (PNG).

    The paper's colour is taken as the median of the image's border; pixels within ``tolerance`` of it
    become transparent, so the ink lies over the signature line instead of a grey rectangle.
    """
    import numpy as np

    with Image.open(io.BytesIO(content)) as image:
        rgba = np.asarray(image.convert("RGBA")).copy()
    border = np.concatenate([rgba[0], rgba[-1], rgba[:, 0], rgba[:, -1]])
    opaque = border[border[:, 3] > 0]
    if len(opaque) == 0:  # already transparent around the ink
        return content
    paper = np.median(opaque[:, :3], axis=0)
    distance = np.abs(rgba[:, :, :3].astype(int) - paper.astype(int)).max(axis=2)
    rgba[:, :, 3] = np.where(distance <= tolerance, 0, rgba[:, :, 3])
    out = io.BytesIO()
    Image.fromarray(rgba, "RGBA").save(out, "PNG", compress_level=1)  # as clean_image: a third of the time
    return out.getvalue()


@dataclass(frozen=True)
class ImageValue:
    """An image placed in a template, fitted inside a box of ``width_mm`` × ``height_mm``."""

    content: bytes
    width_mm: float
    height_mm: float

    @classmethod
    def from_data(cls, content: bytes | None, width_mm: float, height_mm: float) -> ImageValue | None:
        return None if content is None else cls(content, width_mm, height_mm)

    def fitted_mm(self) -> tuple[float, float]:
        """The size that fits the box while keeping the image's proportions."""
        with Image.open(io.BytesIO(self.content)) as image:
            width, height = image.size
        scale = min(self.width_mm / width, self.height_mm / height)
        return width * scale, height * scale
