#!/usr/bin/env python3
"""Prints the Flathub manifest as .ci/flatpak.sh builds it here.

usage: make-manifest.py MANIFEST SOURCES SDK PLATFORM BRANCH

Only what cannot be had without Flathub changes: the runtime is the local
one made from Debian packages, each archive is the Debian orig tarball its
first mirror URL names (downloaded into SOURCES once; flatpak-builder checks
it against the manifest's unchanged sha256), the font files are Debian's
copies in fonts-noto-cjk (the same bytes), and the app is this checkout.
Everything else - modules, options, finish-args - is the manifest's own.
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
    manifest_path, sources_dir, sdk, platform, branch = sys.argv[1:6]
    checkout = os.path.dirname(os.path.dirname(os.path.abspath(manifest_path)))
    with open(manifest_path, encoding="utf-8") as stream:
        manifest = json.load(stream)
    manifest["runtime"] = platform
    manifest["sdk"] = sdk
    manifest["runtime-version"] = branch
    for module in manifest["modules"]:
        module["sources"] = [local_source(source, sources_dir, checkout) for source in module["sources"]]
    json.dump(manifest, sys.stdout, indent=2, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
