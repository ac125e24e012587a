# Shared by EdgeWatch's scripts: paths, messages, and the versions set-up pins.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
export ROOT

# Everything downloaded at set-up time lives here, outside the repository.
CACHE=${EDGEWATCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/edgewatch}

ORT_VERSION=1.30.0
ORT_TARBALL=onnxruntime-node-$ORT_VERSION.tgz
ORT_TARBALL_URL=https://registry.npmjs.org/onnxruntime-node/-/$ORT_TARBALL
ORT_TARBALL_SHA256=6e3390d6b783e7be946fad629292799da28d0b42f84856e50d2c1b0383291e75

CONFIGURATION=${EDGEWATCH_CONFIGURATION:-Release}
EDGEWATCH_DLL=$ROOT/src/EdgeWatch.Worker/bin/$CONFIGURATION/net10.0/edgewatch.dll

step() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
note() { printf '    %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# linux-x64 or linux-arm64, the names the ONNX Runtime npm package and .NET use.
native_rid() {
  case "$(uname -m)" in
    x86_64 | amd64) echo linux-x64 ;;
    aarch64 | arm64) echo linux-arm64 ;;
    *) die "unsupported architecture $(uname -m): EdgeWatch needs a 64-bit x86 or ARM machine (ONNX Runtime ships no 32-bit ARM build)" ;;
  esac
}

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi
}
