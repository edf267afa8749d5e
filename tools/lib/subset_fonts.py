#!/usr/bin/env python3
"""Makes the explorer's fonts at build time, from Debian's font packages.

  subset_fonts.py OUT_DIR

Inter (Regular, SemiBold) is cut down to the character ranges the explorer draws (the same
ranges as src/ui/fonts.cpp). Characters of Latin Extended, Greek, the arrows and the
mathematical operators that Inter lacks come from Noto Sans and Noto Sans Math, cut down to
just those characters, and are merged into the atlas behind Inter. Prints what each file
covers and which assigned characters of those blocks no font has (should be none).
"""
import sys
import unicodedata
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

# Keep in step with kGlyphRanges in src/ui/fonts.cpp.
RANGES = [(0x20, 0x24F), (0x250, 0x2FF), (0x370, 0x3FF), (0x400, 0x4FF), (0x1E00, 0x1EFF),
          (0x2000, 0x206F), (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x214F),
          (0x2190, 0x21FF), (0x2200, 0x22FF), (0x25A0, 0x25FF), (0x2600, 0x27BF)]
# Blocks that must have no missing glyph (issue: Latin Extended, Greek, arrows, math).
MUST_COVER = {"Latin Extended-A": (0x100, 0x17F), "Latin Extended-B": (0x180, 0x24F),
              "Greek": (0x370, 0x3FF), "Arrows": (0x2190, 0x21FF),
              "Mathematical Operators": (0x2200, 0x22FF)}
INTER = Path("/usr/share/fonts/opentype/inter")
NOTO = Path("/usr/share/fonts/truetype/noto")
# Tried in order; each gives only what the ones before lack. One merged file would be
# smaller, but fonts of different designs are kept apart, as the atlas merges them anyway.
FALLBACKS = [("fallback-text.ttf", NOTO / "NotoSans-Regular.ttf"),
             ("fallback-math.ttf", NOTO / "NotoSansMath-Regular.ttf"),
             ("fallback-symbols.ttf", NOTO / "NotoSansSymbols2-Regular.ttf"),
             ("fallback-coptic.ttf", NOTO / "NotoSansCoptic-Regular.ttf")]


def assigned(cp):
    return unicodedata.category(chr(cp)) not in ("Cn", "Cs", "Co", "Cc")


def wanted():
    return {cp for lo, hi in RANGES for cp in range(lo, hi + 1) if assigned(cp)}


def cmap(path):
    return set(TTFont(path)["cmap"].getBestCmap().keys())


def cut(source, unicodes, out):
    options = subset.Options()
    options.layout_features = []  # the atlas draws glyphs one by one: no kerning tables
    options.name_IDs = ["*"]      # keep the names: the licence and copyright stay with it
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(out), options)


def main():
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    want = wanted()
    covered = set()
    for name in ("Inter-Regular.otf", "Inter-SemiBold.otf"):
        has = cmap(INTER / name) & want
        cut(INTER / name, has, out_dir / name)
        if name == "Inter-Regular.otf":
            covered |= has
    report = []
    for out_name, source in FALLBACKS:
        if not source.exists():
            report.append(f"{out_name}: {source} is missing (install fonts-noto-core)")
            continue
        # Everything the explorer draws but the dingbats (only Inter's few are used).
        missing = {cp for cp in want if not 0x2600 <= cp <= 0x27BF} - covered
        take = cmap(source) & missing
        if not take:
            take = {0x20}  # an empty font would not load: keep a space
        cut(source, take, out_dir / out_name)
        covered |= take
        report.append(f"{out_name}: {len(take)} characters from {source.name}")
    for block, (lo, hi) in MUST_COVER.items():
        gaps = [cp for cp in range(lo, hi + 1) if assigned(cp) and cp not in covered]
        report.append(f"{block}: {len(gaps)} assigned characters without a glyph" +
                      (": " + " ".join(f"U+{cp:04X}" for cp in gaps[:20]) if gaps else ""))
    (out_dir / "coverage.txt").write_text("\n".join(report) + "\n")
    print("\n".join(report))


if __name__ == "__main__":
    main()
