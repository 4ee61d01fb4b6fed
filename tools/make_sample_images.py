"""Draw the sample signature and seal images in ``samples/images/`` and embed them in two sample reports.

Real signatures and seals must never sit in a repository, so the samples are drawn: a pen stroke that
looks handwritten (a smooth random path drawn with varying pressure) and a round blue seal with Kyrgyz text
around its rim and a sun with 40 rays and a tunduk in the centre, the emblem of the national flag. Both are
drawn at three times their size and scaled down, which gives smooth edges without an anti-aliasing library.

One signature is a JPEG on off-white "paper" that carries EXIF as a phone photo does (camera make and
model, the time it was taken, GPS coordinates): the models must strip it (``service.images.clean_image``),
and ``tests/test_report_samples.py`` checks that they do. Everything is seeded, so running the script
again gives the same pixels; the PNG and JPEG bytes are the same as long as Pillow's encoders are.

Usage: ``python tools/make_sample_images.py [--no-embed]``. Without ``--no-embed`` the base64 of the
images is written into ``signature.signature_image`` and ``signature.seal_image`` of the reports in
``SAMPLES`` (the rest of each file is left as it is).
"""

from __future__ import annotations

import argparse
import base64
import io
import itertools
import json
import math
import os
import random
import tempfile
from dataclasses import dataclass
from pathlib import Path

import matplotlib
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont
from PIL.ExifTags import GPS, IFD, Base
from PIL.TiffImagePlugin import IFDRational

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "samples" / "images"
REPORTS = ROOT / "samples" / "reports" / "2025"
FONT = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans-Bold.ttf"  # has Cyrillic with ө ү ң

SCALE = 3  # drawn at 3× and reduced with LANCZOS: smooth edges
INK = (22, 38, 120)  # ballpoint dark blue
SEAL_INK = (38, 66, 176)  # stamp-pad blue


@dataclass(frozen=True)
class Sample:
    """The two images of one report, and how they are drawn."""

    organization: str  # the report's file stem in samples/reports/2025
    seed: int
    rim_text: str
    centre_text: str
    signature_format: str  # "PNG" (transparent) or "JPEG" (a photo of paper, with EXIF)
    gps: tuple[float, float] | None = None  # where the "phone" took the JPEG: latitude, longitude


SAMPLES = (
    Sample("osh-oblast-court", 1107, "КЫРГЫЗ РЕСПУБЛИКАСЫ • ОШ ОБЛУСТУК СОТУ •", "ОШ ШААРЫ", "PNG"),
    Sample(
        "bishkek-city-court",
        2291,
        "КЫРГЫЗ РЕСПУБЛИКАСЫ • БИШКЕК ШААРДЫК СОТУ •",
        "БИШКЕК ШААРЫ",
        "JPEG",
        gps=(42.8746, 74.6122),
    ),
)


def noise(rng: random.Random, size: tuple[int, int], spread: float) -> Image.Image:
    """Gaussian grey noise around 128 from ``rng`` (Pillow's ``effect_noise`` cannot be seeded)."""
    width, height = size
    values = bytes(max(0, min(255, round(rng.gauss(128, spread)))) for _ in range(width * height))
    return Image.frombytes("L", size, values)


# ------------------------------------------------------------------------------------------ signature


def _signature_path(rng: random.Random, width: int, height: int) -> list[tuple[float, float, float]]:
    """Points (x, y, pen width) of one continuous stroke: a tall capital, letters, then a flourish.

    Each "letter" is one turn of a loop: a steady drift to the right plus a back-and-forth term whose
    size decides whether the turn closes into a loop («о», «б») or stays an arch («н», «и»); the
    heights, widths and slopes are drawn per letter, so the stroke reads as cursive without spelling
    anything. Pressure (the pen width) rises on down-strokes as it does with a ballpoint.
    """
    points: list[tuple[float, float, float]] = []
    letters = rng.randint(6, 8)
    steps = 80
    baseline = 0.58 * height
    shapes = [
        (rng.uniform(0.10, 0.24) * height, rng.choice((0.0, 0.012, 0.03, 0.045)) * width, rng.uniform(0.8, 1.3))
        for _ in range(letters)
    ]
    shapes[0] = (0.44 * height, 0.05 * width, 1.5)  # the capital: tall, looped, wide
    shapes[rng.randint(2, letters - 2)] = (0.34 * height, 0.025 * width, 1.0)  # an ascender, as in «б»
    x = 0.10 * width
    previous_y = baseline
    for letter, (rise, loop, breadth) in enumerate(shapes):
        advance = 0.085 * width * breadth
        for step in range(steps):
            u = step / steps
            phase = 2 * math.pi * u
            x_here = x + advance * u - loop * math.sin(phase) + rng.uniform(-0.4, 0.4)
            y = baseline - rise * (0.5 - 0.5 * math.cos(phase)) + 0.015 * height * math.sin(0.9 * letter + phase / 3)
            slant = (baseline - y) * 0.38  # handwriting leans right
            pressure = 1.0 + 0.9 * max(0.0, (y - previous_y) / (0.012 * height))
            previous_y = y
            points.append((x_here + slant, y, min(pressure, 2.1)))
        x += advance
    # the flourish: out to the right and down, then a long underline back under the name
    x0, y0, _ = points[-1]
    for step in range(180):
        u = step / 179
        xf = x0 + 0.14 * width * math.sin(math.pi * u * 0.85) - 0.72 * width * u * u
        yf = y0 + 0.24 * height * math.sin(math.pi * u / 2) + 0.03 * height * math.sin(2.5 * math.pi * u)
        points.append((xf, yf, 1.7 - 1.3 * u))
    return points


def draw_signature(rng: random.Random, width: int = 600, height: int = 240) -> Image.Image:
    """A handwritten-looking signature, dark blue on a transparent background."""
    big = Image.new("L", (width * SCALE, height * SCALE), 0)
    draw = ImageDraw.Draw(big)
    points = _signature_path(rng, width * SCALE, height * SCALE)
    base = 1.5 * SCALE
    for (x1, y1, p1), (x2, y2, p2) in itertools.pairwise(points):
        pen = base * (p1 + p2) / 2
        draw.line((x1, y1, x2, y2), fill=255, width=max(1, round(pen)))
        draw.ellipse((x2 - pen / 2, y2 - pen / 2, x2 + pen / 2, y2 + pen / 2), fill=255)  # round joints
    alpha = big.resize((width, height), Image.Resampling.LANCZOS)
    image = Image.new("RGBA", (width, height), (*INK, 0))
    image.putalpha(alpha)
    return image


def on_paper(signature: Image.Image, rng: random.Random) -> Image.Image:
    """The signature as a phone photo of paper: warm off-white, a slight shading, grain; RGB for JPEG."""
    width, height = signature.size
    paper = Image.linear_gradient("L").rotate(90).resize((width, height))
    shade = paper.point(lambda value: 236 + value * 14 // 255)  # 236…250: a little darker on one side
    grain = noise(rng, (width, height), spread=6)
    tone = ImageChops.add(shade, grain, scale=1.0, offset=-128)
    background = Image.merge("RGB", (tone, tone, tone.point(lambda value: value - 8)))
    background.paste(signature, (rng.randint(-4, 4), rng.randint(-3, 3)), signature)
    return background.filter(ImageFilter.GaussianBlur(0.4))


def exif_of_phone_photo(gps: tuple[float, float]) -> Image.Exif:
    """EXIF as a phone writes it: make, model, software, time taken, and the GPS position."""
    exif = Image.Exif()
    exif[Base.Make] = "samsung"
    exif[Base.Model] = "Galaxy A54 5G"
    exif[Base.Software] = "A546EXXS7CXK1"
    exif[Base.DateTime] = "2026:01:12 10:41:07"
    exif[Base.Orientation] = 1
    details = exif.get_ifd(IFD.Exif)
    details[Base.DateTimeOriginal] = "2026:01:12 10:41:07"
    details[Base.LensModel] = "Samsung Galaxy A54 5G Rear Main Camera"

    def dms(value: float) -> tuple[IFDRational, IFDRational, IFDRational]:
        degrees = int(value)
        minutes = int((value - degrees) * 60)
        seconds = round(((value - degrees) * 60 - minutes) * 60 * 100)
        return IFDRational(degrees, 1), IFDRational(minutes, 1), IFDRational(seconds, 100)

    position = exif.get_ifd(IFD.GPSInfo)
    position[GPS.GPSVersionID] = b"\x02\x02\x00\x00"
    position[GPS.GPSLatitudeRef] = "N"
    position[GPS.GPSLatitude] = dms(gps[0])
    position[GPS.GPSLongitudeRef] = "E"
    position[GPS.GPSLongitude] = dms(gps[1])
    return exif


# ----------------------------------------------------------------------------------------------- seal


def _rim_text(image: Image.Image, text: str, centre: float, radius: float, size: int) -> None:
    """Write ``text`` clockwise around a circle, letters upright towards the centre, spread over 360°."""
    font = ImageFont.truetype(str(FONT), size)
    advances = [font.getlength(char) for char in text]
    gap = size * 0.10
    total = sum(advances) + gap * len(text)
    angle_per_pixel = 2 * math.pi / total
    angle = -math.pi / 2 - (advances[0] / 2) * angle_per_pixel  # the first letter starts at the top
    for char, advance in zip(text, advances, strict=True):
        middle = angle + (advance / 2) * angle_per_pixel
        angle += (advance + gap) * angle_per_pixel
        if char == " ":
            continue
        glyph = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(glyph).text((size, size), char, font=font, fill=255, anchor="mm")
        rotated = glyph.rotate(-math.degrees(middle) - 90, resample=Image.Resampling.BICUBIC)
        x = centre + radius * math.cos(middle) - size
        y = centre + radius * math.sin(middle) - size
        image.paste(Image.new("L", rotated.size, 255), (round(x), round(y)), rotated)


def _emblem(mask: Image.Image, centre: float, radius: float, line: int) -> None:
    """A sun with 40 rays around a tunduk (the yurt's crown: a ring crossed by two sets of three laths)."""
    draw = ImageDraw.Draw(mask)
    inner, outer = radius * 0.50, radius
    spread = math.pi / 40 * 0.55
    for ray in range(40):
        angle = 2 * math.pi * ray / 40
        tip = (centre + outer * math.cos(angle), centre + outer * math.sin(angle))
        left = (centre + inner * math.cos(angle - spread), centre + inner * math.sin(angle - spread))
        right = (centre + inner * math.cos(angle + spread), centre + inner * math.sin(angle + spread))
        draw.polygon((left, tip, right), fill=255)
    ring = radius * 0.46
    draw.ellipse((centre - ring, centre - ring, centre + ring, centre + ring), fill=0, outline=255, width=line)
    crown = radius * 0.34
    laths = Image.new("L", mask.size, 0)
    lath_draw = ImageDraw.Draw(laths)
    bow = crown * 2.2  # the radius each lath is bent to
    for offset in (-0.45, 0.0, 0.45):
        for sign in (1, -1):  # one set bows left, the other right; together they cross as on the flag
            x = centre + offset * crown + sign * bow
            lath_draw.ellipse((x - bow, centre - bow, x + bow, centre + bow), outline=255, width=line)
    disc = Image.new("L", mask.size, 0)
    ImageDraw.Draw(disc).ellipse((centre - crown, centre - crown, centre + crown, centre + crown), fill=255)
    mask.paste(255, (0, 0), ImageChops.multiply(laths, disc))
    draw.ellipse((centre - crown, centre - crown, centre + crown, centre + crown), outline=255, width=line)


def draw_seal(sample: Sample, rng: random.Random, size: int = 500) -> Image.Image:
    """A round stamp in blue on a transparent background, with the uneven ink of a real impression."""
    big_size = size * SCALE
    centre = big_size / 2
    mask = Image.new("L", (big_size, big_size), 0)
    draw = ImageDraw.Draw(mask)
    line = 4 * SCALE

    def circle(radius: float, width: int) -> None:
        draw.ellipse((centre - radius, centre - radius, centre + radius, centre + radius), outline=255, width=width)

    outer = centre - 6 * SCALE
    circle(outer, line + 2 * SCALE)
    circle(outer - 12 * SCALE, 2 * SCALE)
    _rim_text(mask, sample.rim_text, centre, outer - 52 * SCALE, 34 * SCALE)
    circle(outer - 92 * SCALE, 2 * SCALE)
    _emblem(mask, centre, outer - 150 * SCALE, 3 * SCALE)
    font = ImageFont.truetype(str(FONT), 20 * SCALE)
    draw.text((centre, centre + (outer - 120 * SCALE)), sample.centre_text, font=font, fill=255, anchor="mm")

    # Ink: a stamp never prints evenly; thin it in soft blotches and drop a few specks.
    blotches = noise(rng, (size // 10, size // 10), spread=60).resize((big_size, big_size), Image.Resampling.BICUBIC)
    evenness = blotches.point(lambda value: max(170, min(255, value + 90)))
    mask = ImageChops.multiply(mask, evenness)
    specks = ImageDraw.Draw(mask)
    for _ in range(260):
        x, y = rng.uniform(0, big_size), rng.uniform(0, big_size)
        r = rng.uniform(1, 3) * SCALE
        specks.ellipse((x - r, y - r, x + r, y + r), fill=0)
    mask = mask.rotate(rng.uniform(-12, 12), resample=Image.Resampling.BICUBIC)  # stamped a little askew
    alpha = mask.resize((size, size), Image.Resampling.LANCZOS).point(lambda value: value * 235 // 255)
    image = Image.new("RGBA", (size, size), (*SEAL_INK, 0))
    image.putalpha(alpha)
    return image


# --------------------------------------------------------------------------------------------- output


def encode(image: Image.Image, format: str, exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    if format == "PNG":
        image.save(out, "PNG", optimize=True)
    else:
        image.save(out, "JPEG", quality=88, exif=exif.tobytes() if exif is not None else b"")
    return out.getvalue()


def write_atomically(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(content)
        umask = os.umask(0)
        os.umask(umask)
        Path(temporary).chmod(0o666 & ~umask)  # mkstemp makes it 0600; a sample is readable by all
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def image_files(sample: Sample) -> dict[str, tuple[str, bytes]]:
    """The sample's images: field name → (file name, encoded bytes)."""
    rng = random.Random(sample.seed)
    signature = draw_signature(rng)
    if sample.signature_format == "JPEG":
        assert sample.gps is not None
        photo = on_paper(signature, rng)
        signature_file = (
            f"{sample.organization}-signature.jpg",
            encode(photo, "JPEG", exif_of_phone_photo(sample.gps)),
        )
    else:
        signature_file = (f"{sample.organization}-signature.png", encode(signature, "PNG"))
    seal_file = (f"{sample.organization}-seal.png", encode(draw_seal(sample, rng), "PNG"))
    return {"signature_image": signature_file, "seal_image": seal_file}


def embed(report_path: Path, images: dict[str, bytes]) -> None:
    """Put the images' base64 into the report's signature block, keeping the file's layout."""
    report = json.loads(report_path.read_text(encoding="utf-8"))
    for field, content in images.items():
        report["signature"][field] = base64.b64encode(content).decode("ascii")
    text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    write_atomically(report_path, text.encode("utf-8"))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-embed", action="store_true", help="only write samples/images, leave the reports")
    arguments = parser.parse_args(argv)
    for sample in SAMPLES:
        files = image_files(sample)
        for name, content in files.values():
            write_atomically(IMAGES / name, content)
            print(f"{IMAGES / name}: {len(content):,} bytes")
        if not arguments.no_embed:
            report_path = REPORTS / f"{sample.organization}.json"
            embed(report_path, {field: content for field, (_name, content) in files.items()})
            print(f"{report_path}: images embedded")


if __name__ == "__main__":
    main()
