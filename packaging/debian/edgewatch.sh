#!/bin/sh
# /usr/bin/edgewatch: the EdgeWatch daemon and tools, a framework-dependent .NET application run by the .NET runtime.
# Paths are taken relative to this script, so a package unpacked elsewhere (dpkg-deb -x) runs from where it lies.
set -eu
self=$(readlink -f "$0")
prefix=$(dirname "$(dirname "$self")")
export EDGEWATCH_MODEL_DIR="${EDGEWATCH_MODEL_DIR:-$prefix/share/edgewatch/models}"
dotnet="${DOTNET_ROOT:+$DOTNET_ROOT/dotnet}"
if [ -z "$dotnet" ] || [ ! -x "$dotnet" ]; then
  dotnet=$(command -v dotnet || true)
fi
if [ -z "$dotnet" ]; then
  echo "edgewatch: the .NET 10 runtime (dotnet) is not installed: see /usr/share/doc/edgewatch/install.md.gz" >&2
  exit 69
fi
exec "$dotnet" "$prefix/lib/edgewatch/edgewatch.dll" "$@"
