"""The HTML page of events: well formed, self-contained, every event marked; and drawn by a
real headless browser into a screenshot that is not blank."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eventx.cli import main
from eventx.errors import InputError
from eventx.events import (
    Actor,
    ActorKind,
    Direction,
    Meeting,
    Place,
    Sentence,
    Span,
    Status,
    TroopAdjustment,
)
from eventx.pipeline import Document, Result
from eventx.render import STATUS_COLORS, Extraction, _displacy_input, render

TEXT = ("Trade envoys of Chile and Peru met in Lima on Friday.\n\n"
        "Officials said Chile may withdraw 300 troops from the border.")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}


def span_of(text: str, word: str) -> dict[str, Any]:
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word}


def events_of_text() -> list[Meeting | TroopAdjustment]:
    def s(word: str) -> dict[str, Any]:
        return span_of(TEXT, word)

    chile, peru = s("Chile"), s("Peru")
    return [
        Meeting(trigger=Span(**s("met")), sentence=Sentence(start=0, end=53),
                status=Status.OCCURRED, extractor="test",
                location=Place(**s("Lima"), name="Lima", country="PER"),
                participants=(Actor(**chile, name="Chile", kind=ActorKind.COUNTRY,
                                    country="CHL"),
                              Actor(**peru, name="Peru", kind=ActorKind.COUNTRY,
                                    country="PER"))),
        TroopAdjustment(trigger=Span(**s("withdraw")), sentence=Sentence(start=55, end=116),
                        status=Status.POSSIBLE, direction=Direction.WITHDRAW, magnitude=300,
                        extractor="test"),
    ]


class TagChecker(HTMLParser):
    """Fails on a closing tag that does not close the innermost open element."""

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.problems: list[str] = []
        self.resources: list[str] = []
        self.marked: list[str] = []
        self._in_mark = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.resources += [v or "" for k, v in attrs if k in ("src", "href")]
        if tag not in VOID:
            self.stack.append(tag)
        self._in_mark = tag == "mark"

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
        else:
            self.stack.pop()
        self._in_mark = False

    def handle_data(self, data: str) -> None:
        if self._in_mark:
            self.marked.append(data)


def check(page: str) -> TagChecker:
    checker = TagChecker()
    checker.feed(page)
    checker.close()
    assert checker.problems == []
    assert checker.stack == []
    return checker


def test_page_is_well_formed_self_contained_and_marks_every_event() -> None:
    page = render([Document("chile-peru", TEXT)], [Result("chile-peru", events_of_text())])
    checker = check(page)
    assert page.startswith("<!DOCTYPE html>")
    # the only links are the events' own anchors, within the page
    assert checker.resources == ["#event-chile-peru-1", "#event-chile-peru-2"]
    assert all(f"id='{link[1:]}'" in page for link in checker.resources)
    assert not re.search(r"https?://", page)
    assert "<script" not in page and "<link" not in page and "@import" not in page
    # every trigger is marked in the table, and labelled by number and type in the text
    assert checker.marked == ["met", "withdraw"]
    labels = set(re.findall(r">\s*(\d+ \w+)\s*<", page))
    assert {"1 Meeting", "2 TroopAdjustment", "1 participants", "1 location"} <= labels
    # the two statuses are drawn apart: badge classes and trigger colours
    assert "status-occurred" in page and "status-possible" in page
    assert STATUS_COLORS["occurred"] in page and STATUS_COLORS["possible"] in page
    assert "CHL" in page and "300" in page


def test_statuses_have_distinct_colours() -> None:
    assert set(STATUS_COLORS) == {s.value for s in Status}
    assert len(set(STATUS_COLORS.values())) == len(Status)


def test_blank_lines_separate_paragraphs() -> None:
    parsed = _displacy_input(TEXT, [(TEXT.index("met"), TEXT.index("met") + 3, "1 M", "#fff")])
    assert len(parsed) == 2
    assert parsed[0]["tokens"][-1] == "Friday."
    assert parsed[0]["spans"] == [{"start_token": 6, "end_token": 7, "label": "1 M"}]
    assert parsed[1]["spans"] == []


def test_escapes_document_text() -> None:
    page = render([{"id": "<x>", "text": "a <b>bold</b> & claim"}], [{"id": "<x>", "events": []}])
    check(page)
    assert "<b>bold" not in page and "&lt;b&gt;bold" in page
    assert "no events found" in page


def test_gold_style_dicts_render_too() -> None:
    event = {"type": "Meeting", "status": "planned", "trigger": span_of(TEXT, "met"),
             "participants": [{**span_of(TEXT, "Peru"), "name": "Peru", "country": "PER"}]}
    page = render([TEXT], [{"id": "0", "events": [event]}])
    check(page)
    assert "status-planned" in page and "1 participants" in page


def test_results_must_match_documents() -> None:
    with pytest.raises(InputError, match="2 documents but 1 results"):
        render([TEXT, TEXT], [{"id": "0", "events": []}])


def test_extraction_displays_in_notebooks() -> None:
    extraction = Extraction.run(["The two foreign ministers met in Geneva on Monday."])
    fragment = extraction._repr_html_()
    check(fragment)
    assert fragment.startswith("<div class='eventx'>") and "<html" not in fragment
    assert [e.event_type for e in extraction.results[0].events] == ["Meeting"]
    assert "1 Meeting" in fragment
    assert extraction.html().startswith("<!DOCTYPE html>")


words = st.text(st.sampled_from("ab.,-"), min_size=1, max_size=6)
texts = st.lists(st.tuples(words, st.sampled_from([" ", "\n", "\n\n", "  \n \n"])),
                 min_size=1, max_size=15).map(lambda parts: "".join(w + s for w, s in parts))


@given(texts, st.data())
def test_tokens_cover_the_text_and_every_mark(text: str, data: st.DataObject) -> None:
    bounds = st.integers(0, len(text) - 1)
    marks = []
    for _ in range(data.draw(st.integers(0, 4))):
        start = data.draw(bounds)
        end = data.draw(st.integers(start + 1, len(text)))
        if text[start:end].strip():
            marks.append((start, end, f"m{len(marks)}", "#fff"))
    parsed = _displacy_input(text, marks)
    # the tokens, in order, hold every non-space character of the text
    assert "".join(t for p in parsed for t in p["tokens"]) == "".join(text.split())
    # every mark is a token range whose text is the mark's text without spaces
    found = {s["label"]: "".join(p["tokens"][s["start_token"]:s["end_token"]])
             for p in parsed for s in p["spans"]}
    assert found == {label: "".join(text[start:end].split()) for start, end, label, _ in marks}


def run_cli(*argv: str) -> int:
    """Run ``eventx render`` through the real command line."""
    return main(["render", *argv])


def test_cli_writes_the_page(tmp_path: Path) -> None:
    source = tmp_path / "story.txt"
    source.write_text("The defence ministers of Chile and Peru met in Lima on Friday.\n",
                      encoding="utf-8")
    output = tmp_path / "events.html"
    assert run_cli(str(source), "--date", "2025-03-07", "-o", str(output)) == 0
    page = output.read_text(encoding="utf-8")
    checker = check(page)
    assert checker.marked == ["met"]
    assert "story" in page and "2025-03-07" in page


# -- a real browser -------------------------------------------------------------------------


def png_pixels(data: bytes) -> list[bytes]:
    """The rows of an 8-bit RGB or RGBA PNG, unfiltered (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        pos += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    bpp = 3 if colour == 2 else 4
    raw, stride, rows = zlib.decompress(idat), width * bpp, []
    previous = bytearray(stride)
    for y in range(height):
        line = raw[y * (stride + 1):(y + 1) * (stride + 1)]
        kind, row = line[0], bytearray(line[1:])
        for x in range(stride):
            a = row[x - bpp] if x >= bpp else 0
            b, c = previous[x], previous[x - bpp] if x >= bpp else 0
            if kind == 1:
                row[x] = (row[x] + a) & 255
            elif kind == 2:
                row[x] = (row[x] + b) & 255
            elif kind == 3:
                row[x] = (row[x] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                row[x] = (row[x] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(row[i] for i in range(stride) if i % bpp < 3))
        previous = row
    return rows


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed (apt-get install chromium)")
def test_headless_chromium_draws_the_page(tmp_path: Path) -> None:
    assert CHROMIUM is not None
    page = tmp_path / "events.html"
    page.write_text(render([Document("chile-peru", TEXT)],
                           [Result("chile-peru", events_of_text())]), encoding="utf-8")
    shot = tmp_path / "shot.png"
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
                    "--window-size=1280,900", page.as_uri()],
                   capture_output=True, timeout=120, check=True)
    rows = png_pixels(shot.read_bytes())
    assert len(rows) == 900 and len(rows[0]) == 1280 * 3
    colours = {row[i:i + 3] for row in rows[::4] for i in range(0, len(row), 12)}
    # white page, dark text, and the status colours of the legend and the triggers
    assert len(colours) > 20
    wanted = {bytes.fromhex(STATUS_COLORS[s][1:]) for s in ("occurred", "possible", "planned")}
    assert wanted <= colours
