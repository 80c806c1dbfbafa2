#!/usr/bin/env python3
"""make_pgs.py OUT WIDTH HEIGHT START-END... : writes a PGS (.sup) subtitle
stream, a Blu-ray's image subtitles, for tests. FFmpeg 5.1 decodes PGS but
cannot encode it, and cannot turn text subtitles into images.

Each START-END (seconds, e.g. 1.0-3.0) is one cue: a white box, a quarter
of the picture's width and a tenth of its height, centred near the bottom,
shown from START and cleared at END (after an empty display set at 0). The layout follows the segments a
Blu-ray player reads: a display set (PCS, WDS, PDS, ODS, END) to show and
one (PCS with no object, WDS, END) to clear."""
import struct
import sys

PCS, WDS, PDS, ODS, END = 0x16, 0x17, 0x14, 0x15, 0x80


def segment(pts, kind, payload):
    # "PG", PTS and DTS at 90 kHz, the segment's type and size.
    return b"PG" + struct.pack(">IIBH", pts, 0, kind, len(payload)) + payload


def box_rle(w, h):
    # A line of w pixels of palette entry 1 (0b11 + 14-bit run, colour),
    # then the end of the line (0x00 0x00).
    line = bytes([0x00, 0xC0 | (w >> 8), w & 0xFF, 0x01, 0x00, 0x00])
    return line * h


def display_set(pts, number, width, height, box, show):
    x, y, w, h = box
    window = struct.pack(">BBHHHH", 1, 0, x, y, w, h)
    if not show:
        pcs = struct.pack(">HHBHBBBB", width, height, 0x10, number, 0x00, 0, 0, 0)
        return segment(pts, PCS, pcs) + segment(pts, WDS, window) + segment(pts, END, b"")
    pcs = struct.pack(">HHBHBBBB", width, height, 0x10, number, 0x80, 0, 0, 1)
    pcs += struct.pack(">HBBHH", 0, 0, 0x00, x, y)  # object 0 in window 0 at x, y
    # Palette 0, version 0: entry 1 is opaque white (Y, Cr, Cb, alpha).
    pds = struct.pack(">BB", 0, 0) + struct.pack(">BBBBB", 1, 235, 128, 128, 255)
    rle = box_rle(w, h)
    # Object 0, version 0, first and last fragment; the length counts width and height.
    ods = struct.pack(">HBB", 0, 0, 0xC0) + (len(rle) + 4).to_bytes(3, "big")
    ods += struct.pack(">HH", w, h) + rle
    return (segment(pts, PCS, pcs) + segment(pts, WDS, window) + segment(pts, PDS, pds)
            + segment(pts, ODS, ods) + segment(pts, END, b""))


def main(argv):
    if len(argv) < 5:
        sys.exit("usage: make_pgs.py OUT WIDTH HEIGHT START-END...")
    out, width, height = argv[1], int(argv[2]), int(argv[3])
    w, h = width // 4, height // 10
    box = ((width - w) // 2, height - 2 * h, w, h)
    # An empty display set at 0 first: muxers count a stream's time from its
    # first packet, so the first cue keeps its start.
    data, number = display_set(0, 0, width, height, box, False), 1
    for cue in argv[4:]:
        start, end = (float(t) for t in cue.split("-"))
        data += display_set(int(start * 90000), number, width, height, box, True)
        data += display_set(int(end * 90000), number + 1, width, height, box, False)
        number += 2
    with open(out, "wb") as f:
        f.write(data)


if __name__ == "__main__":
    main(sys.argv)
