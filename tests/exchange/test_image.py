"""Image fields: image_1920 kept as sent (up to 1920 px), smaller sizes derived keeping the ratio."""
from __future__ import annotations

import base64
import io

import pytest
from PIL import Image

from core.exceptions import ValidationError


def size_of(value):
    return Image.open(io.BytesIO(value)).size


def b64(content):
    return base64.b64encode(content).decode()


def test_small_image_is_kept_as_sent(env, make_image):
    content = make_image(300, 200)
    partner = env["res.partner"].create({"name": "Logo", "image_1920": b64(content)})
    assert partner.image_1920 == content


def test_smaller_sizes_keep_the_ratio(env, make_image):
    partner = env["res.partner"].create({"name": "Logo", "image_1920": b64(make_image(300, 200))})
    assert size_of(partner.image_128) == (128, 85)
    assert size_of(partner.image_256) == (256, 171)


def test_images_are_never_upscaled(env, make_image):
    partner = env["res.partner"].create({"name": "Logo", "image_1920": b64(make_image(300, 200))})
    assert size_of(partner.image_512) == (300, 200)
    assert size_of(partner.image_1024) == (300, 200)


def test_big_image_is_reduced_to_1920_pixels(env, make_image):
    partner = env["res.partner"].create({"name": "Poster", "image_1920": b64(make_image(3840, 1000, "JPEG"))})
    assert size_of(partner.image_1920) == (1920, 500)
    assert Image.open(io.BytesIO(partner.image_1920)).format == "JPEG"


def test_portrait_image_is_bounded_by_its_height(env, make_image):
    partner = env["res.partner"].create({"name": "Portrait", "image_1920": b64(make_image(100, 400))})
    assert size_of(partner.image_128) == (32, 128)


def test_sizes_follow_a_new_image(env, make_image):
    partner = env["res.partner"].create({"name": "Logo", "image_1920": b64(make_image(300, 200))})
    partner.write({"image_1920": b64(make_image(200, 400))})
    assert size_of(partner.image_128) == (64, 128)


def test_removing_the_image_empties_every_size(env, make_image):
    partner = env["res.partner"].create({"name": "Logo", "image_1920": b64(make_image(300, 200))})
    partner.write({"image_1920": False})
    assert partner.image_128 is False and partner.image_1024 is False


def test_bytes_that_are_not_an_image_are_refused(env):
    with pytest.raises(ValidationError, match="This file could not be decoded as an image file."):
        env["res.partner"].create({"name": "Broken", "image_1920": b64(b"%PDF-1.4 definitely not an image")})


def test_image_read_over_the_api_is_base64(env, make_image):
    content = make_image(300, 200)
    partner = env["res.partner"].create({"name": "Logo", "image_1920": b64(content)})
    assert base64.b64decode(partner.read(["image_1920"])[0]["image_1920"]) == content


def test_image_with_transparency_keeps_it_when_resized(env):
    buffer = io.BytesIO()
    Image.new("RGBA", (400, 400), (0, 0, 0, 0)).save(buffer, format="PNG")
    partner = env["res.partner"].create({"name": "Transparent", "image_1920": b64(buffer.getvalue())})
    assert Image.open(io.BytesIO(partner.image_128)).mode == "RGBA"


def test_sideways_photo_is_resized_upright(env):
    photo = Image.new("RGB", (400, 200), (10, 120, 200))
    exif = photo.getexif()
    exif[0x0112] = 6  # orientation: rotated 90° clockwise, as phones write it
    buffer = io.BytesIO()
    photo.save(buffer, format="JPEG", exif=exif)
    partner = env["res.partner"].create({"name": "Photo", "image_1920": b64(buffer.getvalue())})
    assert size_of(partner.image_128) == (64, 128)
