#!/usr/bin/env bash
# Builds the Flatpak and runs it in its sandbox, without Flathub.
#
# Flathub's GNOME runtime cannot be downloaded here, so the runtime is made
# from Debian 12 packages: one mmdebstrap chroot with the -dev packages
# (flatpak/local/sdk-packages.txt) and one with the libraries
# (flatpak/local/platform-packages.txt), each turned into a Flatpak runtime
# and exported to a local repository.  flatpak/local/make-manifest.py
# turns the Flathub manifest into one that uses these runtimes and the
# Debian orig tarballs of the same releases (the same SHA-256), so the two
# cannot drift apart.  flatpak-builder then builds and installs the app
# for the user, and tests/flatpak/check-sandbox.py runs it sandboxed.
#
# The libraries the Flathub manifest compiles as modules (poppler,
# poppler-data, qpdf, libqrencode, libxlsxwriter, libpq) come here from
# Debian 12's packages in the local runtimes (bookworm's point release: the
# same upstream releases, with Debian's patches; the versions are printed
# below), and
# make-manifest.py leaves those modules out: compiling them made a cold run
# take over an hour once (not reproduced since: on 3 December 2026 they took
# about three minutes on two cores: poppler 1, qpdf 1.5, libpq 0.5), and
# CI has forty minutes for all of .ci/run.  Their sources are still
# downloaded and checked against the manifest's sha256, and the Flathub manifest itself is checked by
# flatpak-builder --show-manifest (meson test flatpak-manifest).  What this
# does not prove is that those modules build with the manifest's options:
# SHENBAO_FLATPAK_FULL=1 builds every module as Flathub does (7.5 minutes
# cold against 5 to 6.5 for the default, on two cores).
#
# usage: .ci/flatpak.sh [HOST-BUILD]  (the host build the sandbox's PDF and
# window are compared with; _build by default)
#
# Downloads, chroots and the repository are kept in $SHENBAO_FLATPAK_CACHE
# (/var/cache/shenbao-flatpak): a warm run rebuilds only the app.  The build
# and its checks' output go to $SHENBAO_FLATPAK_WORK (_build-flatpak).
set -euo pipefail

cd "$(dirname "$0")/.."
root=$(pwd)
cache=${SHENBAO_FLATPAK_CACHE:-/var/cache/shenbao-flatpak}
branch=12
sdk_id=io.github.shenbao.DebianSdk
platform_id=io.github.shenbao.DebianPlatform
remote=shenbao-local
work=${SHENBAO_FLATPAK_WORK:-$root/_build-flatpak}
mkdir -p "$cache/sources" "$cache/chroots" "$cache/runtimes" "$work"

started=$(date +%s)
step () {
  echo "--> $* ($(date +%T), $(( $(date +%s) - started )) s)" >&2
}

# The packages of a list, sorted: what names a chroot in the cache.
packages () {
  sed 's/#.*//' "$1" | tr -s ' \t\n' '\n' | sed '/^$/d' | sort -u
}

# A Debian 12 chroot with the packages of list $1, as $cache/chroots/$2-<hash>.
# Without manual pages and documentation (but with each package's copyright
# file): less to unpack and to commit into the runtime.
make_chroot () {
  local list=$1 name=$2 key dir
  key=$( (packages "$list"; echo "no-recommends locale zh_CN.UTF-8 no-docs") | sha256sum | cut -c1-16)
  dir=$cache/chroots/$name-$key
  if [ ! -d "$dir" ]; then
    step "mmdebstrap $name"
    rm -rf "$dir.tmp"
    mmdebstrap --variant=apt --mode=root --quiet \
      --aptopt='APT::Install-Recommends "false"' \
      --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
      --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
      --include="$(packages "$list" | paste -sd,)" \
      --customize-hook='echo "zh_CN.UTF-8 UTF-8" > "$1/etc/locale.gen"; chroot "$1" sh -c "command -v locale-gen >/dev/null && locale-gen || true"' \
      bookworm "$dir.tmp" http://deb.debian.org/debian >&2
    mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# The runtime $2 from chroot $1: its /usr as files/, its /etc as files/etc.
make_runtime () {
  local chroot=$1 id=$2 dir
  dir=$cache/runtimes/$id-$(basename "$chroot")
  if [ ! -f "$dir/exported" ]; then
    step "runtime $id"
    rm -rf "$dir"
    mkdir -p "$dir/files"
    cp -a "$chroot/usr/." "$dir/files/"
    cp -a "$chroot/etc" "$dir/files/etc"
    # Debian's alternatives point into /etc/alternatives; the runtime's
    # /etc is there in the sandbox, but a link resolved now needs nothing.
    find "$dir/files" -lname '/etc/alternatives/*' -print0 | while IFS= read -r -d '' link; do
      target=$(chroot "$chroot" readlink -f "${link#"$dir/files"}" 2>/dev/null || true)
      [ -n "$target" ] && ln -sf "$target" "$link"
    done
    # What the freedesktop runtime does too: libraries of the app first,
    # fonts of the app and then of the host.
    echo /app/lib > "$dir/files/etc/ld.so.conf.d/00-flatpak-app.conf"
    cat > "$dir/files/etc/fonts/conf.d/10-flatpak.conf" <<'XML'
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <dir>/app/share/fonts</dir>
  <include ignore_missing="yes">/run/host/font-dirs.xml</include>
</fontconfig>
XML
    cat > "$dir/metadata" <<META
[Runtime]
name=$id
runtime=$platform_id/x86_64/$branch
sdk=$sdk_id/x86_64/$branch
META
    flatpak build-export --runtime --files=files "$cache/repo" "$dir" "$branch" >/dev/null
    touch "$dir/exported"
  fi
}

step "runtimes"
sdk_chroot=$(make_chroot flatpak/local/sdk-packages.txt sdk)
platform_chroot=$(make_chroot flatpak/local/platform-packages.txt platform)
make_runtime "$sdk_chroot" "$sdk_id"
make_runtime "$platform_chroot" "$platform_id"
# What stands in for the manifest's library modules (see above).
echo "Debian's libraries for the manifest's modules: $(chroot "$platform_chroot" dpkg-query -W -f '${Package} ${Version}, ' \
  libpoppler-glib8 poppler-data libqpdf29 libqrencode4 libxlsxwriter4 libpq5)" >&2

step "install the runtimes"
flatpak --user remote-add --if-not-exists --no-gpg-verify "$remote" "$cache/repo"
# A remote added by a run with another cache folder points there.
flatpak --user remote-modify --url="file://$cache/repo" "$remote"
flatpak --user install --noninteractive --or-update "$remote" "$sdk_id//$branch" "$platform_id//$branch" >/dev/null

step "build the app"
variant=()
if [ "${SHENBAO_FLATPAK_FULL:-0}" = 1 ]; then
  variant=(--full)
fi
python3 flatpak/local/make-manifest.py "${variant[@]}" flatpak/io.github.shenbao.Shenbao.json "$cache/sources" \
  "$sdk_id" "$platform_id" "$branch" > "$work/io.github.shenbao.Shenbao.json"
echo "modules: $(python3 -c 'import json, sys; print(" ".join(m["name"] for m in json.load(open(sys.argv[1]))["modules"]))' \
  "$work/io.github.shenbao.Shenbao.json")" >&2
flatpak kill io.github.shenbao.Shenbao 2>/dev/null || true
# Each line of the log with its time, so a slow module shows.
timestamped () {
  local line
  while IFS= read -r line; do printf '%(%T)T %s\n' -1 "$line"; done
}
flatpak-builder --user --install --force-clean --state-dir="$cache/builder" \
  "$work/app" "$work/io.github.shenbao.Shenbao.json" 2>&1 | timestamped > "$work/flatpak-builder.log" || {
  tail -40 "$work/flatpak-builder.log" >&2
  exit 1
}
echo "flatpak-builder: $(grep -c '^[0-9:]* \(Starting module\|========\)' "$work/flatpak-builder.log" || true) steps, log in $work/flatpak-builder.log"

# The sandbox checks, as TAP in $work/check-sandbox.tap (.ci/run counts them).
step "check the sandbox"
host_build=${1:-$root/_build}
flatpak kill io.github.shenbao.Shenbao 2>/dev/null || true
checks=0
# The GTK portal backend (the file chooser) serves GNOME sessions.  The
# document portal mounts its files under $XDG_RUNTIME_DIR/doc, and the
# sandbox finds them at /run/user/UID/doc: without a runtime folder it
# mounts them in ~/.cache, where the sandbox cannot see them.
runtime_dir=${XDG_RUNTIME_DIR:-/run/user/$(id -u)}
mkdir -p -m 700 "$runtime_dir"
XDG_RUNTIME_DIR=$runtime_dir XDG_CURRENT_DESKTOP=GNOME xvfb-run -a -s "-screen 0 1280x900x24" dbus-run-session -- \
  /usr/bin/python3 tests/flatpak/check-sandbox.py "$root" "$host_build" "$work" | tee "$work/check-sandbox.tap" || checks=$?
step "done"
exit $checks
