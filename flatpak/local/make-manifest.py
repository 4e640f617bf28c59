#!/usr/bin/env python3
"""Prints the Flathub manifest as .ci/flatpak.sh builds it here.

usage: make-manifest.py [--full] MANIFEST SOURCES SDK PLATFORM BRANCH

Only what cannot be had without Flathub changes: the runtime is the local
one made from Debian packages, each archive is the Debian orig tarball its
first mirror URL names (downloaded into SOURCES once and checked against the
manifest's unchanged sha256), the font files are Debian's copies in
fonts-noto-cjk (the same bytes), and the app is this checkout.

By default the C and C++ libraries the manifest builds as modules (poppler,
poppler-data, qpdf, libqrencode, libxlsxwriter, libpq) are left out: the
local SDK and platform carry Debian 12's builds of the same upstream
releases instead
(flatpak/local/*-packages.txt), because compiling poppler and qpdf on CI's
two cores once took most of an hour (three minutes when measured again).  Their archives are still downloaded and
checked against the manifest's sha256, so a wrong pin fails here too; what
this does not check is that the modules' build options compile - --full
keeps every module, as Flathub builds it (SHENBAO_FLATPAK_FULL=1 in
.ci/flatpak.sh).  Everything else - options, cleanup, finish-args - is the
manifest's own.
"""

import hashlib
import json
import os
import sys
import urllib.request

FONT_DIR = "/usr/share/fonts/opentype/noto"
# Debian ships the font's OFL licence text in its copyright file, not the
# upstream LICENSE file the manifest downloads.
FONT_LICENCE = "/usr/share/doc/fonts-noto-cjk/copyright"
# The manifest's modules that Debian's packages in the local runtimes replace.
DEBIAN_LIBRARIES = {"poppler", "poppler-data", "qpdf", "libqrencode", "libxlsxwriter", "libpq"}


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def debian_file(source, sources_dir):
    url = source["mirror-urls"][0]
    path = os.path.join(sources_dir, os.path.basename(url))
    if not os.path.exists(path):
        partial = path + ".part"
        urllib.request.urlretrieve(url.replace("https://", "http://", 1), partial)
        os.rename(partial, path)
    if sha256(path) != source["sha256"]:
        sys.exit(f"{path}: not the file the manifest pins ({source['sha256']})")
    return path


def local_source(source, sources_dir, checkout):
    kind = source["type"]
    if kind == "dir":
        return dict(source, path=checkout)
    if kind == "archive":
        return {"type": "archive", "path": debian_file(source, sources_dir), "sha256": source["sha256"]}
    if kind == "file":
        name = os.path.basename(source["url"])
        if name == "LICENSE":
            return {"type": "file", "path": FONT_LICENCE, "dest-filename": "LICENSE", "sha256": sha256(FONT_LICENCE)}
        path = os.path.join(FONT_DIR, name)
        if sha256(path) != source["sha256"]:
            sys.exit(f"{path}: not the font file the manifest pins ({source['sha256']})")
        return {"type": "file", "path": path, "sha256": source["sha256"]}
    sys.exit(f"no local copy for a {kind} source")


def main():
    args = sys.argv[1:]
    full = args[:1] == ["--full"]
    if full:
        args = args[1:]
    if len(args) != 5:
        sys.exit(__doc__.strip().splitlines()[2])
    manifest_path, sources_dir, sdk, platform, branch = args
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(manifest_path)))
    with open(manifest_path, encoding="utf-8") as stream:
        manifest = json.load(stream)
    manifest["runtime"] = platform
    manifest["sdk"] = sdk
    manifest["runtime-version"] = branch
    modules = []
    for module in manifest["modules"]:
        # Every pin is checked, the modules built or not.
        module["sources"] = [local_source(source, sources_dir, checkout) for source in module["sources"]]
        if full or module["name"] not in DEBIAN_LIBRARIES:
            modules.append(module)
    missing = DEBIAN_LIBRARIES - {module["name"] for module in manifest["modules"]}
    if missing:
        sys.exit(f"the manifest has no module {', '.join(sorted(missing))} (flatpak/local/make-manifest.py)")
    manifest["modules"] = modules
    json.dump(manifest, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
