#!/usr/bin/python3
"""Every glyph of every font embedded in a PDF draws, unless it is a blank.

usage: check-glyphs.py PDF...

A font subset can lose a glyph's outline and still extract the right text:
cairo 1.16's CFF subsetter miscounted the hints of some Noto Sans CJK
charstrings, skipped a callsubr and wrote the subroutine as a bare return,
so 如 in 一次性告知如下 printed as nothing while pdftotext read it fine.
So the outlines themselves are drawn here with fontTools: each glyph of
each embedded subset (CFF in FontFile3, TrueType in FontFile2) whose text
in the font's ToUnicode map is not a space or an invisible control must
have ink.  Cairo's subsets hold only the glyphs the pages show (and
.notdef, which is skipped), so every glyph of a subset is one in use.

Prints one line per problem, naming the PDF, the font, the CID and the
character, and exits 1 if there is any; 0 when every glyph has ink.
"""

import io
import re
import sys
import unicodedata

import pikepdf
from fontTools.cffLib import CFFFontSet
from fontTools.pens.boundsPen import BoundsPen
from fontTools.ttLib import TTFont

# What may rightly be drawn as nothing: spaces, line and paragraph
# separators, controls, and format characters (zero-width joiners, ...).
BLANK_CATEGORIES = {"Zs", "Zl", "Zp", "Cc", "Cf"}


def hex_to_text(digits):
    data = bytes.fromhex(digits)
    return data.decode("utf-16-be", errors="replace")


def to_unicode(font):
    """{code: text} from the font's ToUnicode CMap (bfchar and bfrange)."""
    if "/ToUnicode" not in font:
        return {}
    cmap = font.ToUnicode.read_bytes().decode("latin-1")
    mapping = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
        for code, text in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(code, 16)] = hex_to_text(text)
    for block in re.findall(r"beginbfrange(.*?)endbfrange", cmap, re.S):
        for first, last, rest in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\[[^\]]*\]|<[0-9A-Fa-f]*>)",
                                            block):
            first, last = int(first, 16), int(last, 16)
            if rest.startswith("["):
                for offset, text in enumerate(re.findall(r"<([0-9A-Fa-f]*)>", rest)):
                    mapping[first + offset] = hex_to_text(text)
            else:
                start = bytes.fromhex(rest[1:-1])
                for offset in range(last - first + 1):
                    value = int.from_bytes(start, "big") + offset
                    mapping[first + offset] = value.to_bytes(len(start), "big").decode("utf-16-be", errors="replace")
    return mapping


def has_ink_expected(text):
    """Whether a glyph standing for TEXT must draw something."""
    if text is None:
        return True  # a glyph with no text is still there to be seen
    return any(unicodedata.category(c) not in BLANK_CATEGORIES for c in text)


def describe(text):
    if not text:
        return "no text in ToUnicode"
    return "“%s” (%s)" % (text, " ".join("U+%04X" % ord(c) for c in text))


def cff_glyphs(data):
    """[(cid, glyph)] of a bare CFF font program (FontFile3)."""
    cff = CFFFontSet()
    cff.decompile(io.BytesIO(data), None)
    top = cff[cff.fontNames[0]]
    glyphs = []
    for gid, name in enumerate(top.charset):
        # A CID-keyed font's charset gives each glyph its CID as cidNNNNN;
        # a name-keyed one has names, and the code is the glyph index.
        cid = int(name[3:]) if name.startswith("cid") and name[3:].isdigit() else gid
        glyphs.append((cid, top.CharStrings[name]))
    return glyphs


def truetype_glyphs(data, cid_to_gid):
    """[(cid, glyph)] of a TrueType font program (FontFile2)."""
    font = TTFont(io.BytesIO(data))
    glyph_set = font.getGlyphSet()
    order = font.getGlyphOrder()
    if cid_to_gid is None:  # /Identity
        pairs = enumerate(range(len(order)))
    else:
        pairs = ((cid, int.from_bytes(cid_to_gid[2 * cid:2 * cid + 2], "big"))
                 for cid in range(len(cid_to_gid) // 2))
    return [(cid, glyph_set[order[gid]]) for cid, gid in pairs if gid < len(order) and (cid == 0 or gid != 0)]


def drawing_problem(glyph):
    """None if GLYPH draws ink, else what is wrong with it."""
    pen = BoundsPen(None)
    try:
        glyph.draw(pen)
    except Exception as error:  # a charstring fontTools cannot run is as broken
        return "the glyph cannot be drawn (%s: %s)" % (type(error).__name__, error)
    return None if pen.bounds is not None else "the glyph draws nothing"


def font_glyphs(font):
    """(font name, [(cid, glyph)]) of a Type0 font, or None if it embeds nothing."""
    descendant = font.DescendantFonts[0]
    descriptor = descendant.get("/FontDescriptor")
    if descriptor is None:
        return None
    name = str(descendant.get("/BaseFont", font.get("/BaseFont", "?")))[1:]
    if "/FontFile3" in descriptor:
        return name, cff_glyphs(descriptor.FontFile3.read_bytes())
    if "/FontFile2" in descriptor:
        mapping = descendant.get("/CIDToGIDMap")
        cid_to_gid = mapping.read_bytes() if isinstance(mapping, pikepdf.Stream) else None
        return name, truetype_glyphs(descriptor.FontFile2.read_bytes(), cid_to_gid)
    return None


def check_pdf(path):
    """The problems of one PDF, one line each, and how many glyphs were drawn."""
    problems = []
    drawn = 0
    with pikepdf.open(path) as pdf:
        for obj in pdf.objects:
            if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != "/Font" \
                    or obj.get("/Subtype") != "/Type0":
                continue
            found = font_glyphs(obj)
            if found is None:
                continue
            name, glyphs = found
            text = to_unicode(obj)
            for cid, glyph in glyphs:
                if cid == 0:
                    continue  # .notdef
                drawn += 1
                problem = drawing_problem(glyph) if has_ink_expected(text.get(cid)) else None
                if problem is not None:
                    problems.append("%s: font %s, CID %d, %s: %s"
                                    % (path, name, cid, describe(text.get(cid)), problem))
    return problems, drawn


def main():
    failed = False
    for path in sys.argv[1:]:
        problems, drawn = check_pdf(path)
        for problem in problems:
            print(problem)
        if not problems:
            print("%s: %d glyphs, each with ink or a blank" % (path, drawn))
        if drawn == 0:
            print("%s: no embedded glyphs to check" % path)
            problems.append("none")
        failed = failed or bool(problems)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
