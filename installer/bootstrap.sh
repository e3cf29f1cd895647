#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# One entry point for a fresh machine: installs the missing Debian packages, configures and builds
# Flowdeck, then either starts it ("run") or runs the whole test suite headless ("test").
# Works as root (minimal images have no sudo) or as a user with sudo.
set -euo pipefail

mode=${1:-run}
shift || true
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$here"

# The full dependency set of ../shared/toolchain.md, so later features never touch this list.
packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-svg-dev qt6-networkauth-dev qt6-httpserver-dev qt6-websockets-dev
    qt6-tools-dev qt6-l10n-tools libqt6sql6-sqlite
    libqscintilla2-qt6-dev qtkeychain-qt6-dev libvalijson-dev libgraphviz-dev libyaml-cpp-dev libsimdjson-dev
    xvfb xauth ccache file
    gnome-keyring dbus-daemon # a headless Secret Service for the keychain test
)

as_root() {
    if [ "$(id -u)" -eq 0 ]; then "$@"
    elif command -v sudo >/dev/null 2>&1; then sudo "$@"
    else echo "flowdeck: need root or sudo to install: $*" >&2; exit 1
    fi
}

install_missing() {
    if ! command -v dpkg-query >/dev/null 2>&1; then
        echo "flowdeck: not a Debian-based system; install the packages listed in README.md by hand." >&2
        return
    fi
    local missing=()
    for p in "${packages[@]}"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
    done
    if [ ${#missing[@]} -eq 0 ]; then
        echo "flowdeck: all ${#packages[@]} packages present"
        return
    fi
    echo "flowdeck: installing ${#missing[@]} missing packages: ${missing[*]}"
    as_root apt-get update -q
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
}

build() {
    cmake --preset ci
    cmake --build --preset ci
}

case "$mode" in
run)
    install_missing
    build
    app=build/ci/app/flowdeck
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
        echo "flowdeck: no display found; starting under a virtual X server (xvfb-run)"
        exec xvfb-run -a -s "-screen 0 1600x1000x24" "$app" "$@"
    fi
    exec "$app" "$@"
    ;;
test)
    install_missing
    build
    # GUI tests set QT_QPA_PLATFORM=offscreen themselves; nothing here needs a display.
    ctest --preset ci "$@"
    ;;
*)
    echo "usage: installer/bootstrap.sh run|test [args...]" >&2
    exit 2
    ;;
esac
