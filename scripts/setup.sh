#!/usr/bin/env bash
# Installs Kagaz on a Debian machine (run as root) and then serves it or tests it.
#   scripts/setup.sh serve   install the Debian packages, the .venv and the package; run on :8000
#   scripts/setup.sh test    the same, plus the test tools; run the linter and the whole test suite
#   scripts/setup.sh install only install (what the other two do first)
set -euo pipefail
cd "$(dirname "$0")/.."
mode=${1:-serve}
shift || true

case "$mode" in
  serve|install) groups="" ;;
  test) groups="test" ;;
  *) echo "usage: $0 serve|test|install" >&2; exit 64 ;;
esac

# 1. Debian packages: only what is missing, so a second run costs nothing.
# shellcheck disable=SC2086
wanted=$(sh scripts/debian-packages.sh $groups)
missing=""
# A package counts as there when installed, or provided by one that is (NodeSource's nodejs provides npm).
provided=$(dpkg-query -W -f='${db:Status-Abbrev} ${Provides}\n' 2>/dev/null | awk '$1 == "ii" { $1 = ""; print }' \
  | tr ',' '\n' | sed -e 's/([^)]*)//g' -e 's/^ *//' -e 's/ *$//')
for package in $wanted; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || printf '%s\n' "$provided" | grep -qx "$package" || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "kagaz setup: installing Debian packages:$missing"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # shellcheck disable=SC2086
  apt-get install -y -qq --no-install-recommends $missing
fi

# 2. The virtual environment and the package (editable, so templates_docx/ and samples/ are found here).
python=${KAGAZ_PYTHON:-python3}
[ -x .venv/bin/python ] || "$python" -m venv .venv
extras=""
[ "$mode" = test ] && extras="[test]"
stamp=".venv/.kagaz-installed"
want_stamp="$(sha256sum pyproject.toml | cut -c1-64)$extras"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want_stamp" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".$extras"
  echo "$want_stamp" > "$stamp"
fi

# 3. The tests' npm packages (axe-core, for the accessibility checks), exactly as locked.
if [ "$mode" = test ] && [ ! -f tests/axe/node_modules/axe-core/axe.min.js ]; then
  npm ci --prefix tests/axe --no-audit --no-fund --silent
fi

case "$mode" in
  install) echo "kagaz setup: installed. Run: .venv/bin/kagaz serve" ;;
  serve) exec .venv/bin/kagaz serve "$@" ;;
  test)
    .venv/bin/ruff check .
    exec .venv/bin/python -m pytest "$@"
    ;;
esac
