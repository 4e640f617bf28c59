#!/usr/bin/env python3
"""A checker of the machine-checkable requirements of PDF/A-3b (ISO 19005-3).

veraPDF, the reference validator, is not packaged for Debian, so this
script checks our packet PDFs clause by clause itself.  The clause numbers
are those of ISO 19005-2/-3 (both parts share the numbering of clause 6;
part 3 differs in 6.8, embedded files), as used by veraPDF's rule set.
Where the script checks less than the clause asks, the comment at the check
says so, and the line it prints says what it looked at.

Not checked (so a PASS from this script is not a veraPDF PASS); what a
file uses of these is listed as "not checked" under its clause's line:
- widths of simple and Type 3 fonts (only CID fonts' /W and /DW are compared
  with the CFF or TrueType program), Type 1 CharSets, JPEG2000 code streams;
- the font programs' own validity beyond what fontTools needs to read the
  glyphs and widths; text shown through CMaps other than Identity-H/-V;
- the value types of XMP properties other than those of dc, xmp, pdf and
  pdfaid that Shenbao writes, and the fields of extension schemas
  (6.6.2.3.2/3);
- objects inside object streams at the byte level (6.1.6, 6.1.9, 6.1.13);
- ICC profiles beyond their header, tag table and the tags of a matrix/TRC
  profile; colours are never converted through them;
- the colour a form inherits from its caller, and q/Q around colour and
  overprint state (6.2.4.2, 6.2.4.3 follow each content stream on its own);
- digital signatures (6.4.3), file provenance, and level A's structure.
Run over veraPDF's PDF/A-2b and 3b test corpus (997 files; the part 2 files
fail 6.6.4 here, as they should), it failed none of the 384 valid files on
any other clause, and failed 302 of the 320 invalid files outside 6.6.2.3
(the 18 missed: JPEG2000, simple and Type 3 font glyphs and widths, one
resource inherited through the page tree); of the 293 invalid XMP schema
files (6.6.2.3) it fails only 15.

Usage: check-pdfa.py [--quiet] PDF...
Prints, per file, one line per clause: PASS, FAIL (with the offending
objects) or NOT APPLICABLE.  Exits 1 if any clause failed or a file is not
a readable PDF, 77 (skip) when pikepdf is missing.
"""
import datetime
import io
import re
import sys
import xml.etree.ElementTree as ET
import zlib

try:
    import pikepdf
except ImportError:
    print("pikepdf is missing (apt-get install python3-pikepdf)")
    sys.exit(77)

try:
    from fontTools.cffLib import CFFFontSet
    from fontTools.misc.psCharStrings import T2WidthExtractor
    from fontTools.ttLib import TTFont
except ImportError:  # font programs are then not opened: said on the lines that need them
    CFFFontSet = None

NA = object()   # a check returns this when nothing in the file is subject to it
EOL = (b"\r\n", b"\n", b"\r")
WHITESPACE = b"\x00\t\n\x0c\r "
DELIMITERS = b"()<>[]{}/%"

NS_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
NS_X = "adobe:ns:meta/"
NS_DC = "http://purl.org/dc/elements/1.1/"
NS_XMP = "http://ns.adobe.com/xap/1.0/"
NS_PDF = "http://ns.adobe.com/pdf/1.3/"
NS_PDFAID = "http://www.aiim.org/pdfa/ns/id/"
NS_XML = "http://www.w3.org/XML/1998/namespace"

# The schemas of the XMP Specification (2005) and ISO 19005 that need no
# extension schema (6.6.2.3.1).  Properties of any other namespace must be
# described by a pdfaExtension schema in the same packet.
PREDEFINED_NAMESPACES = {
    NS_DC, NS_XMP, NS_PDF, NS_PDFAID,
    "http://ns.adobe.com/xap/1.0/rights/", "http://ns.adobe.com/xap/1.0/mm/",
    "http://ns.adobe.com/xap/1.0/bj/", "http://ns.adobe.com/xap/1.0/t/pg/",
    "http://ns.adobe.com/xap/1.0/t/", "http://ns.adobe.com/xmp/1.0/DynamicMedia/",
    "http://ns.adobe.com/photoshop/1.0/", "http://ns.adobe.com/camera-raw-settings/1.0/",
    "http://ns.adobe.com/tiff/1.0/", "http://ns.adobe.com/exif/1.0/", "http://ns.adobe.com/exif/1.0/aux/",
    "http://www.aiim.org/pdfa/ns/extension/", "http://www.aiim.org/pdfa/ns/schema#",
    "http://www.aiim.org/pdfa/ns/property#", "http://www.aiim.org/pdfa/ns/type#",
    "http://www.aiim.org/pdfa/ns/field#", "http://www.aiim.org/pdfua/ns/id/",
}

# Value types of the predefined properties we write (6.6.2.3.1, second rule).
PROPERTY_TYPES = {
    (NS_DC, "title"): "Alt", (NS_DC, "description"): "Alt", (NS_DC, "rights"): "Alt",
    (NS_DC, "creator"): "Seq", (NS_DC, "subject"): "Bag", (NS_DC, "date"): "Seq",
    (NS_DC, "format"): "Text", (NS_PDF, "Keywords"): "Text", (NS_PDF, "Producer"): "Text",
    (NS_PDF, "PDFVersion"): "Text", (NS_PDF, "Trapped"): "Text", (NS_XMP, "CreatorTool"): "Text",
    (NS_XMP, "CreateDate"): "Date", (NS_XMP, "ModifyDate"): "Date", (NS_XMP, "MetadataDate"): "Date",
    (NS_PDFAID, "part"): "Integer", (NS_PDFAID, "conformance"): "Text",
    (NS_PDFAID, "amd"): "Text", (NS_PDFAID, "corr"): "Text",
}

# ISO 32000-1 Table A.1: every content stream operator.
OPERATORS = set("""b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID
j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf Tj TJ TL Tm Tr Ts Tw Tz v w W W* y ' \"""".split())

# Painting operators, by the colour they use (text counts as filled).
STROKING = {"S", "s", "b", "B", "b*", "B*"}
FILLING = {"f", "F", "f*", "b", "B", "b*", "B*", "sh", "Tj", "TJ", "'", '"'}
STANDARD_FILTERS = {"/ASCIIHexDecode", "/ASCII85Decode", "/FlateDecode", "/RunLengthDecode",
                    "/CCITTFaxDecode", "/JBIG2Decode", "/DCTDecode", "/JPXDecode", "/Crypt"}
INLINE_FILTERS = {"/ASCIIHexDecode", "/ASCII85Decode", "/FlateDecode", "/RunLengthDecode",
                  "/CCITTFaxDecode", "/DCTDecode", "/AHx", "/A85", "/Fl", "/RL", "/CCF", "/DCT"}
BLEND_MODES = {"/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
               "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion",
               "/Hue", "/Saturation", "/Color", "/Luminosity"}
RENDERING_INTENTS = {"/RelativeColorimetric", "/AbsoluteColorimetric", "/Perceptual", "/Saturation"}
ANNOTATION_TYPES = {"/Text", "/Link", "/FreeText", "/Line", "/Square", "/Circle", "/Polygon", "/PolyLine",
                    "/Highlight", "/Underline", "/Squiggly", "/StrikeOut", "/Stamp", "/Caret", "/Ink",
                    "/Popup", "/FileAttachment", "/Widget", "/PrinterMark", "/TrapNet", "/Watermark",
                    "/Redact"}
# ISO 32000-1 Table 198, and the deprecated set-state and no-op actions:
# how an action is told from the other dictionaries that have an /S.
ACTION_TYPES = {"/GoTo", "/GoToR", "/GoToE", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide",
                "/Named", "/SubmitForm", "/ResetForm", "/ImportData", "/JavaScript", "/SetOCGState",
                "/Rendition", "/Trans", "/GoTo3DView", "/SetState", "/NOP"}
ALLOWED_ACTIONS = {"/GoTo", "/GoToR", "/GoToE", "/Thread", "/URI", "/Named", "/SubmitForm"}
ALLOWED_NAMED_ACTIONS = {"/NextPage", "/PrevPage", "/FirstPage", "/LastPage"}
# ISO 32000-1 Table 118: the predefined CMaps that need not be embedded.
PREDEFINED_CMAPS = set("""GB-EUC-H GB-EUC-V GBpc-EUC-H GBpc-EUC-V GBK-EUC-H GBK-EUC-V GBKp-EUC-H GBKp-EUC-V
GBK2K-H GBK2K-V UniGB-UCS2-H UniGB-UCS2-V UniGB-UTF16-H UniGB-UTF16-V B5pc-H B5pc-V HKscs-B5-H HKscs-B5-V
ETen-B5-H ETen-B5-V ETenms-B5-H ETenms-B5-V CNS-EUC-H CNS-EUC-V UniCNS-UCS2-H UniCNS-UCS2-V UniCNS-UTF16-H
UniCNS-UTF16-V 83pv-RKSJ-H 90ms-RKSJ-H 90ms-RKSJ-V 90msp-RKSJ-H 90msp-RKSJ-V 90pv-RKSJ-H Add-RKSJ-H
Add-RKSJ-V EUC-H EUC-V Ext-RKSJ-H Ext-RKSJ-V H V UniJIS-UCS2-H UniJIS-UCS2-V UniJIS-UCS2-HW-H
UniJIS-UCS2-HW-V UniJIS-UTF16-H UniJIS-UTF16-V KSC-EUC-H KSC-EUC-V KSCms-UHC-H KSCms-UHC-V KSCms-UHC-HW-H
KSCms-UHC-HW-V KSCpc-EUC-H UniKS-UCS2-H UniKS-UCS2-V UniKS-UTF16-H UniKS-UTF16-V Identity-H Identity-V""".split())
DEVICE_SPACES = {"/DeviceRGB": "RGB ", "/DeviceCMYK": "CMYK", "/DeviceGray": "GRAY",
                 "/RGB": "RGB ", "/CMYK": "CMYK", "/G": "GRAY"}
ICC_CHANNELS = {"GRAY": 1, "RGB ": 3, "CMYK": 4, "Lab ": 3}


def name(value):
    """A name as "/Text"; names that are not UTF-8 (a 6.1.8 failure) keep
    their bytes as Latin-1 rather than stopping the check."""
    if not isinstance(value, pikepdf.Name):
        return None
    try:
        return str(value)
    except UnicodeDecodeError:
        return value.unparse().decode("latin-1")


def data_of(stream):
    """A stream's decoded data, or b"" when its filters cannot be applied
    (6.1.7.2 reports the filters themselves)."""
    try:
        return stream.read_bytes()
    except Exception:
        return b""


def values(dictionary):
    """The values of a PDF dictionary (pikepdf's has no values())."""
    if not isinstance(dictionary, (pikepdf.Dictionary, pikepdf.Stream)):
        return []
    return [dictionary[key] for key in dictionary.keys()]


def label(obj):
    """How a problem names an object: its number if it has one."""
    try:
        number, generation = obj.objgen
    except Exception:
        return "a direct object"
    return "obj %d %d" % (number, generation) if number else "a direct object"


def text(value):
    if isinstance(value, pikepdf.Name):
        return name(value)
    try:
        return str(value)
    except Exception:
        return repr(value)


# ---------------------------------------------------------------- raw syntax

class Token:
    __slots__ = ("kind", "value", "start", "end", "problem")

    def __init__(self, kind, value, start, end, problem=None):
        self.kind, self.value, self.start, self.end, self.problem = kind, value, start, end, problem


NUMBER = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)$")


def lex(data, pos, end, stop_keywords=()):
    """The PDF tokens of data[pos:end], up to and including a keyword in
    stop_keywords.  Literal and hex strings are decoded so that their length
    in bytes can be checked; hex strings keep a note of bad digits."""
    tokens = []
    while pos < end:
        c = data[pos]
        if c in WHITESPACE:
            pos += 1
        elif c == 0x25:  # comment
            while pos < end and data[pos] not in b"\r\n":
                pos += 1
        elif c == 0x28:  # literal string
            start, depth, pos, length = pos, 1, pos + 1, 0
            while pos < end and depth:
                b = data[pos]
                if b == 0x5C:
                    pos += 1
                    if pos < end and data[pos] in b"01234567":
                        digits = 1
                        while digits < 3 and pos + 1 < end and data[pos + 1] in b"01234567":
                            pos += 1
                            digits += 1
                        length += 1
                    elif pos < end and data[pos] in b"\r\n":
                        if data[pos] == 0x0D and pos + 1 < end and data[pos + 1] == 0x0A:
                            pos += 1
                    else:
                        length += 1
                elif b == 0x28:
                    depth += 1
                    length += 1
                elif b == 0x29:
                    depth -= 1
                    if depth:
                        length += 1
                else:
                    length += 1
                pos += 1
            tokens.append(Token("string", length, start, pos))
        elif c == 0x3C and pos + 1 < end and data[pos + 1] == 0x3C:
            tokens.append(Token("<<", None, pos, pos + 2))
            pos += 2
        elif c == 0x3E and pos + 1 < end and data[pos + 1] == 0x3E:
            tokens.append(Token(">>", None, pos, pos + 2))
            pos += 2
        elif c == 0x3C:  # hex string
            close = data.find(b">", pos, end)
            close = end if close < 0 else close
            body = bytes(b for b in data[pos + 1:close] if b not in WHITESPACE)
            problem = None
            if re.search(rb"[^0-9A-Fa-f]", body):
                problem = "a hex string with characters that are not hex digits"
            elif len(body) % 2:
                problem = "a hex string with an odd number of digits"
            tokens.append(Token("string", (len(body) + 1) // 2, pos, close + 1, problem))
            pos = close + 1
        elif c in b"[]{}":
            tokens.append(Token(chr(c), None, pos, pos + 1))
            pos += 1
        elif c == 0x2F:  # name
            start = pos = pos + 1
            while pos < end and data[pos] not in WHITESPACE and data[pos] not in DELIMITERS:
                pos += 1
            raw = data[start:pos]
            decoded = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
            tokens.append(Token("name", decoded, start - 1, pos))
        else:
            start = pos
            while pos < end and data[pos] not in WHITESPACE and data[pos] not in DELIMITERS:
                pos += 1
            if pos == start:  # a stray delimiter such as ')'
                pos += 1
            word = data[start:pos]
            if NUMBER.match(word):
                kind = "real" if b"." in word else "int"
                tokens.append(Token(kind, word, start, pos))
            else:
                tokens.append(Token("keyword", word, start, pos))
                if word in stop_keywords:
                    return tokens, pos
    return tokens, pos


def limit_problems(tokens, where):
    """6.1.13 limits and 6.1.6 hex strings, for the tokens of one object."""
    problems = {"6.1.6": [], "6.1.13": []}
    for t in tokens:
        if t.kind == "string":
            if t.problem:
                problems["6.1.6"].append("%s: %s" % (where, t.problem))
            if t.value > 32767:
                problems["6.1.13"].append("%s: a string of %d bytes (at most 32767)" % (where, t.value))
        elif t.kind == "name" and len(t.value) > 127:
            problems["6.1.13"].append("%s: a name of %d bytes (at most 127)" % (where, len(t.value)))
        elif t.kind == "int":
            if not -2147483648 <= int(t.value) <= 2147483647:
                problems["6.1.13"].append("%s: integer %s out of range" % (where, t.value.decode()))
        elif t.kind == "real":
            value = abs(float(t.value))
            if value > 3.403e38 or (value and value < 1.175e-38):
                problems["6.1.13"].append("%s: real %s out of range" % (where, t.value.decode()))
    return problems


def png_unpredict(data, columns):
    """PNG predictors (ISO 32000-1 7.4.4.4), for cross-reference streams."""
    out, previous, row = bytearray(), bytearray(columns), 0
    while row * (columns + 1) < len(data):
        chunk = data[row * (columns + 1): (row + 1) * (columns + 1)]
        kind, line = chunk[0], bytearray(chunk[1:])
        for i in range(len(line)):
            left = line[i - 1] if i else 0
            up = previous[i]
            upleft = previous[i - 1] if i else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - upleft
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upleft)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else upleft)) & 255
        out += line
        previous = line
        row += 1
    return bytes(out)


class RawFile:
    """The file as bytes: its cross-reference sections and object offsets."""

    def __init__(self, data):
        self.data = data
        self.offsets = {}            # object number -> (generation, offset), newest section wins
        self.classic_sections = []   # offsets of "xref" keywords
        self.stream_sections = 0
        self.compressed = set()
        self.problems = []
        tail = data[-2048:]
        found = list(re.finditer(rb"startxref\s+(\d+)", tail))
        if not found:
            self.problems.append("no startxref")
            return
        offset, seen = int(found[-1].group(1)), set()
        while offset is not None and offset not in seen and 0 <= offset < len(data):
            seen.add(offset)
            offset = self._read_section(offset)

    def _read_section(self, offset):
        data = self.data
        while offset < len(data) and data[offset] in WHITESPACE:  # readers allow it; so do we
            offset += 1
        if data.startswith(b"xref", offset):
            self.classic_sections.append(offset)
            pos = offset + 4
            while True:
                m = re.compile(rb"\s*(\d+)\s+(\d+)[ \t]*\r?\n?").match(data, pos)
                if not m:
                    break
                first, count = int(m.group(1)), int(m.group(2))
                pos = m.end()
                for i in range(count):
                    entry = data[pos:pos + 20]
                    pos += 20
                    e = re.match(rb"(\d{10}) (\d{5}) ([nf])", entry)
                    if e and e.group(3) == b"n" and first + i not in self.offsets:
                        self.offsets[first + i] = (int(e.group(2)), int(e.group(1)))
            m = re.compile(rb"\s*trailer").match(data, pos)
            if not m:
                self.problems.append("no trailer after the xref at %d" % offset)
                return None
            tokens, _ = lex(data, m.end(), len(data), (b"startxref",))
            return self._prev(tokens)
        # A cross-reference stream (PDF 1.5).
        m = re.compile(rb"(\d+)\s+(\d+)\s+obj").match(data, offset)
        if not m:
            self.problems.append("startxref/Prev %d points at neither xref nor an object" % offset)
            return None
        self.stream_sections += 1
        tokens, pos = lex(data, m.end(), len(data), (b"stream",))
        values = dict_values(tokens)
        length = values.get(b"Length")
        pos = pos + (2 if data.startswith(b"\r\n", pos) else 1)
        try:
            raw = zlib.decompress(data[pos:pos + int(length[0])])
            widths = [int(v) for v in values[b"W"]]
            columns = sum(widths)
            parms = values.get(b"DecodeParms") or []
            if b"Predictor" in b" ".join(parms):
                raw = png_unpredict(raw, columns)
            index = [int(v) for v in values.get(b"Index", [b"0", values[b"Size"][0]])]
        except Exception as error:
            self.problems.append("unreadable cross-reference stream at %d (%s)" % (offset, error))
            return None
        row = 0
        for first, count in zip(index[0::2], index[1::2]):
            for number in range(first, first + count):
                fields, at = [], row * columns
                for w in widths:
                    fields.append(int.from_bytes(raw[at:at + w], "big") if w else None)
                    at += w
                row += 1
                kind = 1 if fields[0] is None else fields[0]
                if number in self.offsets or number in self.compressed:
                    continue
                if kind == 1:
                    self.offsets[number] = (fields[2] or 0, fields[1])
                elif kind == 2:
                    self.compressed.add(number)
        return self._prev(tokens)

    @staticmethod
    def _prev(tokens):
        for i, t in enumerate(tokens):
            if t.kind == "name" and t.value == b"Prev" and i + 1 < len(tokens) and tokens[i + 1].kind == "int":
                return int(tokens[i + 1].value)
        return None


def dict_values(tokens):
    """The top-level keys of the first dictionary among tokens -> the words
    of their values (numbers, names with their slash, keywords; strings
    leave no word, so a key with a string value maps to [])."""
    values, depth, nested, key, current = {}, 0, 0, None, []
    for i, t in enumerate(tokens):
        if t.kind == "<<":
            depth += 1
            if depth == 1:
                continue
        elif t.kind == ">>":
            depth -= 1
            if depth == 0:
                break
        elif t.kind == "[":
            nested += 1
        elif t.kind == "]":
            nested -= 1
        if key is None:
            if depth == 1 and nested == 0 and t.kind == "name":
                key, current = t.value, []
            continue
        if t.kind in ("int", "real", "keyword"):
            current.append(t.value)
        elif t.kind == "name":
            current.append(b"/" + t.value)
        if depth == 1 and nested == 0 and not (t.kind == "int" and part_of_reference(tokens, i)):
            values[key] = current
            key = None
    return values


def part_of_reference(tokens, i):
    """Whether the integer tokens[i] is the N or the G of an "N G R"."""
    following = tokens[i + 1:i + 3]
    if following and following[0].kind == "keyword" and following[0].value == b"R":
        return True
    return (len(following) == 2 and following[0].kind == "int" and following[1].kind == "keyword"
            and following[1].value == b"R")


# ---------------------------------------------------------------- the document

class Document:
    def __init__(self, path):
        self.path = path
        with open(path, "rb") as f:
            self.data = f.read()
        self.pdf = pikepdf.open(path)
        self.raw = RawFile(self.data)
        self.objects = []        # (object, where) for every dictionary and stream reachable from the trailer
        self.resources = []      # (resources dictionary, where)
        self._traverse()
        self.output_cs = self._output_intent_space()
        self.content = ContentWalker(self)
        self.content.walk_all()

    def _traverse(self):
        seen = set()
        stack = [(self.pdf.trailer, "trailer", None)]
        while stack:
            obj, where, key = stack.pop()
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                number = obj.objgen[0]
                if number:
                    if obj.objgen in seen:
                        continue
                    seen.add(obj.objgen)
                    where = "obj %d %d" % obj.objgen
                self.objects.append((obj, where))
                if key == "/Resources":
                    self.resources.append((obj, where))
                for k, v in obj.items():
                    if k == "/Parent" or not isinstance(v, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
                        continue
                    stack.append((v, where if v.objgen[0] else "%s %s" % (where, k), k))
            elif isinstance(obj, pikepdf.Array):
                number = obj.objgen[0]
                if number:
                    if obj.objgen in seen:
                        continue
                    seen.add(obj.objgen)
                    where = "obj %d %d" % obj.objgen
                for v in obj:
                    if isinstance(v, (pikepdf.Dictionary, pikepdf.Stream, pikepdf.Array)):
                        stack.append((v, where if v.objgen[0] else where + " []", key))

    def _output_intent_space(self):
        """The colour space of the PDF/A output intent's profile, or None."""
        for intent in self.pdf.Root.get("/OutputIntents", []):
            if intent.get("/S") == "/GTS_PDFA1" and isinstance(intent.get("/DestOutputProfile"), pikepdf.Stream):
                profile = data_of(intent.DestOutputProfile)
                if len(profile) >= 20:
                    return profile[16:20].decode("latin-1")
        return None

    def streams(self):
        return [(o, w) for o, w in self.objects if isinstance(o, pikepdf.Stream)]

    def of_type(self, type_name):
        return [(o, w) for o, w in self.objects if o.get("/Type") == type_name]

    def resource_entries(self, category):
        """Every (value, where) in the category (/ExtGState, /XObject, ...) of any resources."""
        found, seen = [], set()
        for resources, where in self.resources:
            entries = resources.get(category)
            if not isinstance(entries, pikepdf.Dictionary):
                continue
            for key, value in entries.items():
                ident = value.objgen if value.objgen[0] else (where, category, key)
                if ident in seen:
                    continue
                seen.add(ident)
                found.append((value, "%s (%s %s)" % (label(value) if value.objgen[0] else where, category, key)))
        return found


# ---------------------------------------------------------------- content streams

class ContentWalker:
    """Runs every content stream (pages, forms, patterns, soft masks, Type 3
    glyphs, annotation appearances) once, noting what the clauses about
    operators, colour, fonts and images need."""

    def __init__(self, doc):
        self.doc = doc
        self.streams = 0
        self.undefined = []
        self.missing_resources = []
        self.max_depth, self.depth_where = 0, None
        self.device_use = {}        # "RGB " / "CMYK" / "GRAY" -> where first used without a Default space
        self.fonts = {}             # objgen -> [font, where, set of codes, rendered?]
        self.inline_images = []     # (raw dictionary tokens, where)
        self.intents = []           # (name, where)
        self.operand_problems = {"6.1.6": [], "6.1.13": []}
        self.notes = []
        self.separations = []       # (Separation array, where), every one met
        self.devicen = []           # (DeviceN array, where)
        self.overprint = []         # where OPM 1 overprints an ICCBased CMYK colour (6.2.4.2)
        self.transparent_pages = set()
        self._transparency = 0      # transparency met so far (counter, see walk_form)
        self._transparent_forms = set()
        self._page = None
        self._done = set()

    def transparency(self):
        self._transparency += 1
        if self._page is not None:
            self.transparent_pages.add(self._page)

    def walk_all(self):
        for number, page in enumerate(self.doc.pdf.pages, 1):
            self._page = number
            where = "page %d (%s)" % (number, label(page.obj))
            resources = page.obj.get("/Resources")
            if resources is None:
                resources = pikepdf.Dictionary()
            self._space_of_group(page.obj.get("/Group"), resources, where)
            self.walk(page.obj, resources, where)
            for annot in page.obj.get("/Annots", []):
                if float(annot.get("/CA", 1)) != 1:
                    self.transparency()
                ap = annot.get("/AP")
                if isinstance(ap, pikepdf.Dictionary):
                    for key in ("/N", "/R", "/D"):
                        for stream in self._appearances(ap.get(key)):
                            self.walk_form(stream, resources, "%s appearance of %s" % (key, label(annot)))

    @staticmethod
    def _appearances(value):
        if isinstance(value, pikepdf.Stream):
            return [value]
        if isinstance(value, pikepdf.Dictionary):
            return [v for v in values(value) if isinstance(v, pikepdf.Stream)]
        return []

    def walk_form(self, stream, outer_resources, where):
        """A form (or pattern, soft mask group, appearance) is run once; a
        page that uses it again still learns whether it is transparent."""
        if stream.objgen[0] and stream.objgen in self._done:
            if stream.objgen in self._transparent_forms:
                self.transparency()
            return
        if stream.objgen[0]:
            self._done.add(stream.objgen)
        before = self._transparency
        group = stream.get("/Group")
        if isinstance(group, pikepdf.Dictionary) and group.get("/S") == "/Transparency":
            self.transparency()
        own = isinstance(stream.get("/Resources"), pikepdf.Dictionary)
        resources = stream.Resources if own else outer_resources
        self._space_of_group(group, resources, where)
        self.walk(stream, resources, where, own=own)
        if self._transparency != before and stream.objgen[0]:
            self._transparent_forms.add(stream.objgen)

    def _space_of_group(self, group, resources, where):
        if isinstance(group, pikepdf.Dictionary) and "/CS" in group:
            self.colour_space(group.CS, resources, where + " transparency group")

    def walk(self, source, resources, where, own=True):
        self.streams += 1
        try:
            instructions = pikepdf.parse_content_stream(source)
        except Exception as error:
            self.undefined.append("%s: unparsable content (%s)" % (where, error))
            return
        self._raw_content(source, resources, where, own)
        depth, font, mode = 0, None, 0
        # Overprint state, for 6.2.4.2 (not saved and restored with q/Q:
        # an approximation that can only report too much).
        opm, overprint, spaces = 0, {"OP": False, "op": False}, {"OP": None, "op": None}
        is_page = isinstance(source, pikepdf.Dictionary) and source.get("/Type") == "/Page"
        colour_set = [False, False]   # fill, stroke (q/Q not followed: may under-report)
        for ins in instructions:
            op = str(ins.operator)
            operands = ins.operands
            if op == "INLINE IMAGE":
                continue
            if op not in OPERATORS:
                self.undefined.append("%s: operator %s" % (where, op))
                continue
            if op in STROKING or op in FILLING:
                self._check_overprint(opm, overprint, spaces, where, op)
                # A page starts in DeviceGray black; a form inherits its
                # caller's colour, which is not followed here.
                if is_page and op != "sh" and not colour_set[op in STROKING and op not in FILLING]:
                    self.device("GRAY", resources, where, "painting with the initial colour, '%s'" % op)
            if op == "q":
                depth += 1
                if depth > self.max_depth:
                    self.max_depth, self.depth_where = depth, where
            elif op == "Q":
                depth -= 1
            if op in ("rg", "g", "k", "cs", "RG", "G", "K", "CS"):
                colour_set[op.isupper()] = True
            if op in ("rg", "RG"):
                self.device("RGB ", resources, where, op)
            elif op in ("g", "G"):
                self.device("GRAY", resources, where, op)
            elif op in ("k", "K"):
                self.device("CMYK", resources, where, op)
            elif op in ("cs", "CS") and operands:
                space = operands[0]
                if name(space) in DEVICE_SPACES or name(space) == "/Pattern":
                    self.colour_space(space, resources, where)
                else:
                    space = self.lookup(resources, "/ColorSpace", space, where, own)
                    if space is not None:
                        self.colour_space(space, resources, where)
                spaces["OP" if op == "CS" else "op"] = space
            elif op in ("scn", "SCN") and operands and isinstance(operands[-1], pikepdf.Name):
                pattern = self.lookup(resources, "/Pattern", operands[-1], where, own)
                if isinstance(pattern, pikepdf.Stream):
                    self.walk_form(pattern, resources, "pattern %s" % label(pattern))
                elif isinstance(pattern, pikepdf.Dictionary) and "/Shading" in pattern:
                    self.shading(pattern.Shading, resources, where)
            elif op == "sh" and operands:
                shading = self.lookup(resources, "/Shading", operands[0], where, own)
                if shading is not None:
                    self.shading(shading, resources, where)
            elif op == "gs" and operands:
                state = self.lookup(resources, "/ExtGState", operands[0], where, own)
                if isinstance(state, pikepdf.Dictionary):
                    if state.get("/SMask", "/None") != "/None" or float(state.get("/CA", 1)) != 1 or \
                       float(state.get("/ca", 1)) != 1 or state.get("/BM", "/Normal") not in ("/Normal", "/Compatible"):
                        self.transparency()
                    if "/OPM" in state:
                        opm = int(state.OPM)
                    if "/OP" in state:
                        overprint["OP"] = overprint["op"] = bool(state.OP)
                    if "/op" in state:
                        overprint["op"] = bool(state.op)
                    if "/RI" in state:
                        self.intents.append((state.RI, "%s (ExtGState %s)" % (where, operands[0])))
                    mask = state.get("/SMask")
                    if isinstance(mask, pikepdf.Dictionary) and isinstance(mask.get("/G"), pikepdf.Stream):
                        self.walk_form(mask.G, resources, "soft mask %s" % label(mask.G))
                    if isinstance(state.get("/Font"), pikepdf.Array) and len(state.Font):
                        font = state.Font[0]
            elif op == "ri" and operands:
                self.intents.append((operands[0], where))
            elif op == "Do" and operands:
                xobject = self.lookup(resources, "/XObject", operands[0], where, own)
                if isinstance(xobject, pikepdf.Stream):
                    if xobject.get("/Subtype") == "/Form":
                        self.walk_form(xobject, resources, "form %s" % label(xobject))
                    elif xobject.get("/Subtype") == "/Image":
                        self.image(xobject, resources, "image %s" % label(xobject))
            elif op == "Tf" and operands:
                font = self.lookup(resources, "/Font", operands[0], where, own)
                if isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == "/Type3":
                    self.type3(font, resources)
            elif op == "Tr" and operands:
                mode = int(operands[0])
            elif op in ("Tj", "'", '"', "TJ") and operands:
                strings = operands[-1] if op == "TJ" else [operands[-1]]
                if font is None:
                    self.notes.append("%s: text shown with no font set" % where)
                    continue
                entry = self.fonts.setdefault(font.objgen if font.objgen[0] else id(font),
                                              [font, where, set(), False])
                for s in strings:
                    if isinstance(s, pikepdf.String):
                        entry[2].update(codes_of(font, bytes(s)))
                if mode != 3:
                    entry[3] = True

    def type3(self, font, resources):
        """A Type 3 font's glyphs are content streams too (every one of
        them: which codes select which glyph is not worked out here)."""
        if font.objgen[0] and ("type3", font.objgen) in self._done:
            return
        self._done.add(("type3", font.objgen))
        own = isinstance(font.get("/Resources"), pikepdf.Dictionary)
        procs = font.get("/CharProcs")
        for key, proc in (procs.items() if isinstance(procs, pikepdf.Dictionary) else []):
            if isinstance(proc, pikepdf.Stream):
                self.walk(proc, font.Resources if own else resources,
                          "glyph %s of Type 3 font %s" % (key, label(font)), own=own)

    def lookup(self, resources, category, key, where, own):
        entries = resources.get(category) if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(entries, pikepdf.Dictionary) and key in entries:
            if not own:
                self.missing_resources.append("%s uses %s %s from the page, having no Resources of its own"
                                              % (where, category, key))
            return entries[key]
        self.missing_resources.append("%s: %s %s is not in its Resources" % (where, category, key))
        return None

    def device(self, space, resources, where, why):
        defaults = {"RGB ": "/DefaultRGB", "CMYK": "/DefaultCMYK", "GRAY": "/DefaultGray"}
        spaces = resources.get("/ColorSpace") if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(spaces, pikepdf.Dictionary) and defaults[space] in spaces:
            return
        self.device_use.setdefault(space, "%s (%s)" % (where, why))

    def colour_space(self, space, resources, where):
        if isinstance(space, pikepdf.Name):
            key = str(space)
            if key in DEVICE_SPACES:
                self.device(DEVICE_SPACES[key], resources, where, key)
            elif key != "/Pattern":
                spaces = resources.get("/ColorSpace") if isinstance(resources, pikepdf.Dictionary) else None
                if isinstance(spaces, pikepdf.Dictionary) and key in spaces:
                    self.colour_space(spaces[key], resources, where)
            return
        if not isinstance(space, pikepdf.Array) or not len(space):
            return
        family = name(space[0])
        if family in ("/Indexed", "/I") and len(space) > 1:
            self.colour_space(space[1], resources, where)
        elif family == "/Separation" and len(space) > 2:
            self.separations.append((space, where))
            self.colour_space(space[2], resources, where)
        elif family == "/DeviceN" and len(space) > 2:
            self.devicen.append((space, where))
            attributes = space[4] if len(space) > 4 else None
            colourants = attributes.get("/Colorants") if isinstance(attributes, pikepdf.Dictionary) else None
            for colourant in values(colourants):
                if isinstance(colourant, pikepdf.Array) and len(colourant) and colourant[0] == "/Separation":
                    self.separations.append((colourant, where + " Colorants"))
            self.colour_space(space[2], resources, where)
        elif family == "/Pattern" and len(space) > 1:
            self.colour_space(space[1], resources, where)

    def shading(self, shading, resources, where):
        if isinstance(shading, (pikepdf.Dictionary, pikepdf.Stream)) and "/ColorSpace" in shading:
            self.colour_space(shading.ColorSpace, resources, "%s shading %s" % (where, label(shading)))

    def _check_overprint(self, opm, overprint, spaces, where, op):
        for key in ("OP", "op"):
            if op not in (STROKING if key == "OP" else FILLING):
                continue
            space = spaces[key]
            if opm == 1 and overprint[key] and isinstance(space, pikepdf.Array) and len(space) > 1 \
               and space[0] == "/ICCBased" and isinstance(space[1], pikepdf.Stream) and int(space[1].get("/N", 0)) == 4:
                self.overprint.append("%s: '%s' with OPM 1 overprints an ICCBased CMYK colour" % (where, op))

    def image(self, image, resources, where):
        if "/SMask" in image or int(image.get("/SMaskInData", 0)) > 0:
            self.transparency()
        if image.get("/ImageMask") is True:
            return
        if "/ColorSpace" in image:
            self.colour_space(image.ColorSpace, resources, where)
        if "/Intent" in image:
            self.intents.append((image.Intent, where))
        # A soft mask image holds alpha, not colour: its DeviceGray is not
        # a use of device colour (veraPDF does not count it either).

    def _raw_content(self, source, resources, where, own):
        """Lexes the content itself: parsing hides what 6.1.6 and 6.1.13
        look at (hex digits, lengths), and pikepdf expands an inline
        image's /I (Interpolate) as if it were /Indexed."""
        if isinstance(source, pikepdf.Dictionary) and source.get("/Type") == "/Page":
            contents = source.get("/Contents")
            parts = list(contents) if isinstance(contents, pikepdf.Array) else [contents]
            data = b"\n".join(data_of(p) for p in parts if isinstance(p, pikepdf.Stream))
        else:
            data = data_of(source)
        pos, begin = 0, re.compile(rb"(^|[\s\]\)>])BI[\s/]")
        while pos < len(data):
            m = begin.search(data, pos)
            tokens, _ = lex(data, pos, m.start() + len(m.group(1)) if m else len(data))
            for key, problems in limit_problems(tokens, where).items():
                self.operand_problems[key] += problems
            if not m:
                return
            tokens, pos = lex(data, m.end() - 1, len(data), (b"ID",))
            for key, problems in limit_problems(tokens, where).items():
                self.operand_problems[key] += problems
            self.inline_images.append((tokens[:-1], where))
            self._inline_image(tokens[:-1], resources, where, own)
            end = re.compile(rb"\sEI(\s|$)").search(data, pos + 1)
            pos = end.end() if end else len(data)

    def _inline_image(self, tokens, resources, where, own):
        values = dict_values([Token("<<", None, 0, 0)] + tokens + [Token(">>", None, 0, 0)])
        where = "%s inline image" % where
        if values.get(b"IM", values.get(b"ImageMask")) == [b"true"]:
            return
        for key in (b"Intent",):
            if values.get(key):
                self.intents.append((pikepdf.Name(values[key][0].decode("latin-1")), where))
        space = (values.get(b"CS") or values.get(b"ColorSpace") or [None])
        if space[0] in (b"/I", b"/Indexed") and len(space) > 1:
            space = space[1:]
        if space[0] is None:
            return
        space = pikepdf.Name(space[0].decode("latin-1"))
        if name(space) not in DEVICE_SPACES:
            space = self.lookup(resources, "/ColorSpace", space, where, own)
        if space is not None:
            self.colour_space(space, resources, where)


def codes_of(font, data):
    """The character codes of a string shown with a font."""
    if font.get("/Subtype") == "/Type0":
        encoding = name(font.get("/Encoding"))
        if encoding in ("/Identity-H", "/Identity-V"):
            return {int.from_bytes(data[i:i + 2], "big") for i in range(0, len(data) - 1, 2)}
        return {("raw", data)}  # other CMaps: codes are not decoded here
    return set(data)


# ---------------------------------------------------------------- font programs

class FontProgram:
    """What fontTools reads from an embedded font program: glyphs and widths."""

    def __init__(self, stream, kind):
        self.kind, self.error = kind, None
        self.cid_to_gid = None
        self.widths = {}     # gid -> width in 1/1000 text space
        self.gid_count = 0
        self.cids = None     # the CIDs present (CID-keyed CFF)
        data = data_of(stream)
        try:
            if kind in ("/FontFile3", "CFF"):
                subtype = name(stream.get("/Subtype"))
                if subtype == "/OpenType":
                    self._truetype_or_otf(data)
                else:
                    self._cff(data)
            elif kind == "/FontFile2":
                self._truetype_or_otf(data)
            else:
                self.error = "Type 1 font programs are not opened by this checker"
        except Exception as error:  # a broken program is itself a finding
            self.error = "unreadable font program (%s)" % error

    def _cff(self, data):
        cff = CFFFontSet()
        cff.decompile(io.BytesIO(data), None)
        top = cff[cff.fontNames[0]]
        charset = top.charset
        self.gid_count = len(charset)
        matrix = getattr(top, "FontMatrix", [0.001, 0, 0, 0.001, 0, 0])
        if hasattr(top, "ROS"):
            self.cids = {}
            for gid, glyph in enumerate(charset):
                self.cids[0 if glyph == ".notdef" else int(glyph[3:])] = gid
        strings = top.CharStrings
        for gid, glyph in enumerate(charset):
            charstring = strings[glyph]
            private = charstring.private
            extractor = T2WidthExtractor(getattr(private, "Subrs", []), charstring.globalSubrs,
                                         private.nominalWidthX, private.defaultWidthX)
            extractor.execute(charstring)
            scale = matrix[0]
            if hasattr(top, "FDArray") and hasattr(top, "FDSelect"):
                fd = top.FDArray[top.FDSelect[gid]]
                if hasattr(fd, "FontMatrix"):
                    scale = fd.FontMatrix[0] * matrix[0]
            self.widths[gid] = extractor.width * scale * 1000

    def _truetype_or_otf(self, data):
        font = TTFont(io.BytesIO(data), lazy=True)
        per_em = font["head"].unitsPerEm
        order = font.getGlyphOrder()
        self.gid_count = len(order)
        metrics = font["hmtx"].metrics
        for gid, glyph in enumerate(order):
            self.widths[gid] = metrics[glyph][0] * 1000.0 / per_em
        self.ttfont = font


def cid_widths(cidfont):
    """CID -> width from a CIDFont's /W, and its default /DW."""
    widths, w = {}, cidfont.get("/W", [])
    i = 0
    while i < len(w):
        first = int(w[i])
        if i + 1 < len(w) and isinstance(w[i + 1], pikepdf.Array):
            for k, value in enumerate(w[i + 1]):
                widths[first + k] = float(value)
            i += 2
        elif i + 2 < len(w):
            for cid in range(first, int(w[i + 1]) + 1):
                widths[cid] = float(w[i + 2])
            i += 3
        else:
            break
    return widths, float(cidfont.get("/DW", 1000))


# ---------------------------------------------------------------- ICC profiles

def icc_problems(profile_stream, classes, spaces, where):
    """The header and tag table of an ICC profile (ICC.1:2001-04 / ISO 15076-1)."""
    data = data_of(profile_stream)
    problems = []
    if len(data) < 132:
        return ["%s: an ICC profile of %d bytes" % (where, len(data))]
    size = int.from_bytes(data[0:4], "big")
    major = data[8]
    device_class = data[12:16].decode("latin-1")
    space = data[16:20].decode("latin-1")
    pcs = data[20:24].decode("latin-1")
    if size != len(data):
        problems.append("%s: the profile says it is %d bytes but is %d" % (where, size, len(data)))
    if data[36:40] != b"acsp":
        problems.append("%s: no 'acsp' signature" % where)
    if not 2 <= major < 5:
        problems.append("%s: ICC version %d (must be 2 to 4)" % (where, major))
    if device_class not in classes:
        problems.append("%s: device class %r (allowed: %s)" % (where, device_class, ", ".join(classes)))
    if space not in spaces:
        problems.append("%s: colour space %r (allowed: %s)" % (where, space, ", ".join(spaces)))
    if pcs not in ("XYZ ", "Lab "):
        problems.append("%s: connection space %r" % (where, pcs))
    n = profile_stream.get("/N")
    if n is not None and ICC_CHANNELS.get(space) != int(n):
        problems.append("%s: /N %d but the profile has %s channels" % (where, int(n), ICC_CHANNELS.get(space)))
    count = int.from_bytes(data[128:132], "big")
    tags = {}
    if 132 + 12 * count > len(data):
        problems.append("%s: a tag table of %d entries runs past the end" % (where, count))
        return problems
    for i in range(count):
        entry = data[132 + 12 * i:144 + 12 * i]
        signature = entry[0:4].decode("latin-1")
        offset, length = int.from_bytes(entry[4:8], "big"), int.from_bytes(entry[8:12], "big")
        if offset + length > len(data) or offset < 132 + 12 * count:
            problems.append("%s: tag %r lies outside the profile" % (where, signature))
        tags[signature] = data[offset:offset + length]
    required = ["desc", "wtpt", "cprt"]
    if device_class == "mntr" and space == "RGB " and "A2B0" not in tags:
        required += ["rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC"]
    if space == "GRAY" and "A2B0" not in tags:
        required += ["kTRC"]
    if device_class == "prtr" and space != "GRAY":
        required += ["A2B0", "B2A0", "gamt"]
    for tag in required:
        if tag not in tags:
            problems.append("%s: required tag %r missing" % (where, tag))
    desc = tags.get("desc", b"")
    if desc[:4] == b"desc":
        ascii_count = int.from_bytes(desc[8:12], "big")
        # ASCII text, then Unicode and ScriptCode parts: 12 + n + 4 + 4 + 2 + 1 + 67 bytes at least
        if len(desc) < 12 + ascii_count + 78:
            problems.append("%s: 'desc' tag shorter than its textDescriptionType layout" % where)
    elif desc and desc[:4] != b"mluc":
        problems.append("%s: 'desc' tag of type %r" % (where, desc[:4]))
    for tag in ("wtpt", "rXYZ", "gXYZ", "bXYZ"):
        if tag in tags and (tags[tag][:4] != b"XYZ " or len(tags[tag]) < 20):
            problems.append("%s: tag %r is not an XYZType" % (where, tag))
    for tag in ("rTRC", "gTRC", "bTRC", "kTRC"):
        if tag in tags and tags[tag][:4] == b"curv":
            points = int.from_bytes(tags[tag][8:12], "big")
            if len(tags[tag]) < 12 + 2 * points:
                problems.append("%s: tag %r shorter than its %d points" % (where, tag, points))
        elif tag in tags and tags[tag][:4] != b"para":
            problems.append("%s: tag %r is neither a curve nor a parametric curve" % (where, tag))
    return problems


# ---------------------------------------------------------------- XMP

def pdf_date(value):
    """A PDF date string (ISO 32000-1 7.9.4) as an aware datetime, or None."""
    m = re.match(r"(?:D:)?(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z(?:00'?00'?)?|[+-]\d{2}'?\d{2}'?|[+-]\d{2})?'?$", value)
    if not m:
        return None
    parts = [int(p) if p else d for p, d in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0))]
    zone = m.group(7)
    offset = datetime.timedelta(0)
    if zone and zone[0] != "Z":
        digits = re.sub(r"\D", "", zone)
        offset = datetime.timedelta(hours=int(digits[:2]), minutes=int(digits[2:4] or 0))
        if zone[0] == "-":
            offset = -offset
    try:
        return datetime.datetime(*parts, tzinfo=datetime.timezone(offset))
    except ValueError:
        return None


def xmp_date(value):
    m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?)?)?$",
                 value.strip())
    if not m:
        return None
    parts = [int(p) if p else d for p, d in zip(m.groups()[:6], (0, 1, 1, 0, 0, 0))]
    zone = m.group(7)
    offset = datetime.timedelta(0)
    if zone and zone != "Z":
        offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        if zone[0] == "-":
            offset = -offset
    try:
        return datetime.datetime(*parts, tzinfo=datetime.timezone(offset))
    except ValueError:
        return None


class Xmp:
    """The catalog's XMP packet: its properties as (namespace, name) -> element."""

    def __init__(self, data):
        self.data = data
        self.problems = []
        self.properties = {}
        self.root = None
        header = re.search(rb"<\?xpacket begin=[^>]*\?>", data)
        self.header = header.group(0) if header else None
        try:
            self.text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            self.problems.append("the packet is not UTF-8 (%s)" % error)
            return
        body = re.sub(r"<\?xpacket[^>]*\?>", "", self.text).lstrip("\ufeff")
        try:
            self.root = ET.fromstring(body)
        except ET.ParseError as error:
            self.problems.append("not well-formed XML (%s)" % error)
            return
        rdf = self.root if self.root.tag == "{%s}RDF" % NS_RDF else self.root.find("{%s}RDF" % NS_RDF)
        if rdf is None:
            self.problems.append("no rdf:RDF element")
            return
        for description in rdf.findall("{%s}Description" % NS_RDF):
            for key, value in description.attrib.items():
                if key.startswith("{") and not key.startswith("{%s}" % NS_RDF):
                    namespace, local = key[1:].split("}")
                    self.properties[(namespace, local)] = value
            for child in description:
                namespace, local = child.tag[1:].split("}")
                self.properties[(namespace, local)] = child
        self.prefixes = dict((uri, prefix) for prefix, uri in
                             re.findall(r'xmlns:([\w.-]+)\s*=\s*["\']([^"\']*)["\']', self.text))

    def value(self, namespace, local):
        """A simple value: text, or the x-default (or first) item of an Alt, or
        every item of a Seq/Bag joined as veraPDF compares them."""
        found = self.properties.get((namespace, local))
        if found is None or isinstance(found, str):
            return found
        container = next(iter(found), None)
        if container is None:
            return (found.text or "").strip()
        items = container.findall("{%s}li" % NS_RDF)
        if container.tag == "{%s}Alt" % NS_RDF:
            for item in items:
                if item.get("{%s}lang" % NS_XML) == "x-default":
                    return item.text or ""
            return items[0].text if items else None
        return [item.text or "" for item in items]

    def kind(self, namespace, local):
        found = self.properties.get((namespace, local))
        if found is None:
            return None
        if isinstance(found, str):
            return "Text"
        container = next(iter(found), None)
        if container is None:
            return "Text"
        return container.tag.split("}")[1]


# ---------------------------------------------------------------- the clauses

CHECKS = []


def clause(number, title):
    def register(function):
        CHECKS.append((number, title, function))
        return function
    return register


@clause("6.1.2", "file header %PDF-1.n, then a comment of four bytes > 127")
def check_header(doc):
    problems = []
    m = re.match(rb"%PDF-1\.[0-7](\r\n|\r|\n)", doc.data)
    if not m:
        return ["the file does not begin with %%PDF-1.n and an EOL: %r" % doc.data[:12]]
    comment = doc.data[m.end():m.end() + 5]
    if comment[:1] != b"%" or len(comment) < 5 or not all(b > 127 for b in comment[1:5]):
        problems.append("the second line is not %% and four bytes > 127: %r" % comment)
    return problems


@clause("6.1.3", "trailer ID, no Encrypt, nothing after %%EOF but one EOL")
def check_trailer(doc):
    problems = []
    trailer = doc.pdf.trailer
    ids = trailer.get("/ID")
    if not isinstance(ids, pikepdf.Array) or len(ids) != 2 or not all(isinstance(i, pikepdf.String) and len(bytes(i)) for i in ids):
        problems.append("the trailer has no /ID of two non-empty strings")
    if "/Encrypt" in trailer or doc.pdf.is_encrypted:
        problems.append("the trailer has /Encrypt")
    end = doc.data.rfind(b"%%EOF")
    if end < 0:
        problems.append("no %%EOF")
    elif doc.data[end + 5:] not in (b"",) + EOL:
        problems.append("%d bytes after the last %%%%EOF" % len(doc.data[end + 5:]))
    return problems


@clause("6.1.4", "cross-reference table: xref, one EOL, subsection headers with single spaces")
def check_xref(doc):
    if not doc.raw.classic_sections:
        return doc.raw.problems or NA
    problems = list(doc.raw.problems)
    for offset in doc.raw.classic_sections:
        after = doc.data[offset + 4:offset + 64]
        m = re.match(rb"(\r\n|\r|\n)(\d+) (\d+)(\r\n|\r|\n| \r| \n)", after)
        if not m:
            problems.append("xref at byte %d: not followed by one EOL and a 'first count' header: %r"
                            % (offset, after[:20]))
    return problems


def object_syntax(doc):
    """Lex every indirect object once: 6.1.6, 6.1.7.1, 6.1.9, 6.1.13 share it.
    Objects inside object streams have no header or stream of their own and
    are not lexed (so their hex strings and numbers are not looked at); our
    PDFs have none, as qpdf keeps cairo's classic cross-reference table."""
    if hasattr(doc, "_syntax"):
        return doc._syntax
    found = {"6.1.6": [], "6.1.7.1": [], "6.1.9": [], "6.1.13": [], "streams": 0, "objects": 0}
    data = doc.data
    header = re.compile(rb"(\d+)(\s+)(\d+)(\s+)obj")
    for number, (generation, offset) in sorted(doc.raw.offsets.items()):
        where = "obj %d %d" % (number, generation)
        while offset < len(data) and data[offset] in WHITESPACE:  # an offset that is a little early
            offset += 1
        m = header.match(data, offset)
        if not m or int(m.group(1)) != number:
            found["6.1.9"].append("%s: no object header at byte %d" % (where, offset))
            continue
        found["objects"] += 1
        if m.group(2) != b" " or m.group(4) != b" ":
            found["6.1.9"].append("%s: the header is not 'N G obj' with single spaces" % where)
        if offset > 0 and data[offset - 1] not in b"\r\n":
            found["6.1.9"].append("%s: the object number is not preceded by an EOL" % where)
        if data[m.end():m.end() + 1] not in (b"\r", b"\n"):
            found["6.1.9"].append("%s: 'obj' is not followed by an EOL" % where)
        tokens, pos = lex(data, m.end(), len(data), (b"stream", b"endobj"))
        for key, problems in limit_problems(tokens, where).items():
            found[key] += problems
        last = tokens[-1] if tokens else None
        if last is not None and last.kind == "keyword" and last.value == b"stream":
            found["streams"] += 1
            values = dict_values(tokens)
            for key in (b"F", b"FFilter", b"FDecodeParms"):
                if key in values:
                    found["6.1.7.1"].append("%s: the stream dictionary has /%s" % (where, key.decode()))
            if data.startswith(b"\r\n", pos):
                start = pos + 2
            elif data.startswith(b"\n", pos):
                start = pos + 1
            else:
                found["6.1.7.1"].append("%s: 'stream' is not followed by CRLF or LF" % where)
                start = pos + (1 if data.startswith(b"\r", pos) else 0)
            length = stream_length(doc, values.get(b"Length"))
            real = data.find(b"endstream", start)
            if length is None:
                found["6.1.7.1"].append("%s: no readable /Length" % where)
                continue
            tail = data[start + length:start + length + 11]
            if not re.match(rb"(\r\n|\r|\n)endstream", tail):
                if real >= 0:
                    before = real - (2 if data[real - 2:real] == b"\r\n" else 1 if data[real - 1:real] in b"\r\n" else 0)
                    if before == real:
                        found["6.1.7.1"].append("%s: 'endstream' is not preceded by an EOL" % where)
                    if before - start != length:
                        found["6.1.7.1"].append("%s: /Length %d but the data is %d bytes" % (where, length, before - start))
                else:
                    found["6.1.7.1"].append("%s: no endstream" % where)
                continue
            pos = start + length + len(re.match(rb"(\r\n|\r|\n)", tail).group(0)) + 9
            tokens, pos = lex(data, pos, len(data), (b"endobj",))
            last = tokens[-1] if tokens else None
        if last is None or last.kind != "keyword" or last.value != b"endobj":
            found["6.1.9"].append("%s: no endobj" % where)
            continue
        if data[last.start - 1:last.start] not in (b"\r", b"\n"):
            found["6.1.9"].append("%s: 'endobj' is not preceded by an EOL" % where)
        if data[last.end:last.end + 1] not in (b"\r", b"\n"):
            found["6.1.9"].append("%s: 'endobj' is not followed by an EOL" % where)
    doc._syntax = found
    return found


def stream_length(doc, words):
    if not words:
        return None
    if len(words) >= 3 and words[-1] == b"R":
        try:
            return int(doc.pdf.get_object((int(words[0]), int(words[1]))))
        except Exception:
            return None
    try:
        return int(words[0])
    except ValueError:
        return None


@clause("6.1.6", "hexadecimal strings: an even number of hex digits")
def check_hex_strings(doc):
    return object_syntax(doc)["6.1.6"] + doc.content.operand_problems["6.1.6"]


@clause("6.1.7.1", "streams: Length exact, 'stream' + CRLF/LF, EOL before 'endstream', no F/FFilter/FDecodeParms")
def check_streams(doc):
    found = object_syntax(doc)
    if not found["streams"]:
        return NA
    return found["6.1.7.1"]


@clause("6.1.7.2", "filters: standard ones only, no LZWDecode, Crypt only as Identity")
def check_filters(doc):
    problems = []
    for stream, where in doc.streams():
        filters = stream.get("/Filter")
        filters = list(filters) if isinstance(filters, pikepdf.Array) else [filters] if filters is not None else []
        parms = stream.get("/DecodeParms")
        parms = list(parms) if isinstance(parms, pikepdf.Array) else [parms] * len(filters)
        for i, f in enumerate(filters):
            if text(f) not in STANDARD_FILTERS or text(f) == "/LZWDecode":
                problems.append("%s: filter %s" % (where, f))
            elif text(f) == "/Crypt":
                p = parms[i] if i < len(parms) else None
                if not isinstance(p, pikepdf.Dictionary) or p.get("/Name", "/Identity") != "/Identity":
                    problems.append("%s: a Crypt filter other than Identity" % where)
    return problems


@clause("6.1.8", "font, colourant and structure type names are valid UTF-8")
def check_names(doc):
    problems, looked = [], 0

    def valid(value, where):
        nonlocal looked
        if not isinstance(value, pikepdf.Name):
            return
        looked += 1
        raw = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), value.unparse()[1:])
        try:
            raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append("%s: name %r is not UTF-8" % (where, raw))

    for obj, where in doc.objects:
        if obj.get("/Type") == "/Font":
            valid(obj.get("/BaseFont"), where)
        if obj.get("/Type") == "/FontDescriptor":
            valid(obj.get("/FontName"), where)
        if obj.get("/Type") == "/StructElem":
            valid(obj.get("/S"), where)
    for resources, where in doc.resources:
        spaces = resources.get("/ColorSpace")
        for space in values(spaces):
            if isinstance(space, pikepdf.Array) and len(space) > 1 and space[0] == "/Separation":
                valid(space[1], where)
            if isinstance(space, pikepdf.Array) and len(space) > 1 and space[0] == "/DeviceN":
                for colourant in space[1]:
                    valid(colourant, where)
    return problems if looked else NA


@clause("6.1.9", "indirect objects: 'N G obj' single spaces, EOLs around obj/endobj")
def check_objects(doc):
    found = object_syntax(doc)
    return found["6.1.9"] if found["objects"] else NA


@clause("6.1.10", "inline images: standard filters only (no LZW, no Crypt)")
def check_inline_filters(doc):
    images = doc.content.inline_images
    if not images:
        return NA
    problems = []
    for tokens, where in images:
        values = dict_values([Token("<<", None, 0, 0)] + tokens + [Token(">>", None, 0, 0)])
        for key in (b"F", b"Filter"):
            for f in values.get(key, []):
                if f.startswith(b"/") and f.decode("latin-1") not in INLINE_FILTERS:
                    problems.append("%s: inline image filter %s" % (where, f.decode("latin-1")))
    return problems


@clause("6.1.12", "permissions: only UR3 and DocMDP in /Perms; DocMDP references without Digest keys")
def check_perms(doc):
    perms = doc.pdf.Root.get("/Perms")
    if perms is None:
        return NA
    problems = ["catalog /Perms has /%s" % k[1:] for k in perms.keys() if k not in ("/UR3", "/DocMDP")]
    docmdp = perms.get("/DocMDP")
    references = docmdp.get("/Reference") if isinstance(docmdp, pikepdf.Dictionary) else None
    for reference in (references if isinstance(references, pikepdf.Array) else []):
        for key in ("/DigestLocation", "/DigestMethod", "/DigestValue"):
            if key in reference:
                problems.append("DocMDP signature reference %s has %s" % (label(reference), key))
    return problems


@clause("6.1.13", "implementation limits: numbers, strings, names, objects, q nesting, DeviceN, CIDs, page size")
def check_limits(doc):
    found = object_syntax(doc)
    problems = found["6.1.13"] + doc.content.operand_problems["6.1.13"]
    if len(doc.pdf.objects) > 8388607:
        problems.append("%d indirect objects" % len(doc.pdf.objects))
    if doc.content.max_depth > 28:
        problems.append("%s: q nested %d deep" % (doc.content.depth_where, doc.content.max_depth))
    for obj, where in doc.objects:
        if obj.get("/Type") == "/Page":
            for box in ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox"):
                b = obj.get(box)
                if isinstance(b, pikepdf.Array) and len(b) == 4:
                    width, height = abs(float(b[2]) - float(b[0])), abs(float(b[3]) - float(b[1]))
                    if not (3 <= width <= 14400 and 3 <= height <= 14400):
                        problems.append("%s: %s %gx%g" % (where, box, width, height))
    for resources, where in doc.resources:
        spaces = resources.get("/ColorSpace")
        for space in values(spaces):
            if isinstance(space, pikepdf.Array) and len(space) > 1 and space[0] == "/DeviceN" and len(space[1]) > 32:
                problems.append("%s: DeviceN of %d colourants" % (where, len(space[1])))
    for font, where in doc.of_type("/Font"):
        encoding = font.get("/Encoding")
        if isinstance(encoding, pikepdf.Stream):
            highest = highest_cid(data_of(encoding))
            if highest > 65535:
                problems.append("%s: its CMap %s maps to CID %d" % (where, label(encoding), highest))
    return problems


def highest_cid(cmap):
    """The highest CID an embedded CMap program maps any code to."""
    highest = 0
    for block in re.findall(rb"begincidrange(.*?)endcidrange", cmap, re.S):
        for low, high, cid in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\d+)", block):
            highest = max(highest, int(cid) + int(high, 16) - int(low, 16))
    for block in re.findall(rb"begincidchar(.*?)endcidchar", cmap, re.S):
        for _, cid in re.findall(rb"<([0-9A-Fa-f]+)>\s*(\d+)", block):
            highest = max(highest, int(cid))
    return highest


@clause("6.2.2", "content streams: only ISO 32000-1 operators, resources explicitly associated")
def check_content(doc):
    if not doc.content.streams:
        return NA
    return doc.content.undefined + doc.content.missing_resources


@clause("6.2.3", "output intent: GTS_PDFA1 with a valid DestOutputProfile (prtr/mntr, RGB/CMYK/GRAY, ICC v2-4)")
def check_output_intent(doc):
    intents = doc.pdf.Root.get("/OutputIntents")
    if not isinstance(intents, pikepdf.Array) or not len(intents):
        return NA  # none at all: then no device colour may be used (6.2.4.3)
    problems, profiles = [], set()
    pdfa = [i for i in intents if i.get("/S") == "/GTS_PDFA1"]
    if not pdfa:
        problems.append("OutputIntents has no /S /GTS_PDFA1 entry")
    for intent in intents:
        where = "OutputIntent %s" % label(intent)
        if intent.get("/S") == "/GTS_PDFX" and "/DestOutputProfileRef" in intent:
            problems.append("%s: /DestOutputProfileRef" % where)
        profile = intent.get("/DestOutputProfile")
        if profile is None:
            if intent.get("/S") == "/GTS_PDFA1":
                problems.append("%s: no DestOutputProfile" % where)
            continue
        if not isinstance(profile, pikepdf.Stream):
            problems.append("%s: DestOutputProfile is not a stream" % where)
            continue
        profiles.add(profile.objgen)
        problems += icc_problems(profile, ("prtr", "mntr"), ("RGB ", "CMYK", "GRAY"),
                                 "%s DestOutputProfile %s" % (where, label(profile)))
        if "/OutputConditionIdentifier" not in intent:
            problems.append("%s: no OutputConditionIdentifier (required by ISO 32000-1 Table 365)" % where)
    if len(profiles) > 1:
        problems.append("the output intents have %d different DestOutputProfile objects" % len(profiles))
    return problems


@clause("6.2.4.2", "ICCBased colour spaces: valid profiles, N agrees")
def check_icc_spaces(doc):
    problems, looked = [], 0
    seen = set()
    for space_owner, where in doc.objects:
        for key in ("/ColorSpace", "/CS"):
            value = space_owner.get(key)
            candidates = []
            if isinstance(value, pikepdf.Dictionary):
                candidates = values(value)
            elif value is not None:
                candidates = [value]
            for space in candidates:
                for icc in iccbased_streams(space):
                    if icc.objgen in seen:
                        continue
                    seen.add(icc.objgen)
                    looked += 1
                    problems += icc_problems(icc, ("prtr", "mntr", "scnr", "spac"), ("RGB ", "CMYK", "GRAY", "Lab "),
                                             "ICCBased %s" % label(icc))
    problems += doc.content.overprint
    return problems if looked else NA


def iccbased_streams(space):
    if isinstance(space, pikepdf.Array) and len(space):
        if space[0] == "/ICCBased" and len(space) > 1 and isinstance(space[1], pikepdf.Stream):
            return [space[1]]
        found = []
        for item in list(space)[1:]:
            if isinstance(item, pikepdf.Array):
                found += iccbased_streams(item)
        return found
    return []


@clause("6.2.4.3", "device colour spaces only as the output intent allows (DeviceRGB needs an RGB intent)")
def check_device_colour(doc):
    uses = doc.content.device_use
    if not uses:
        return NA
    problems = []
    allowed = {"RGB ": doc.output_cs == "RGB ", "CMYK": doc.output_cs == "CMYK", "GRAY": doc.output_cs is not None}
    for space, where in sorted(uses.items()):
        if not allowed[space]:
            problems.append("%s uses Device%s but the PDF/A output intent is %s" %
                            (where, {"RGB ": "RGB", "CMYK": "CMYK", "GRAY": "Gray"}[space],
                             repr(doc.output_cs) if doc.output_cs else "missing"))
    return problems


@clause("6.2.4.4", "Separation and DeviceN: Colorants present, same name same tint transform")
def check_spot(doc):
    problems, separations, seen = [], {}, set()
    found = list(doc.content.separations)
    devicen = list(doc.content.devicen)
    for resources, where in doc.resources:
        for space in values(resources.get("/ColorSpace")):
            if isinstance(space, pikepdf.Array) and len(space) >= 4 and space[0] == "/Separation":
                found.append((space, where))
            elif isinstance(space, pikepdf.Array) and len(space) >= 4 and space[0] == "/DeviceN":
                devicen.append((space, where))
    for space, where in devicen:
        attributes = space[4] if len(space) > 4 else None
        colourants = attributes.get("/Colorants") if isinstance(attributes, pikepdf.Dictionary) else None
        for colourant in values(colourants):
            if isinstance(colourant, pikepdf.Array) and len(colourant) >= 4 and colourant[0] == "/Separation":
                found.append((colourant, where + " Colorants"))
        for colourant in space[1]:
            # Process colourants need no entry; every spot colour does.
            if text(colourant) in ("/Cyan", "/Magenta", "/Yellow", "/Black", "/None"):
                continue
            if not isinstance(colourants, pikepdf.Dictionary) or colourant not in colourants:
                problems.append("%s: DeviceN colourant %s not in /Colorants" % (where, text(colourant)))
    for space, where in found:
        if len(space) < 4:
            continue
        ident = id(space) if not space.objgen[0] else space.objgen
        if ident in seen:
            continue
        seen.add(ident)
        # Compared as PDF objects, ignoring compression and indirection.
        signature = (unparse_deep(space[2]), unparse_deep(space[3]))
        first = separations.setdefault(text(space[1]), (signature, where))
        if first[0] != signature:
            problems.append("%s: Separation %s has another tint transform or alternate than at %s"
                            % (where, text(space[1]), first[1]))
    if not found and not devicen:
        return NA
    return problems


def unparse_deep(value):
    """A PDF object as bytes, references and stream filters resolved."""
    if isinstance(value, pikepdf.Stream):
        return b"stream " + unparse_deep(pikepdf.Dictionary({k: value[k] for k in value.keys()
                                                             if k not in ("/Length", "/Filter", "/DecodeParms")})) \
            + data_of(value)
    if isinstance(value, pikepdf.Dictionary):
        return b"<<" + b" ".join(k.encode() + b" " + unparse_deep(value[k]) for k in sorted(value.keys())) + b">>"
    if isinstance(value, pikepdf.Array):
        return b"[" + b" ".join(unparse_deep(v) for v in value) + b"]"
    if isinstance(value, pikepdf.Object):
        return value.unparse()
    return repr(value).encode()


@clause("6.2.5", "ExtGState: no TR, TR2 only /Default, no HTP; halftones of type 1 or 5 without HalftoneName")
def check_extgstate(doc):
    states = doc.resource_entries("/ExtGState")
    if not states:
        return NA
    problems = []
    for state, where in states:
        if "/TR" in state:
            problems.append("%s: /TR" % where)
        if "/TR2" in state and state.TR2 != "/Default":
            problems.append("%s: /TR2 other than /Default" % where)
        if "/HTP" in state:
            problems.append("%s: /HTP" % where)
        problems += halftone_problems(state.get("/HT"), None, where)
    return problems


def halftone_problems(halftone, colourant, where):
    """A halftone and, for type 5, its colourants' halftones.  A transfer
    function is only allowed (and then required) for colourants other than
    the primaries, as ISO 32000-1 10.5.5 says."""
    if not isinstance(halftone, (pikepdf.Dictionary, pikepdf.Stream)):
        return []
    problems = []
    kind = halftone.get("/HalftoneType")
    if kind not in (1, 5):
        problems.append("%s: HalftoneType %s" % (where, kind))
    if "/HalftoneName" in halftone:
        problems.append("%s: a halftone with /HalftoneName" % where)
    if colourant != "/Default":
        primary = colourant in (None, "/Cyan", "/Magenta", "/Yellow", "/Black")
        if primary and "/TransferFunction" in halftone:
            problems.append("%s: a TransferFunction in the halftone of %s" % (where, colourant or "the device"))
        if not primary and "/TransferFunction" not in halftone:
            problems.append("%s: no TransferFunction in the halftone of %s" % (where, colourant))
    if kind == 5:
        for key in halftone.keys():
            if key not in ("/Type", "/HalftoneType", "/HalftoneName"):
                problems += halftone_problems(halftone[key], key, "%s %s" % (where, key))
    return problems


@clause("6.2.6", "rendering intents: one of the four of ISO 32000-1 Table 70")
def check_intents(doc):
    intents = list(doc.content.intents)
    for state, where in doc.resource_entries("/ExtGState"):
        if "/RI" in state:
            intents.append((state.RI, where))
    if not intents:
        return NA
    return ["%s: rendering intent %s" % (where, value) for value, where in intents
            if text(value) not in RENDERING_INTENTS]


def images(doc):
    return [(o, w) for o, w in doc.streams() if o.get("/Subtype") == "/Image"]


@clause("6.2.8", "images: no Alternates, no OPI, Interpolate false, BitsPerComponent 1/2/4/8/16 (masks 1)")
def check_images(doc):
    found = images(doc)
    if not found and not doc.content.inline_images:
        return NA
    problems = []
    for image, where in found:
        if "/Alternates" in image:
            problems.append("%s: /Alternates" % where)
        if "/OPI" in image:
            problems.append("%s: /OPI" % where)
        if image.get("/Interpolate") is True:
            problems.append("%s: /Interpolate true" % where)
        bpc = image.get("/BitsPerComponent")
        if image.get("/ImageMask") is True:
            if bpc is not None and int(bpc) != 1:
                problems.append("%s: image mask with BitsPerComponent %d" % (where, int(bpc)))
        elif bpc is not None and int(bpc) not in (1, 2, 4, 8, 16):
            problems.append("%s: BitsPerComponent %d" % (where, int(bpc)))
    for tokens, where in doc.content.inline_images:
        values = dict_values([Token("<<", None, 0, 0)] + tokens + [Token(">>", None, 0, 0)])
        for key in (b"I", b"Interpolate"):
            if values.get(key) == [b"true"]:
                problems.append("%s: an inline image with /%s true" % (where, key.decode()))
    return problems


@clause("6.2.8.3", "JPEG2000 images")
def check_jpx(doc):
    # The JPX code stream (channels, colr boxes, bit depth) is not parsed
    # here: a JPX image is listed as not checked under the line.
    jpx = [where for image, where in images(doc)
           if "/JPXDecode" in [text(f) for f in (image.Filter if isinstance(image.get("/Filter"), pikepdf.Array)
                                                 else [image.get("/Filter")])]]
    if not jpx:
        return NA
    for where in jpx:
        unchecked(doc, "%s: a JPEG2000 image, whose code stream is not inspected" % where)
    return []


@clause("6.2.9", "XObjects: forms without OPI, PS, Subtype2 PS; no reference or PostScript XObjects")
def check_xobjects(doc):
    xobjects = [(o, w) for o, w in doc.streams() if o.get("/Type") == "/XObject" or o.get("/Subtype") in ("/Form", "/PS")]
    xobjects += [(o, w) for o, w in doc.resource_entries("/XObject") if o.objgen not in {x.objgen for x, _ in xobjects}]
    if not xobjects:
        return NA
    problems = []
    for xobject, where in xobjects:
        subtype = xobject.get("/Subtype")
        if subtype == "/PS":
            problems.append("%s: a PostScript XObject" % where)
        if subtype == "/Form":
            for key in ("/OPI", "/PS", "/Ref"):
                if key in xobject:
                    problems.append("%s: form XObject with %s" % (where, key))
            if xobject.get("/Subtype2") == "/PS":
                problems.append("%s: form XObject with /Subtype2 /PS" % where)
    return problems


@clause("6.2.10", "transparency: standard blend modes; a group CS on transparent pages when there is no output intent")
def check_transparency(doc):
    problems, looked = [], 0
    for state, where in doc.resource_entries("/ExtGState"):
        mode = state.get("/BM")
        if mode is None:
            continue
        looked += 1
        modes = list(mode) if isinstance(mode, pikepdf.Array) else [mode]
        for m in modes:
            if text(m) not in BLEND_MODES:
                problems.append("%s: blend mode %s" % (where, m))
    # With a PDF/A output intent, transparent pages need no group colour
    # space of their own; they are still counted, so that a file with
    # transparency reports PASS rather than NOT APPLICABLE.
    for number, page in enumerate(doc.pdf.pages, 1):
        if number not in doc.content.transparent_pages:
            continue
        looked += 1
        group = page.obj.get("/Group")
        if doc.output_cs is None and not (isinstance(group, pikepdf.Dictionary) and "/CS" in group):
            problems.append("page %d (%s): transparency without a group colour space" % (number, label(page.obj)))
    return problems if looked else NA


def fonts(doc):
    return [(o, w) for o, w in doc.objects if o.get("/Type") == "/Font"]


def descendant(font):
    kids = font.get("/DescendantFonts")
    return kids[0] if isinstance(kids, pikepdf.Array) and len(kids) else None


@clause("6.2.11.2", "font dictionaries: Type, Subtype, BaseFont, FirstChar/LastChar/Widths, FontFile3 Subtype")
def check_font_dicts(doc):
    found = fonts(doc)
    if not found:
        return NA
    problems = []
    standard14 = {"/Times-Roman", "/Times-Bold", "/Times-Italic", "/Times-BoldItalic", "/Helvetica",
                  "/Helvetica-Bold", "/Helvetica-Oblique", "/Helvetica-BoldOblique", "/Courier", "/Courier-Bold",
                  "/Courier-Oblique", "/Courier-BoldOblique", "/Symbol", "/ZapfDingbats"}
    for font, where in found:
        subtype = text(font.get("/Subtype"))
        if subtype not in ("/Type1", "/MMType1", "/TrueType", "/Type3", "/Type0", "/CIDFontType0", "/CIDFontType2"):
            problems.append("%s: font Subtype %s" % (where, subtype))
        if subtype != "/Type3" and "/BaseFont" not in font:
            problems.append("%s: no BaseFont" % where)
        if subtype in ("/Type1", "/MMType1", "/TrueType", "/Type3"):
            standard = subtype == "/Type1" and text(font.get("/BaseFont")) in standard14 and "/FontDescriptor" not in font
            if not standard:
                first, last, widths = font.get("/FirstChar"), font.get("/LastChar"), font.get("/Widths")
                if first is None or last is None or widths is None:
                    problems.append("%s: FirstChar, LastChar or Widths missing" % where)
                elif len(widths) != int(last) - int(first) + 1:
                    problems.append("%s: %d Widths for FirstChar %d..LastChar %d" % (where, len(widths), first, last))
        descriptor = font.get("/FontDescriptor")
        if isinstance(descriptor, pikepdf.Dictionary):
            program = descriptor.get("/FontFile3")
            if isinstance(program, pikepdf.Stream) and text(program.get("/Subtype")) not in ("/Type1C", "/CIDFontType0C", "/OpenType"):
                problems.append("%s: FontFile3 Subtype %s" % (where, program.get("/Subtype")))
    return problems


@clause("6.2.11.3.1", "composite fonts: CIDSystemInfo consistent with the CMap")
def check_cid_system_info(doc):
    type0 = [(f, w) for f, w in fonts(doc) if f.get("/Subtype") == "/Type0"]
    if not type0:
        return NA
    problems = []
    for font, where in type0:
        cidfont = descendant(font)
        if cidfont is None:
            problems.append("%s: no DescendantFonts" % where)
            continue
        info = cidfont.get("/CIDSystemInfo")
        if not isinstance(info, pikepdf.Dictionary) or not all(k in info for k in ("/Registry", "/Ordering", "/Supplement")):
            problems.append("%s: CIDFont %s without a complete CIDSystemInfo" % (where, label(cidfont)))
            continue
        encoding = font.get("/Encoding")
        if name(encoding) in ("/Identity-H", "/Identity-V"):
            continue
        if isinstance(encoding, pikepdf.Stream):
            cmap_info = encoding.get("/CIDSystemInfo")
            if not isinstance(cmap_info, pikepdf.Dictionary):
                problems.append("%s: embedded CMap without CIDSystemInfo" % where)
            elif (text(cmap_info.get("/Registry")) != text(info.Registry) or
                  text(cmap_info.get("/Ordering")) != text(info.Ordering) or
                  int(info.Supplement) > int(cmap_info.get("/Supplement", -1))):
                problems.append("%s: CIDSystemInfo of the CIDFont and the CMap disagree" % where)
        # A predefined CMap's CIDSystemInfo is not in the file: its name
        # (e.g. UniGB-UCS2-H is Adobe-GB1) would have to be tabulated; we only
        # use Identity-H, so that table is left out.
    return problems


@clause("6.2.11.3.2", "CIDFontType2 fonts have a CIDToGIDMap")
def check_cid_to_gid(doc):
    found = [(f, w) for f, w in fonts(doc) if f.get("/Subtype") == "/CIDFontType2"]
    if not found:
        return NA
    problems = []
    for font, where in found:
        mapping = font.get("/CIDToGIDMap")
        embedded = any(k in font.get("/FontDescriptor", {}) for k in ("/FontFile", "/FontFile2", "/FontFile3"))
        if mapping is None and embedded:
            problems.append("%s: CIDFontType2 without CIDToGIDMap" % where)
        elif mapping is not None and not isinstance(mapping, pikepdf.Stream) and mapping != "/Identity":
            problems.append("%s: CIDToGIDMap %s is neither a stream nor /Identity" % (where, text(mapping)))
    return problems


@clause("6.2.11.3.3", "CMaps: predefined or embedded, WMode agrees, no references to other CMaps")
def check_cmaps(doc):
    type0 = [(f, w) for f, w in fonts(doc) if f.get("/Subtype") == "/Type0"]
    if not type0:
        return NA
    problems = []
    for font, where in type0:
        encoding = font.get("/Encoding")
        if isinstance(encoding, pikepdf.Name):
            if text(encoding)[1:] not in PREDEFINED_CMAPS:
                problems.append("%s: CMap %s is neither predefined nor embedded" % (where, encoding))
        elif isinstance(encoding, pikepdf.Stream):
            data = data_of(encoding)
            m = re.search(rb"/WMode\s+(\d)", data)
            if m and int(m.group(1)) != int(encoding.get("/WMode", 0)):
                problems.append("%s: WMode of the CMap stream and its dictionary differ" % where)
            used = encoding.get("/UseCMap")
            if used is not None and text(used)[1:] not in PREDEFINED_CMAPS:
                problems.append("%s: UseCMap %s" % (where, used))
        else:
            problems.append("%s: no Encoding" % where)
    return problems


def program_of(font, cache):
    """The FontProgram behind a (simple or CID) font dictionary, or None."""
    target = descendant(font) if font.get("/Subtype") == "/Type0" else font
    if target is None:
        return None, None
    descriptor = target.get("/FontDescriptor")
    if not isinstance(descriptor, pikepdf.Dictionary):
        return target, None
    for key in ("/FontFile", "/FontFile2", "/FontFile3"):
        stream = descriptor.get(key)
        if isinstance(stream, pikepdf.Stream):
            if CFFFontSet is None:
                return target, "fontTools missing"
            ident = stream.objgen if stream.objgen[0] else id(stream)
            if ident not in cache:
                cache[ident] = FontProgram(stream, key)
            return target, cache[ident]
    return target, None


def glyph_of(target, program, code):
    """The glyph index a used code selects, or None if the font has none."""
    if target.get("/Subtype") == "/CIDFontType0":
        if program.cids is not None:
            return program.cids.get(code)
        return code if code < program.gid_count else None
    if target.get("/Subtype") == "/CIDFontType2":
        mapping = target.get("/CIDToGIDMap", pikepdf.Name.Identity)
        if isinstance(mapping, pikepdf.Stream):
            data = data_of(mapping)
            if 2 * code + 1 >= len(data):
                return None
            gid = int.from_bytes(data[2 * code:2 * code + 2], "big")
        else:
            gid = code
        return gid if gid < program.gid_count else None
    return None


@clause("6.2.11.4.1", "fonts: every font used is embedded (FontFile/2/3) and has the glyphs used")
def check_embedding(doc):
    used = doc.content.fonts
    if not used:
        return NA
    problems, cache = [], doc.__dict__.setdefault("_programs", {})
    for font, where, codes, rendered in used.values():
        if font.get("/Subtype") == "/Type3" or not rendered:
            continue
        target, program = program_of(font, cache)
        if program is None:
            problems.append("%s (%s, used on %s): not embedded" % (label(font), font.get("/BaseFont"), where))
            continue
        if isinstance(program, str) or program.error or target.get("/Subtype") not in ("/CIDFontType0", "/CIDFontType2"):
            continue
        missing = sorted(c for c in codes if isinstance(c, int) and glyph_of(target, program, c) is None)
        if missing:
            problems.append("%s (%s): CIDs %s used but not in the font program" %
                            (label(font), font.get("/BaseFont"), missing[:10]))
    return problems


@clause("6.2.11.4.2", "subsets: a CIDSet or CharSet, if present, lists every glyph of the program")
def check_subsets(doc):
    problems, looked, cache = [], 0, doc.__dict__.setdefault("_programs", {})
    for font, where in fonts(doc):
        descriptor = font.get("/FontDescriptor")
        if not isinstance(descriptor, pikepdf.Dictionary):
            continue
        if "/CIDSet" in descriptor:
            looked += 1
            _, program = program_of(font, cache)
            if program is None or isinstance(program, str) or program.error:
                problems.append("%s: a CIDSet that cannot be compared with its font program" % where)
                continue
            # A CFF without CIDs (or a TrueType program): CID = glyph index.
            cids = set(program.cids) if program.cids is not None else set(range(program.gid_count))
            data = data_of(descriptor.CIDSet)
            listed = {i for i in range(len(data) * 8) if data[i // 8] & (0x80 >> (i % 8))}
            if not cids <= listed:
                problems.append("%s: CIDSet lacks CIDs %s of the program" % (where, sorted(cids - listed)[:10]))
        if "/CharSet" in descriptor:
            looked += 1
            unchecked(doc, "%s: a Type 1 CharSet, not compared with the font program" % where)
    return problems if looked else NA


@clause("6.2.11.5", "font metrics: widths in the font dictionary agree with the embedded program (within 1/1000)")
def check_widths(doc):
    used = doc.content.fonts
    if not used:
        return NA
    problems, compared, cache = [], 0, doc.__dict__.setdefault("_programs", {})
    for font, where, codes, rendered in used.values():
        target, program = program_of(font, cache)
        if font.get("/Subtype") == "/Type3" and rendered:
            unchecked(doc, "%s: a Type 3 font, widths not compared with its glyph procedures" % label(font))
        if program is None or not rendered:
            continue
        if isinstance(program, str):
            problems.append("%s: font program not opened (%s)" % (label(font), program))
            continue
        if program.error:
            problems.append("%s: %s" % (label(font), program.error))
            continue
        if target.get("/Subtype") not in ("/CIDFontType0", "/CIDFontType2"):
            # Simple fonts need the encoding → glyph lookup of ISO 32000-1
            # 9.6.6; we have none, and do not implement it.
            unchecked(doc, "%s (%s): a simple font, widths not compared" % (label(font), font.get("/BaseFont")))
            continue
        widths, default = cid_widths(target)
        bad = []
        for code in sorted(c for c in codes if isinstance(c, int)):
            gid = glyph_of(target, program, code)
            if gid is None:
                continue
            compared += 1
            declared = widths.get(code, default)
            actual = program.widths.get(gid)
            if actual is not None and abs(actual - declared) > 1:
                bad.append("CID %d: %g in /W, %g in the program" % (code, declared, actual))
        if bad:
            problems.append("%s (%s): %s%s" % (label(font), font.get("/BaseFont"), "; ".join(bad[:5]),
                                               " (+%d more)" % (len(bad) - 5) if len(bad) > 5 else ""))
    doc.glyphs_compared = compared
    return problems


@clause("6.2.11.6", "TrueType encodings: non-symbolic WinAnsi/MacRoman, symbolic without Encoding, usable cmap")
def check_truetype(doc):
    found = [(f, w) for f, w in fonts(doc) if f.get("/Subtype") == "/TrueType"]
    if not found:
        return NA
    problems, cache = [], doc.__dict__.setdefault("_programs", {})
    for font, where in found:
        descriptor = font.get("/FontDescriptor", {})
        symbolic = bool(int(descriptor.get("/Flags", 0)) & 4)
        encoding = font.get("/Encoding")
        base = encoding.get("/BaseEncoding") if isinstance(encoding, pikepdf.Dictionary) else encoding
        if symbolic and encoding is not None:
            problems.append("%s: symbolic TrueType font with an Encoding" % where)
        if not symbolic and text(base) not in ("/WinAnsiEncoding", "/MacRomanEncoding"):
            problems.append("%s: non-symbolic TrueType font with encoding %s" % (where, base))
        _, program = program_of(font, cache)
        if program is not None and not isinstance(program, str) and not program.error:
            tables = [(t.platformID, t.platEncID) for t in program.ttfont["cmap"].tables]
            if symbolic and len(tables) != 1 and (3, 0) not in tables:
                problems.append("%s: symbolic font whose cmap has neither one subtable nor (3,0)" % where)
            if not symbolic and not [t for t in tables if t != (3, 0)]:
                problems.append("%s: non-symbolic font without a non-symbolic cmap" % where)
    return problems


@clause("6.2.11.8", "no text shows the .notdef glyph")
def check_notdef(doc):
    used = doc.content.fonts
    if not used:
        return NA
    problems, cache = [], doc.__dict__.setdefault("_programs", {})
    for font, where, codes, rendered in used.values():
        target, program = program_of(font, cache)
        if program is None or isinstance(program, str) or program.error:
            continue
        if target.get("/Subtype") not in ("/CIDFontType0", "/CIDFontType2"):
            continue
        notdef = sorted(c for c in codes if isinstance(c, int) and glyph_of(target, program, c) in (0, None))
        if notdef:
            problems.append("%s (%s): CIDs %s show .notdef" % (label(font), font.get("/BaseFont"), notdef[:10]))
    return problems


def annotations(doc):
    found = []
    for number, page in enumerate(doc.pdf.pages, 1):
        for annot in page.obj.get("/Annots", []):
            found.append((annot, "page %d annotation %s" % (number, label(annot))))
    return found


@clause("6.3", "annotations: allowed subtypes, F with Print set and Hidden/Invisible/NoView/ToggleNoView clear, appearances N only")
def check_annotations(doc):
    found = annotations(doc)
    if not found:
        return NA
    problems = []
    for annot, where in found:
        subtype = text(annot.get("/Subtype"))
        if subtype not in ANNOTATION_TYPES:
            problems.append("%s: subtype %s (6.3.1)" % (where, subtype))
        flags = annot.get("/F")
        if flags is None and subtype != "/Popup":
            problems.append("%s: no /F (6.3.2)" % where)
        elif flags is not None:
            f = int(flags)
            if not f & 4 or f & (1 | 2 | 32 | 256):
                problems.append("%s: /F %d: Print not set or Invisible/Hidden/NoView/ToggleNoView set (6.3.2)" % (where, f))
        rect = annot.get("/Rect")
        zero = isinstance(rect, pikepdf.Array) and len(rect) == 4 and rect[0] == rect[2] and rect[1] == rect[3]
        ap = annot.get("/AP")
        if ap is None and not zero and subtype not in ("/Popup", "/Link"):
            problems.append("%s: no appearance (6.3.3)" % where)
        if isinstance(ap, pikepdf.Dictionary):
            if set(ap.keys()) != {"/N"}:
                problems.append("%s: appearance keys %s, only /N allowed (6.3.3)" % (where, sorted(ap.keys())))
            button = subtype == "/Widget" and annot.get("/FT") == "/Btn"
            normal = ap.get("/N")
            if button and not isinstance(normal, pikepdf.Dictionary):
                problems.append("%s: a button whose /N is not a subdictionary (6.3.3)" % where)
            if not button and not isinstance(normal, pikepdf.Stream):
                problems.append("%s: /N is not an appearance stream (6.3.3)" % where)
    return problems


@clause("6.4", "interactive forms: no NeedAppearances, no XFA, no NeedsRendering, widgets/fields without A/AA")
def check_forms(doc):
    root = doc.pdf.Root
    form = root.get("/AcroForm")
    widgets = [(a, w) for a, w in annotations(doc) if a.get("/Subtype") == "/Widget"]
    if form is None and not widgets and "/NeedsRendering" not in root:
        return NA
    problems = []
    if isinstance(form, pikepdf.Dictionary):
        if form.get("/NeedAppearances") is True:
            problems.append("AcroForm /NeedAppearances true")
        if "/XFA" in form:
            problems.append("AcroForm has /XFA")
        for field in form.get("/Fields", []):
            if "/AA" in field:
                problems.append("field %s has /AA" % label(field))
    if root.get("/NeedsRendering") is True:
        problems.append("the catalog has /NeedsRendering true")
    for annot, where in widgets:
        if "/A" in annot or "/AA" in annot:
            problems.append("%s: a widget with /A or /AA" % where)
    return problems


@clause("6.5", "actions: no Launch, JavaScript, etc.; Named only Next/Prev/First/LastPage; no AA on catalog or pages")
def check_actions(doc):
    problems, looked = [], 0
    for obj, where in doc.objects:
        is_action = obj.get("/Type") == "/Action" or "/JS" in obj or (
            obj.get("/Type") != "/StructElem" and text(obj.get("/S")) in ACTION_TYPES)
        if not is_action:
            continue
        looked += 1
        kind = text(obj.get("/S"))
        if kind not in ALLOWED_ACTIONS:
            problems.append("%s: a %s action" % (where, kind))
        elif kind == "/Named" and text(obj.get("/N")) not in ALLOWED_NAMED_ACTIONS:
            problems.append("%s: named action %s" % (where, obj.get("/N")))
    root = doc.pdf.Root
    if "/AA" in root:
        problems.append("the catalog has /AA")
    for number, page in enumerate(doc.pdf.pages, 1):
        if "/AA" in page.obj:
            problems.append("page %d has /AA" % number)
    if "/JavaScript" in root.get("/Names", {}):
        problems.append("the catalog's name dictionary has /JavaScript")
    if not looked and not problems:
        return NA
    return problems


def metadata(doc):
    if not hasattr(doc, "_xmp"):
        stream = doc.pdf.Root.get("/Metadata")
        doc._xmp = Xmp(data_of(stream)) if isinstance(stream, pikepdf.Stream) else None
    return doc._xmp


@clause("6.6.2.1", "metadata: Catalog /Metadata stream Type/Metadata Subtype/XML, well-formed UTF-8 XMP, no bytes/encoding")
def check_metadata(doc):
    stream = doc.pdf.Root.get("/Metadata")
    if not isinstance(stream, pikepdf.Stream):
        return ["the catalog has no /Metadata stream"]
    problems = []
    if stream.get("/Type") != "/Metadata" or stream.get("/Subtype") != "/XML":
        problems.append("%s: not /Type /Metadata /Subtype /XML" % label(stream))
    # PDF/A-1 wanted the stream unfiltered; parts 2 and 3 allow filters, so a
    # /Filter is not a problem here.
    xmp = metadata(doc)
    problems += ["%s: %s" % (label(stream), p) for p in xmp.problems]
    if xmp.header is None:
        problems.append("%s: no <?xpacket begin=...?> header" % label(stream))
    elif re.search(rb"\b(bytes|encoding)\s*=", xmp.header):
        problems.append("%s: the xpacket header has a bytes or encoding attribute" % label(stream))
    for obj, where in doc.objects:
        if obj is not stream and obj.get("/Type") == "/Metadata" and isinstance(obj, pikepdf.Stream):
            other = Xmp(data_of(obj))
            problems += ["%s: %s" % (where, p) for p in other.problems]
    return problems


@clause("6.6.2.3.1", "XMP properties: predefined schemas (or declared extensions) with the right value types")
def check_xmp_schemas(doc):
    xmp = metadata(doc)
    if xmp is None or xmp.root is None:
        return ["no readable XMP"]
    problems = []
    extension = xmp.properties.get(("http://www.aiim.org/pdfa/ns/extension/", "schemas"))
    declared = set()
    if extension is not None and not isinstance(extension, str):
        for element in extension.iter("{http://www.aiim.org/pdfa/ns/schema#}namespaceURI"):
            declared.add((element.text or "").strip())
    for (namespace, local) in xmp.properties:
        if namespace not in PREDEFINED_NAMESPACES and namespace not in declared:
            problems.append("property %s:%s of namespace %s has no extension schema" %
                            (xmp.prefixes.get(namespace, "?"), local, namespace))
        expected = PROPERTY_TYPES.get((namespace, local))
        kind = xmp.kind(namespace, local)
        if expected in ("Alt", "Seq", "Bag") and kind != expected:
            problems.append("%s:%s is %s, must be an rdf:%s" % (xmp.prefixes.get(namespace, "?"), local, kind, expected))
        if expected in ("Text", "Date", "Integer") and kind != "Text":
            problems.append("%s:%s is an rdf:%s, must be simple" % (xmp.prefixes.get(namespace, "?"), local, kind))
        if expected == "Date" and xmp_date(xmp.value(namespace, local) or "") is None:
            problems.append("%s:%s %r is not a date" % (xmp.prefixes.get(namespace, "?"), local, xmp.value(namespace, local)))
        if expected == "Integer" and not re.match(r"[+-]?\d+$", (xmp.value(namespace, local) or "").strip()):
            problems.append("%s:%s is not an integer" % (xmp.prefixes.get(namespace, "?"), local))
    return problems


@clause("6.6.4", "PDF/A identification: pdfaid:part 3, pdfaid:conformance B, prefix pdfaid")
def check_identification(doc):
    xmp = metadata(doc)
    if xmp is None or xmp.root is None:
        return ["no readable XMP"]
    problems = []
    part = xmp.value(NS_PDFAID, "part")
    conformance = xmp.value(NS_PDFAID, "conformance")
    if part is None:
        problems.append("no pdfaid:part")
    elif part.strip() != "3":
        problems.append("pdfaid:part is %r, not 3" % part)
    if conformance is None:
        problems.append("no pdfaid:conformance")
    elif conformance.strip() != "B":
        problems.append("pdfaid:conformance is %r, this checker checks level B" % conformance)
    if (part is not None or conformance is not None) and xmp.prefixes.get(NS_PDFAID) != "pdfaid":
        problems.append("the PDF/A identification schema has prefix %r, not pdfaid" % xmp.prefixes.get(NS_PDFAID))
    return problems


INFO_TO_XMP = [
    ("/Title", NS_DC, "title", "dc:title"),
    ("/Author", NS_DC, "creator", "dc:creator"),
    ("/Subject", NS_DC, "description", "dc:description"),
    ("/Keywords", NS_PDF, "Keywords", "pdf:Keywords"),
    ("/Creator", NS_XMP, "CreatorTool", "xmp:CreatorTool"),
    ("/Producer", NS_PDF, "Producer", "pdf:Producer"),
    ("/CreationDate", NS_XMP, "CreateDate", "xmp:CreateDate"),
    ("/ModDate", NS_XMP, "ModifyDate", "xmp:ModifyDate"),
    ("/Trapped", NS_PDF, "Trapped", "pdf:Trapped"),
]


# ISO 19005-1 6.7.3 made Info ↔ XMP equivalence a requirement; parts 2 and 3
# do not (veraPDF's corpus has a valid PDF/A-2b whose Info and XMP differ,
# 6-1-5-t01-pass-a).  Readers show either, so ours must agree: a project rule,
# checked the way part 1 words it, and marked as such on its line.
@clause("project:Info=XMP", "Info ↔ XMP agree: Title/Author/Subject/Keywords/Creator/Producer/dates as instants "
        "(ISO 19005-1 6.7.3; not required by 19005-3)")
def check_info(doc):
    info = doc.pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary) or not len(info):
        return NA
    xmp = metadata(doc)
    if xmp is None or xmp.root is None:
        return ["an Info dictionary but no readable XMP"]
    problems = []
    for key, namespace, local, shown in INFO_TO_XMP:
        value = info.get(key)
        other = xmp.value(namespace, local)
        if value is None:
            continue
        value = text(value)
        if other is None:
            problems.append("Info %s %r has no %s" % (key, value, shown))
            continue
        if key == "/Author":
            # ISO 19005-1 Table 1: Author is dc:creator's single (first) item.
            other = other[0] if isinstance(other, list) and len(other) == 1 else "; ".join(other or [])
        if key in ("/CreationDate", "/ModDate"):
            a, b = pdf_date(value), xmp_date(other)
            if a is None:
                problems.append("Info %s %r is not a PDF date" % (key, value))
            elif b is None:
                problems.append("%s %r is not a date" % (shown, other))
            elif a != b:
                problems.append("Info %s %s but %s %s" % (key, a.isoformat(), shown, b.isoformat()))
        elif key == "/Trapped":
            if value[1:] != other:
                problems.append("Info /Trapped %s but pdf:Trapped %r" % (value, other))
        elif value != other:
            problems.append("Info %s %r but %s %r" % (key, value, shown, other))
    return problems


@clause("6.8", "embedded files: F and UF, AFRelationship, in an /AF array; stream Subtype (MIME) and Params/ModDate")
def check_embedded(doc):
    specs = [(o, w) for o, w in doc.objects if "/EF" in o and not isinstance(o, pikepdf.Stream)]
    if not specs:
        return NA
    associated = set()
    for obj, where in doc.objects:
        af = obj.get("/AF")
        for item in (af if isinstance(af, pikepdf.Array) else []):
            associated.add(item.objgen)
    problems = []
    for spec, where in specs:
        if "/F" not in spec or "/UF" not in spec:
            problems.append("%s: file specification without /F and /UF" % where)
        relationship = spec.get("/AFRelationship")
        if not isinstance(relationship, pikepdf.Name):
            problems.append("%s: no /AFRelationship name" % where)
        # ISO 32000-2 lists Source, Data, Alternative, Supplement, ... but
        # allows other names; veraPDF only asks for the key, and so do we.
        if not spec.objgen[0] or spec.objgen not in associated:
            problems.append("%s: not in any /AF array (catalog, page, ...)" % where)
        ef = spec.EF
        for key in ("/F", "/UF"):
            stream = ef.get(key) if isinstance(ef, pikepdf.Dictionary) else None
            if stream is None:
                continue
            if not isinstance(stream, pikepdf.Stream):
                problems.append("%s: /EF %s is not a stream" % (where, key))
                continue
            subtype = stream.get("/Subtype")
            mime = subtype.unparse()[1:] if isinstance(subtype, pikepdf.Name) else b""
            mime = re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), mime).decode("latin-1")
            if not re.match(r"^[-\w+.]+/[-\w+.]+$", mime):
                problems.append("%s: embedded file %s has no MIME /Subtype (%r)" % (where, label(stream), mime))
            params = stream.get("/Params")
            # ISO 19005-3 6.8 says the stream "should" carry Params with a
            # ModDate; we check it, as the brief asks.
            if not isinstance(params, pikepdf.Dictionary) or "/ModDate" not in params:
                problems.append("%s: embedded file %s has no /Params /ModDate" % (where, label(stream)))
            elif pdf_date(text(params.ModDate)) is None:
                problems.append("%s: /Params /ModDate %r is not a PDF date" % (where, text(params.ModDate)))
    return problems


@clause("6.9", "optional content: configurations named uniquely, Order lists every OCG, no AS")
def check_optional_content(doc):
    properties = doc.pdf.Root.get("/OCProperties")
    if properties is None:
        return NA
    problems, names = [], []
    configs = [properties.get("/D")] + list(properties.get("/Configs", []))
    all_ocgs = {o.objgen for o in properties.get("/OCGs", [])}
    for config in configs:
        if not isinstance(config, pikepdf.Dictionary):
            problems.append("OCProperties without a /D configuration")
            continue
        n = config.get("/Name")
        if n is None or not len(bytes(n)):
            problems.append("configuration %s has no /Name" % label(config))
        else:
            names.append(bytes(n))
        if "/AS" in config:
            problems.append("configuration %s has /AS" % label(config))
        if "/Order" in config:
            listed = set()

            def collect(array):
                for item in array:
                    if isinstance(item, pikepdf.Array):
                        collect(item)
                    elif isinstance(item, pikepdf.Dictionary):
                        listed.add(item.objgen)
            collect(config.Order)
            if all_ocgs - listed:
                problems.append("configuration %s: Order lacks %d OCGs" % (label(config), len(all_ocgs - listed)))
    if len(names) != len(set(names)):
        problems.append("two configurations share a /Name")
    return problems


@clause("6.10", "no AlternatePresentations, no PresSteps")
def check_presentations(doc):
    problems = []
    if "/AlternatePresentations" in doc.pdf.Root.get("/Names", {}):
        problems.append("the name dictionary has /AlternatePresentations")
    for number, page in enumerate(doc.pdf.pages, 1):
        if "/PresSteps" in page.obj:
            problems.append("page %d has /PresSteps" % number)
    return problems


@clause("6.11", "no Requirements in the catalog")
def check_requirements(doc):
    return ["the catalog has /Requirements"] if "/Requirements" in doc.pdf.Root else []


# ---------------------------------------------------------------- running

def unchecked(doc, what):
    """Something a clause asks that this checker could not verify: shown
    under the clause's line, and the clause is not failed for it (the brief
    asks for the checks "where checkable")."""
    doc.unchecked.append(what)


def check_file(path, quiet=False):
    """Runs every clause on one file; returns the number of failures."""
    try:
        doc = Document(path)
    except Exception as error:
        print("FAIL %s: cannot read it as a PDF (%s)" % (path, error))
        return 1
    counts = {"PASS": 0, "FAIL": 0, "NOT APPLICABLE": 0}
    print("# %s" % path)
    unchecked_total = 0
    for number, title, function in CHECKS:
        doc.unchecked = []
        try:
            result = function(doc)
        except Exception as error:  # a crash in a check must not pass silently
            result = ["the check itself failed: %s: %s" % (type(error).__name__, error)]
        if result is NA:
            status = "NOT APPLICABLE"
        else:
            status = "FAIL" if result else "PASS"
        counts[status] += 1
        unchecked_total += len(doc.unchecked)
        if quiet and status != "FAIL":
            continue
        print("%-14s %s %s" % (status, number, title))
        lines = (result if status == "FAIL" else []) + ["not checked: " + u for u in doc.unchecked]
        for line in lines[:8]:
            print("    " + line)
        if len(lines) > 8:
            print("    (+%d more)" % (len(lines) - 8))
    used = doc.content.fonts
    print("# %s: %d PASS, %d FAIL, %d NOT APPLICABLE, %d things not checked (%d objects, %d content streams, "
          "%d fonts used, %d distinct glyphs compared for widths)"
          % (path, counts["PASS"], counts["FAIL"], counts["NOT APPLICABLE"], unchecked_total, len(doc.objects),
             doc.content.streams, len(used), getattr(doc, "glyphs_compared", 0)))
    return counts["FAIL"]


def main(argv):
    quiet = "--quiet" in argv
    paths = [a for a in argv if a != "--quiet"]
    if not paths:
        print(__doc__.strip())
        return 2
    failures = sum(check_file(path, quiet) for path in paths)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
