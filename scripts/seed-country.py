#!/usr/bin/env python3
"""Writes seed-data/country/{provinces,communes}.csv from the reference lists (GSO 1027/CTK-CSCL, 915/CTK-CSCL).

usage: scripts/seed-country.py [REFERENCE_DIR]   (default ../shared/reference beside the repository)

Codes, names (with diacritics) and types are copied as published; the English names are made by one rule, the one
Hanoi's units.csv follows: "Phường Cửa Nam" -> "Cua Nam Ward", "Xã An Lão" -> "An Lao Commune",
"Đặc khu Cát Hải" -> "Cat Hai Special Zone", "Tỉnh Gia Lai" -> "Gia Lai Province", "Thành phố Hải Phòng" ->
"Hai Phong City" (Hanoi keeps the "Hanoi" of units.csv, Ho Chi Minh City its usual name). Run it again after the
reference changes; tests/IOC.Domain.Tests/Seed checks the result.
"""
import csv
import os
import sys
import unicodedata

KINDS = {"Phường": ("phường", "Ward"), "Xã": ("xã", "Commune"), "Đặc khu": ("đặc khu", "Special Zone")}
SPECIAL_EN = {"01": "Hanoi", "79": "Ho Chi Minh City"}


def plain(text):
    text = text.replace("Đ", "D").replace("đ", "d")
    return "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")


def split_kind(name):
    for prefix in sorted(KINDS, key=len, reverse=True):
        if name.startswith(prefix + " "):
            return prefix, name[len(prefix) + 1:]
    raise SystemExit(f"no known kind in '{name}'")


def province_en(code, name):
    if code in SPECIAL_EN:
        return SPECIAL_EN[code]
    if name.startswith("Thành phố "):
        return plain(name[len("Thành phố "):]) + " City"
    if name.startswith("Tỉnh "):
        return plain(name[len("Tỉnh "):]) + " Province"
    raise SystemExit(f"no known kind in province '{name}'")


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    reference = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repo, "..", "shared", "reference")
    out = os.path.join(repo, "seed-data", "country")
    os.makedirs(out, exist_ok=True)

    with open(os.path.join(reference, "vn-provinces-2025.csv"), encoding="utf-8") as f:
        provinces = list(csv.DictReader(f))
    with open(os.path.join(out, "provinces.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "name_en", "type", "communes"])
        for p in provinces:
            kind = "thành phố" if p["name"].startswith("Thành phố ") else "tỉnh"
            w.writerow([p["code"], p["name"], province_en(p["code"], p["name"]), kind, p["commune_units"]])

    with open(os.path.join(reference, "vn-communes-2025.csv"), encoding="utf-8") as f:
        communes = list(csv.DictReader(f))
    with open(os.path.join(out, "communes.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "name_en", "type", "province"])
        for c in communes:
            prefix, rest = split_kind(c["name"])
            kind, suffix = KINDS[prefix]
            if kind != c["type"]:
                raise SystemExit(f"{c['code']}: type '{c['type']}' but the name says '{kind}'")
            w.writerow([c["code"], c["name"], f"{plain(rest)} {suffix}", c["type"], c["province_code"]])
    print(f"{len(provinces)} provinces, {len(communes)} communes written to {out}")


if __name__ == "__main__":
    main()
