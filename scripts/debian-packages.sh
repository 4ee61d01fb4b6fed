#!/bin/sh
# Prints the Debian packages of debian-packages.txt, one a line: the base list, plus the groups named
# as arguments (test, docker). The one reader of that file, for setup.sh and the Dockerfile alike.
set -eu
list=${KAGAZ_PACKAGES_FILE:-$(dirname "$0")/../debian-packages.txt}
sed -e 's/#.*//' "$list" | while read -r first second; do
  [ -n "$first" ] || continue
  case "$first" in
    *:)
      for group in "$@"; do
        if [ "$first" = "$group:" ]; then echo "$second"; fi
      done
      ;;
    *) echo "$first" ;;
  esac
done
