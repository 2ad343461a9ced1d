#!/usr/bin/env bash
# Fetches Apache Flink (Table API, SQL planner, Kafka and filesystem connectors, JSON) from Maven
# Central into
#   ${SC_FLINK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/flink-VERSION}/libs
# for the flink-labelled tests, which run exported Flink SQL on a MiniCluster offline
# (tests/flink/). The version and the artifacts are those of tests/flink/pom.xml. A stamp file
# makes a second run return at once; it is rewritten whenever the pom changes.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pom=$here/../tests/flink/pom.xml
version=$(sed -n 's:.*<flink.version>\(.*\)</flink.version>.*:\1:p' "$pom")
if [ -z "$version" ]; then
  echo "fetch-flink.sh: no <flink.version> in $pom" >&2
  exit 1
fi
home=${SC_FLINK_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/flink-$version}
libs=$home/libs
stamp=$libs/.streamcanvas-stamp
want="flink $version pom $(sha256sum "$pom" | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "fetch-flink.sh: Apache Flink $version is already in $libs"
  exit 0
fi
for tool in java mvn; do
  if ! command -v "$tool" >/dev/null; then
    echo "fetch-flink.sh: '$tool' is missing: run 'bash installers/install-deps.sh' as root" >&2
    exit 1
  fi
done

echo "fetch-flink.sh: fetching Apache Flink $version with Maven into $libs"
mkdir -p "$home"
staging=$(mktemp -d "$home/libs.XXXXXX")
trap 'rm -rf "$staging"' EXIT
if ! mvn -B -q -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$staging" -Dmdep.useRepositoryLayout=false; then
  echo "fetch-flink.sh: Maven could not fetch Flink $version (is Maven Central reachable?)" >&2
  exit 1
fi
rm -rf "$(dirname "$pom")/target"
if ! ls "$staging"/flink-table-planner-loader-"$version".jar >/dev/null 2>&1; then
  echo "fetch-flink.sh: flink-table-planner-loader-$version.jar is missing from what Maven copied" >&2
  exit 1
fi
echo "$want" >"$staging/.streamcanvas-stamp"
rm -rf "$libs"
mv "$staging" "$libs"
trap - EXIT
echo "fetch-flink.sh: $(find "$libs" -name '*.jar' | wc -l) jars ($(du -sh "$libs" | cut -f1)) in $libs"
