#!/usr/bin/env bash
# Fetch the Chinese font the PDF documents are rendered with: scripts/fonts.sh
#
# Noto Sans SC Regular (static TrueType with glyf outlines, OFL-1.1) from the npm package
# @expo-google-fonts/noto-sans-sc, pinned by version and by the SHA-256 of the package tarball, into the
# git-ignored .fonts-cache/ (or $INSPECTIONS_FONT_DIR), together with its licence (OFL.txt).
# Idempotent: does nothing when the font is already there with the right SHA-256.
# Why this font and why fetched rather than committed: docs/decisions/0007-pdf-font-and-renderer.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)"
# shellcheck source=scripts/lib.sh
source "$ROOT/scripts/lib.sh"

PACKAGE="@expo-google-fonts/noto-sans-sc"
VERSION="0.4.3"
TARBALL="expo-google-fonts-noto-sans-sc-$VERSION.tgz"
TARBALL_SHA256="0d69d0f4971d2ff574e3d93cbc218dc950bf3f3f8f8e2c008d97687ed53aee59"
FONT_IN_TARBALL="package/400Regular/NotoSansSC_400Regular.ttf"
FONT_FILE="NotoSansSC_400Regular.ttf"
FONT_SHA256="d45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16"
LICENCE_IN_TARBALL="package/LICENSE_FONT"
LICENCE_FILE="OFL.txt"
LICENCE_SHA256="1c05c68c34f9708415aada51f17e1b0092d2cea709bf4a94cd38114f9e73d7d9"

DEST="${INSPECTIONS_FONT_DIR:-$ROOT/.fonts-cache}"

sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

has_file() { # file expected-sha256
  [[ -f "$1" ]] && [[ "$(sha256_of "$1")" == "$2" ]]
}

if has_file "$DEST/$FONT_FILE" "$FONT_SHA256" && has_file "$DEST/$LICENCE_FILE" "$LICENCE_SHA256"; then
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && { _is_root || command -v sudo >/dev/null 2>&1; }; then
    ensure_apt_packages nodejs npm
  fi
  command -v npm >/dev/null 2>&1 ||
    die "npm is needed to fetch the document font ($PACKAGE@$VERSION). Install Node.js and npm (Debian: apt-get install -y nodejs npm) and run scripts/fonts.sh again."
fi

log "Fetching the document font ($PACKAGE@$VERSION, ≈ 57 MB download) into $DEST"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

npm pack --silent --pack-destination "$WORK" "$PACKAGE@$VERSION" >"$WORK/npm.log" 2>&1 || {
  cat "$WORK/npm.log" >&2
  die "npm pack $PACKAGE@$VERSION failed (is the npm registry reachable? proxy settings?)"
}
[[ -f "$WORK/$TARBALL" ]] || die "npm pack did not produce $TARBALL"

actual="$(sha256_of "$WORK/$TARBALL")"
[[ "$actual" == "$TARBALL_SHA256" ]] ||
  die "SHA-256 mismatch for $TARBALL: expected $TARBALL_SHA256, got $actual. Refusing to use it."

tar -xzf "$WORK/$TARBALL" -C "$WORK" "$FONT_IN_TARBALL" "$LICENCE_IN_TARBALL" ||
  die "cannot extract the font from $TARBALL"
has_file "$WORK/$FONT_IN_TARBALL" "$FONT_SHA256" || die "unexpected content of $FONT_IN_TARBALL"
has_file "$WORK/$LICENCE_IN_TARBALL" "$LICENCE_SHA256" || die "unexpected content of $LICENCE_IN_TARBALL"

mkdir -p "$DEST"
# Copy next to the target, then rename: a reader never sees a half-written font.
cp "$WORK/$FONT_IN_TARBALL" "$DEST/.$FONT_FILE.tmp"
mv -f "$DEST/.$FONT_FILE.tmp" "$DEST/$FONT_FILE"
cp "$WORK/$LICENCE_IN_TARBALL" "$DEST/.$LICENCE_FILE.tmp"
mv -f "$DEST/.$LICENCE_FILE.tmp" "$DEST/$LICENCE_FILE"
chmod a+r "$DEST/$FONT_FILE" "$DEST/$LICENCE_FILE"
log "Document font ready: $DEST/$FONT_FILE"
