"""Image fields: binary values checked to be images, and kept within a maximum size."""
from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from PIL import Image as PILImage
from PIL import ImageOps, UnidentifiedImageError

from core.fields.base import field_type
from core.fields.scalar import Binary

if TYPE_CHECKING:
    from core.records.model_part import ModelPart

PILImage.MAX_IMAGE_PIXELS = 50_000_000


@field_type("image")
class Image(Binary):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.max_width: int = int(self.attrs.get("max_width") or 0)
        self.max_height: int = int(self.attrs.get("max_height") or 0)

    def convert_to_cache(self, value: Any, record: ModelPart) -> Any:
        content = super().convert_to_cache(value, record)
        if content is None:
            return None
        return self.process(content)

    def process(self, content: bytes) -> bytes:
        """Check ``content`` is an image and shrink it into max_width × max_height (ratio kept, never
        enlarged); an image that already fits is kept byte for byte."""
        try:
            image: PILImage.Image = PILImage.open(io.BytesIO(content))
            image.load()
        except (UnidentifiedImageError, OSError, ValueError, PILImage.DecompressionBombError):
            raise self.error("This file could not be decoded as an image file.") from None
        if not (self.max_width or self.max_height):
            return content
        output_format = image.format if image.format in ("PNG", "JPEG", "GIF", "WEBP") else "PNG"
        # phone photos are stored sideways with an orientation tag; the resized copies are upright
        image = ImageOps.exif_transpose(image) or image
        width, height = image.size
        max_width = self.max_width or width
        max_height = self.max_height or height
        if width <= max_width and height <= max_height:
            return content
        ratio = min(max_width / width, max_height / height)
        size = (max(1, round(width * ratio)), max(1, round(height * ratio)))
        resized = image.resize(size, PILImage.Resampling.LANCZOS)
        if output_format == "JPEG" and resized.mode not in ("RGB", "L"):
            resized = resized.convert("RGB")
        buffer = io.BytesIO()
        options = {"quality": 90, "optimize": True} if output_format == "JPEG" else {"optimize": True}
        resized.save(buffer, format=output_format, **options)
        return buffer.getvalue()
