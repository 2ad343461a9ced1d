#!/usr/bin/env bash
# Fetches the Apache Kafka broker (KRaft) and its dependencies from Maven Central into
#   ${SC_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/kafka-VERSION}/libs
# for the real-broker test fixture (tests/kafka/kafka-fixture.sh). The version and the artifacts
# are those of installers/kafka/pom.xml. A stamp file makes a second run return at once; it is
# rewritten whenever the pom changes. Needs java and mvn (installers/install-deps.sh installs them).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pom=$here/kafka/pom.xml
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom")
if [ -z "$version" ]; then
  echo "fetch-kafka.sh: no <kafka.version> in $pom" >&2
  exit 1
fi
home=${SC_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/kafka-$version}
libs=$home/libs
stamp=$libs/.streamcanvas-stamp
want="kafka $version pom $(sha256sum "$pom" | cut -d' ' -f1)"

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "fetch-kafka.sh: Apache Kafka $version is already in $libs"
  exit 0
fi

for tool in java mvn; do
  if ! command -v "$tool" >/dev/null; then
    echo "fetch-kafka.sh: '$tool' is missing: run 'bash installers/install-deps.sh' as root" \
      "(it installs openjdk-17-jdk-headless and maven, then calls this script)" >&2
    exit 1
  fi
done

echo "fetch-kafka.sh: fetching Apache Kafka $version (broker jars and dependencies) with Maven into $libs"
mkdir -p "$home"
staging=$(mktemp -d "$home/libs.XXXXXX")
trap 'rm -rf "$staging"' EXIT
# -B: no colours or progress bars in logs; -q: only errors. Maven keeps its download cache in
# ~/.m2, so a refetch after the pom changed downloads only what is new.
if ! mvn -B -q -Dstyle.color=never -f "$pom" dependency:copy-dependencies -DincludeScope=runtime \
  -DoutputDirectory="$staging" -Dmdep.useRepositoryLayout=false; then
  echo "fetch-kafka.sh: Maven could not fetch Kafka $version (is Maven Central reachable?)" >&2
  exit 1
fi
# The Maven project builds nothing; drop the empty target/ folder it may leave beside the pom.
rm -rf "$here/kafka/target"
if ! ls "$staging"/kafka_2.13-"$version".jar >/dev/null 2>&1; then
  echo "fetch-kafka.sh: kafka_2.13-$version.jar is missing from what Maven copied" >&2
  exit 1
fi
echo "$want" >"$staging/.streamcanvas-stamp"
rm -rf "$libs"
mv "$staging" "$libs"
trap - EXIT
echo "fetch-kafka.sh: $(find "$libs" -name '*.jar' | wc -l) jars ($(du -sh "$libs" | cut -f1)) in $libs"
