"""Transfer-proof pictures made with Pillow: each seed draws a different receipt, so proofs never collide."""

from __future__ import annotations

import io
import itertools
import random

from PIL import Image, ImageDraw

_seeds = itertools.count(1)


def receipt(seed: int | None = None) -> Image.Image:
    """A phone-screenshot-sized receipt: blocks of 'text' at places and shades the seed decides."""
    rng = random.Random(next(_seeds) if seed is None else seed)
    image = Image.new("RGB", (300, 500), (rng.randint(200, 255),) * 3)
    draw = ImageDraw.Draw(image)
    for _ in range(40):
        x, y = rng.randint(0, 280), rng.randint(0, 480)
        draw.rectangle([x, y, x + rng.randint(10, 150), y + rng.randint(5, 30)],
                       fill=tuple(rng.randint(0, 200) for _ in range(3)))
    return image


def encoded(image: Image.Image, kind: str = "PNG", **options) -> bytes:
    out = io.BytesIO()
    image.save(out, kind, **options)
    return out.getvalue()


def receipt_png(seed: int | None = None) -> bytes:
    return encoded(receipt(seed))
