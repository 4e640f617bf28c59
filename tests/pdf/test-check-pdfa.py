#!/usr/bin/python3
"""check-pdfa.py can fail: deliberately broken copies of a good packet PDF
each fail the clause they break (TAP).

A good PDF is rendered from the zijin fixture and must pass.  Each broken
copy is made with pikepdf (or, for the byte-level clauses, by editing bytes
in place so that every offset stays right).  pikepdf's own writer may break
clauses of its own (qpdf writes no EOL before endstream unless asked), so
an unbroken copy saved the same way is the control: a broken copy must fail
its clause, and the control must not.

Usage: test-check-pdfa.py SHENBAO_TOOL FIXTURES
"""
import os
import sys
import tempfile

try:
    import pikepdf
    from pikepdf import Array, Dictionary, Name, String
except ImportError:
    print("1..0 # SKIP python3-pikepdf is not installed")
    sys.exit(0)

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from pdfa_fixtures import check, render


def save(pdf, path, **options):
    pdf.save(path, fix_metadata_version=False, static_id=True, **options)


def descriptors(pdf):
    return [o for o in pdf.objects if isinstance(o, pikepdf.Dictionary) and o.get("/Type") == "/FontDescriptor"]


def unembed_fonts(pdf):
    for descriptor in descriptors(pdf):
        for key in ("/FontFile", "/FontFile2", "/FontFile3"):
            if key in descriptor:
                del descriptor[key]


def retitle_info(pdf):
    pdf.trailer.Info.Title = String("另一个标题 / another title")


def drop_af(pdf):
    del pdf.Root["/AF"]


def javascript(pdf):
    pdf.Root.OpenAction = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))


def drop_output_intent(pdf):
    del pdf.Root["/OutputIntents"]


def wrong_widths(pdf):
    for font in pdf.objects:
        if isinstance(font, pikepdf.Dictionary) and font.get("/Subtype") == "/CIDFontType0":
            font.W = Array([])
            font.DW = 1234


def pdfaid_part_2(pdf):
    stream = pdf.Root.Metadata
    data = stream.read_bytes()
    assert b"<pdfaid:part>3</pdfaid:part>" in data
    stream.write(data.replace(b"<pdfaid:part>3</pdfaid:part>", b"<pdfaid:part>2</pdfaid:part>"))


def drop_moddate(pdf):
    for spec in pdf.Root.AF:
        del spec.EF.F.Params["/ModDate"]


def drop_uf(pdf):
    for spec in pdf.Root.AF:
        del spec["/UF"]


def interpolated_image(pdf):
    page = pdf.pages[0]
    image = pikepdf.Stream(pdf, b"\x00\xff\x00\xff")
    image.Type, image.Subtype = Name.XObject, Name.Image
    image.Width, image.Height, image.BitsPerComponent = 2, 2, 8
    image.ColorSpace, image.Interpolate = Name.DeviceGray, True
    if "/XObject" not in page.Resources:
        page.Resources.XObject = Dictionary()
    page.Resources.XObject.ImBroken = image
    page.contents_add(pikepdf.Stream(pdf, b"q 20 0 0 20 100 100 cm /ImBroken Do Q"), prepend=False)


def transfer_function(pdf):
    states = pdf.pages[0].Resources.ExtGState
    for key in states.keys():
        states[key].TR = Name.Identity


def unknown_operator(pdf):
    pdf.pages[0].contents_add(pikepdf.Stream(pdf, b"q 1 0 0 1 0 0 cm shenbao Q"), prepend=False)


def hidden_annotation(pdf):
    page = pdf.pages[0]
    link = pdf.make_indirect(Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([10, 10, 50, 50]), F=2,
                                        Border=Array([0, 0, 0]), Dest=Array([page.obj, Name.Fit])))
    page.obj.Annots = Array([link])


def lzw(pdf):
    stream = pikepdf.Stream(pdf, b"")
    stream.write(b"\x80\x0b\x60\x50\x22\x0c\x0c\x85\x01", filter=Name.LZWDecode)  # "-----A---B"
    pdf.Root.ShenbaoBroken = stream


# qpdf would otherwise decode the LZW data and write it again with Flate.
lzw.save_options = {"stream_decode_level": pikepdf.StreamDecodeLevel.none, "compress_streams": False}


# (what is broken, the clause that must fail, how)
OBJECT_BREAKS = [
    ("a font not embedded", "6.2.11.4.1", unembed_fonts),
    ("Info /Title differs from XMP dc:title", "project:Info=XMP", retitle_info),
    ("the catalog has no /AF", "6.8", drop_af),
    ("a file specification without /UF", "6.8", drop_uf),
    ("an embedded file without /Params /ModDate", "6.8", drop_moddate),
    ("a JavaScript action", "6.5", javascript),
    ("no output intent (DeviceRGB used)", "6.2.4.3", drop_output_intent),
    ("widths that disagree with the font program", "6.2.11.5", wrong_widths),
    ("pdfaid:part 2", "6.6.4", pdfaid_part_2),
    ("an image with /Interpolate true", "6.2.8", interpolated_image),
    ("an ExtGState with /TR", "6.2.5", transfer_function),
    ("an operator ISO 32000-1 does not define", "6.2.2", unknown_operator),
    ("a hidden annotation", "6.3", hidden_annotation),
    ("an LZWDecode stream", "6.1.7.2", lzw),
]


def no_eol_before_endstream(data):
    at = data.index(b"\nendstream\n")
    return data[:at] + b"endstream\n\n" + data[at + 11:]


def ascii_header_comment(data):
    end = data.index(b"\n") + 1
    return data[:end] + b"%abcd" + data[end + 5:]


def data_after_eof(data):
    return data + b"% more\n"


BYTE_BREAKS = [
    ("no EOL before an endstream", "6.1.7.1", no_eol_before_endstream),
    ("an ASCII comment after the header", "6.1.2", ascii_header_comment),
    ("data after %%EOF", "6.1.3", data_after_eof),
]


def main():
    tool, fixtures = sys.argv[1], sys.argv[2]
    count = 2 + 1 + len(OBJECT_BREAKS) + len(BYTE_BREAKS)
    print("1..%d" % count)
    with tempfile.TemporaryDirectory() as folder:
        good, problem = render(tool, fixtures, "zijin", False, folder)
        if good is None:
            for number in range(1, count + 1):
                print("not ok %d # %s" % (number, problem))
            return
        status, statuses, output = check(good)
        failed = sorted(c for c, s in statuses.items() if s == "FAIL")
        print("%s 1 the rendered PDF passes (failing: %s)" % ("ok" if status == 0 and not failed else "not ok",
                                                              ", ".join(failed) or "none"))
        if failed:
            for line in output.splitlines():
                print("# " + line)

        control_path = os.path.join(folder, "control.pdf")
        with pikepdf.open(good) as pdf:
            save(pdf, control_path)
        _, control, output = check(control_path)
        control_fails = {c for c, s in control.items() if s == "FAIL"}
        print("ok 2 an unbroken copy saved by pikepdf (the control) fails only: %s"
              % (", ".join(sorted(control_fails)) or "nothing"))

        # (what, clause, broken file, the clauses its unbroken original fails)
        breaks = []
        path = os.path.join(folder, "encrypted.pdf")
        with pikepdf.open(good) as pdf:
            save(pdf, path, encryption=pikepdf.Encryption(owner="shenbao", user="", R=4))
        breaks.append(("encrypted (an /Encrypt in the trailer)", "6.1.3", path, control_fails))
        for what, clause, make in OBJECT_BREAKS:
            path = os.path.join(folder, "broken-%d.pdf" % len(breaks))
            with pikepdf.open(good) as pdf:
                make(pdf)
                save(pdf, path, **getattr(make, "save_options", {}))
            breaks.append((what, clause, path, control_fails))
        with open(good, "rb") as f:
            good_bytes = f.read()
        for what, clause, make in BYTE_BREAKS:
            path = os.path.join(folder, "broken-%d.pdf" % len(breaks))
            with open(path, "wb") as f:
                f.write(make(good_bytes))
            breaks.append((what, clause, path, set(failed)))

        for number, (what, clause, path, baseline) in enumerate(breaks, 3):
            status, statuses, output = check(path)
            result = statuses.get(clause, "no line")
            passed = result == "FAIL" and status == 1 and clause not in baseline
            print("%s %d %s: clause %s %s" % ("ok" if passed else "not ok", number, what, clause, result))
            shown = not passed
            for line in output.splitlines():
                if passed and not line.startswith("    "):
                    shown = line.startswith("FAIL") and line.split()[1] == clause
                if shown:
                    print("# " + line)


if __name__ == "__main__":
    main()
