#!/usr/bin/env bash
# Everything Shenbao needs on Debian 12, to build, run and test.
# Used by the README's first command and by .ci/run.
set -euo pipefail

packages=(
  # build
  meson ninja-build pkg-config gcc gettext
  libglib2.0-dev libglib2.0-dev-bin libgtk-4-dev libadwaita-1-dev libjson-glib-dev
  libgmp-dev libcairo2-dev libpango1.0-dev libqpdf-dev libqrencode-dev libpoppler-glib-dev nettle-dev
  # tables: XLSX written by libxlsxwriter, read with libarchive (zip) and libxml2
  libxlsxwriter-dev libarchive-dev libxml2-dev
  # signatures: CMS, certificates and PKCS#11 tokens (through p11-kit)
  libgnutls28-dev libp11-kit-dev
  # the case register: SQLite by default, PostgreSQL shared (the server for its tests)
  libsqlite3-dev libpq-dev postgresql
  # data validation and packaging checks
  desktop-file-utils appstream shared-mime-info libxml2-utils flatpak-builder python3-jsonschema
  # fonts and the Chinese locale
  fonts-noto-cjk locales
  # tests: display, session bus, accessibility, PDF tools, screenshots
  xvfb xauth dbus dbus-x11 at-spi2-core python3-gi python3-pyatspi gir1.2-atspi-2.0
  gir1.2-gtk-4.0 gir1.2-adw-1 poppler-utils qpdf imagemagick
  # signature tests: a SoftHSM2 token, certificates made by certtool and
  # openssl, and a token behind p11-kit's server and client module (pulled
  # out while signing)
  softhsm2 gnutls-bin openssl p11-kit p11-kit-modules
  # the PDF/A-3b checker (tests/pdf/check-pdfa.py) reads PDFs and their font programs
  python3-pikepdf python3-fonttools
  # the Flatpak test (.ci/flatpak.sh): runtimes from Debian packages,
  # flatpak-builder's eu-strip, the portals, screenshots' window lookup
  flatpak mmdebstrap elfutils xdg-desktop-portal xdg-desktop-portal-gtk x11-utils fonts-dejavu-core
  # fuzzing and sanitizers
  clang libclang-rt-14-dev
)

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done

if [ ${#missing[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${missing[@]}"
fi

# Without a zh_CN locale Pango picks the Japanese face for Chinese text.
if ! locale -a 2>/dev/null | grep -qi '^zh_CN\.utf-\?8$'; then
  sed -i 's/^# *zh_CN.UTF-8 UTF-8/zh_CN.UTF-8 UTF-8/' /etc/locale.gen
  grep -q '^zh_CN.UTF-8 UTF-8' /etc/locale.gen || echo 'zh_CN.UTF-8 UTF-8' >> /etc/locale.gen
  locale-gen
fi
