#!/usr/bin/env bash
# Prints one of the README's two commands, exactly as written between its markers:
#   installers/readme-command.sh demo   -> the block between <!-- demo-command --> and <!-- /demo-command -->
#   installers/readme-command.sh test   -> the block between <!-- test-command --> and <!-- /test-command -->
# .ci/run and installers/check-fresh-install.sh both run what this prints, so CI, the fresh-install
# check and a person reading the README all run the same text. Optional 2nd argument: README path.
set -euo pipefail
which=${1:-}
case "$which" in
  demo | test) ;;
  *)
    echo "usage: $0 demo|test [README.md]" >&2
    exit 2
    ;;
esac
readme=${2:-"$(dirname "$0")/../README.md"}
cmd=$(sed -n "/^<!-- ${which}-command -->/,/^<!-- \/${which}-command -->/p" "$readme" | grep -v '^<!--' | grep -v '^```' || true)
if [ -z "${cmd//[[:space:]]/}" ]; then
  echo "readme-command.sh: no command between <!-- ${which}-command --> markers in $readme" >&2
  exit 1
fi
printf '%s\n' "$cmd"
