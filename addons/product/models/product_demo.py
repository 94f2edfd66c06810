"""Demo product pictures: a tile in the category's colour with the product's initials, drawn once."""
from __future__ import annotations

import base64
import io

from PIL import Image, ImageDraw, ImageFont

from core import model

# tile colours by category, so the catalogue's cards are told apart at a glance
COLOURS = {"Office Furniture": (217, 119, 6), "Computers": (37, 99, 235), "Office Supplies": (5, 150, 105),
           "Services": (124, 58, 237)}
SIZE = 256


def _tile(initials: str, colour: tuple[int, int, int]) -> bytes:
    image = Image.new("RGB", (SIZE, SIZE), colour)
    draw = ImageDraw.Draw(image)
    try:
        font = ImageFont.truetype("DejaVuSans-Bold.ttf", 96)
    except OSError:  # a machine without DejaVu: Pillow's own font
        font = ImageFont.load_default()
    draw.text((SIZE / 2, SIZE / 2), initials, fill=(255, 255, 255), font=font, anchor="mm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


@model("product.template")
class ProductTemplateDemo:
    def _demo_draw_images(self) -> bool:
        """Give the demo products without a picture a tile with their initials; True."""
        for template in self.search([("image_1920", "=", False)]):
            words = [word for word in (template.name or "?").split() if word[:1].isalnum()]
            initials = "".join(word[0] for word in words[:2]).upper() or "?"
            colour = COLOURS.get(template.categ_id.name, (71, 85, 105))
            template.image_1920 = base64.b64encode(_tile(initials, colour)).decode()
        return True
