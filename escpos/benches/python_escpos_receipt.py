#!/usr/bin/env python3
"""The same receipt text and QR through python-escpos, for comparison with ours.

Usage: python3 benches/python_escpos_receipt.py DIR
DIR holds the <lang>.json files `cargo bench --bench receipt_bytes -- DIR` writes. For each
language this writes <lang>.escpos.bin (python-escpos's bytes: its default text encoding and
its default QR, which is a raster image, and a cut) and prints the sizes next to ours and the
letters python-escpos prints as '?'.
Needs `pip install python-escpos`.
"""

import json
import pathlib
import sys

from escpos.printer import Dummy


def escpos_bytes(lines, payload, native):
    printer = Dummy()
    for line in lines:
        printer.text(line + "\n")
    printer.qr(payload, native=native)
    printer.cut()
    return printer.output


def lost_letters(lines):
    """Letters python-escpos's text encoding turns into '?'."""
    lost = []
    for letter in sorted(set("".join(lines))):
        if letter == "?":
            continue
        printer = Dummy()
        printer.text(letter)
        if b"?" in printer.output:
            lost.append(letter)
    return lost


def main():
    directory = pathlib.Path(sys.argv[1])
    print("| language | ours (epson-tm-t20, native QR) | python-escpos (raster QR) "
          "| python-escpos (native QR) | letters python-escpos prints as ? |")
    print("|---|---:|---:|---:|---|")
    for path in sorted(directory.glob("*.json")):
        receipt = json.loads(path.read_text(encoding="utf-8"))
        raster = escpos_bytes(receipt["lines"], receipt["qr"], native=False)
        native = escpos_bytes(receipt["lines"], receipt["qr"], native=True)
        (directory / f"{receipt['lang']}.escpos.bin").write_bytes(raster)
        lost = lost_letters(receipt["lines"])
        print(f"| {receipt['lang']} | {receipt['ours_bytes']} | {len(raster)} | {len(native)} "
              f"| {len(lost)}: {' '.join(lost)} |")


if __name__ == "__main__":
    main()
