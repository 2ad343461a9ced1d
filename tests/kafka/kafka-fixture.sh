#!/usr/bin/env bash
# A real single-node Apache Kafka (KRaft, combined broker and controller) for tests.
#
#   kafka-fixture.sh start STATE_DIR   certificates, storage format, broker on free 127.0.0.1 ports;
#                                      returns once the broker answers a metadata request, after
#                                      writing STATE_DIR/kafka.env (KEY=VALUE lines, see below)
#   kafka-fixture.sh stop STATE_DIR    TERM, then KILL after a timeout; removes STATE_DIR
#
# The jars come from installers/fetch-kafka.sh (run by installers/install-deps.sh) in
# ${SC_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/kafka-VERSION}/libs.
# Listeners: PLAINTEXT (no auth); SASL_SSL with PLAIN, SCRAM-SHA-512 and OAUTHBEARER (unsecured
# JWTs); SSL with required client certificates (mTLS); CONTROLLER (the KRaft quorum).
# Every wait is bounded. The JVM runs in its own process group under `timeout`, so it ends after
# SC_REAL_KAFKA_LIFETIME seconds (default 7200) even if nobody calls stop.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
pom=$here/../../installers/kafka/pom.xml
version=$(sed -n 's:.*<kafka.version>\(.*\)</kafka.version>.*:\1:p' "$pom")
kafka_home=${SC_KAFKA_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/streamcanvas/kafka-$version}
libs=$kafka_home/libs
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
ready_timeout=${SC_REAL_KAFKA_READY_TIMEOUT:-120}
lifetime=${SC_REAL_KAFKA_LIFETIME:-7200}

say() { echo "kafka-fixture: $*"; }
fail() {
  echo "kafka-fixture: error: $*" >&2
  exit 1
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }
seconds_since() { awk -v ms=$(($(now_ms) - $1)) 'BEGIN { printf "%.1f", ms / 1000 }'; }

usage() {
  echo "usage: $0 start|stop STATE_DIR" >&2
  exit 2
}

# True while any process of the broker's process group (timeout + java) is alive.
group_alive() { kill -0 -- "-$1" 2>/dev/null; }

# The pid in STATE_DIR/kafka.pid, if it still names this fixture's process group (a recycled pid
# of an unrelated process is never signalled).
broker_pid() {
  local state=$1 pid
  [ -f "$state/kafka.pid" ] || return 1
  pid=$(cat "$state/kafka.pid")
  [[ $pid =~ ^[0-9]+$ ]] || return 1
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$state/" ||
    return 1
  echo "$pid"
}

# TERM the broker's process group, KILL it if it has not gone after 20 s, then remove STATE_DIR.
stop_broker() {
  local state=$1 pid deadline
  if pid=$(broker_pid "$state"); then
    say "stopping the broker (process group $pid)"
    kill -TERM -- "-$pid" 2>/dev/null || true
    deadline=$(($(now_ms) + 20000))
    while group_alive "$pid" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.2; done
    if group_alive "$pid"; then
      say "the broker did not stop within 20 s: killing it"
      kill -KILL -- "-$pid" 2>/dev/null || true
      deadline=$(($(now_ms) + 10000))
      while group_alive "$pid" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.2; done
      group_alive "$pid" && fail "process group $pid survived SIGKILL"
    fi
  fi
  rm -rf "$state"
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Four distinct free loopback ports below Linux's ephemeral range (32768+), so clients' own
# outgoing ports rarely collide with them.
pick_ports() {
  ports=()
  while [ ${#ports[@]} -lt 4 ]; do
    local p=$((20000 + RANDOM % 12000))
    [[ " ${ports[*]} " == *" $p "* ]] && continue
    port_in_use "$p" || ports+=("$p")
  done
}

make_certificates() {
  local dir=$1
  mkdir -p "$dir"
  local ec=(-newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes)
  openssl req -x509 "${ec[@]}" -keyout "$dir/ca.key" -out "$dir/ca.pem" -days 2 \
    -subj "/CN=StreamCanvas test CA" -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
  local name cn ext
  for name in broker client; do
    if [ $name = broker ]; then
      cn=localhost
      ext="subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth"
    else
      cn=streamcanvas-client
      ext="extendedKeyUsage=clientAuth"
    fi
    openssl req "${ec[@]}" -keyout "$dir/$name.key" -out "$dir/$name.csr" -subj "/CN=$cn" \
      2>/dev/null
    printf "basicConstraints=CA:FALSE\n$ext\n" >"$dir/$name.ext"
    openssl x509 -req -in "$dir/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
      -set_serial "0x$(openssl rand -hex 8)" -days 2 -extfile "$dir/$name.ext" \
      -out "$dir/$name.pem" 2>/dev/null
  done
  # Kafka reads a PEM key store as one file: the (unencrypted PKCS#8) key and its certificate.
  cat "$dir/broker.key" "$dir/broker.pem" >"$dir/broker-keystore.pem"
}

write_config() {
  local state=$1 plaintext=$2 sasl_ssl=$3 ssl=$4 controller=$5
  local sasl=listener.name.sasl_ssl
  local oauth=org.apache.kafka.common.security.oauthbearer
  cat >"$state/server.properties" <<EOF
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://127.0.0.1:$plaintext,SASL_SSL://127.0.0.1:$sasl_ssl,SSL://127.0.0.1:$ssl,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$plaintext,SASL_SSL://127.0.0.1:$sasl_ssl,SSL://127.0.0.1:$ssl
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_SSL:SASL_SSL,SSL:SSL,CONTROLLER:PLAINTEXT
inter.broker.listener.name=PLAINTEXT
log.dirs=$state/data

ssl.keystore.type=PEM
ssl.keystore.location=$state/tls/broker-keystore.pem
ssl.truststore.type=PEM
ssl.truststore.location=$state/tls/ca.pem
listener.name.ssl.ssl.client.auth=required

$sasl.sasl.enabled.mechanisms=PLAIN,SCRAM-SHA-512,OAUTHBEARER
$sasl.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required user_$plain_user="$plain_password";
$sasl.scram-sha-512.sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required;
$sasl.oauthbearer.sasl.jaas.config=$oauth.OAuthBearerLoginModule required unsecuredLoginStringClaim_sub="admin";
$sasl.oauthbearer.sasl.server.callback.handler.class=$oauth.internals.unsecured.OAuthBearerUnsecuredValidatorCallbackHandler
$sasl.oauthbearer.sasl.login.callback.handler.class=$oauth.internals.unsecured.OAuthBearerUnsecuredLoginCallbackHandler

# One node: internal topics with one replica (and one partition, so they are created quickly);
# transactions and consumer groups work, and a group's first rebalance does not wait.
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
num.partitions=1
num.network.threads=2
num.io.threads=2
background.threads=2
num.recovery.threads.per.data.dir=1
EOF
}

write_log_config() {
  local state=$1
  cat >"$state/log4j2.properties" <<EOF
status = warn
appender.file.type = File
appender.file.name = file
appender.file.fileName = $state/server.log
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = [%d] %p %m (%c)%n
rootLogger.level = info
rootLogger.appenderRef.file.ref = file
logger.request.name = kafka.request.logger
logger.request.level = warn
EOF
}

java_opts() {
  # By default a small heap, the serial collector and C1 only: the broker starts faster and
  # leaves the other core to the tests, whose throughput does not matter. Benchmarks, where the
  # broker's CPU per message is part of the limit, set SC_KAFKA_JAVA_OPTS to a production JVM
  # (Kafka's own default is "-Xmx1G -Xms1G -XX:+UseG1GC" with the C2 compiler).
  # shellcheck disable=SC2086
  echo ${SC_KAFKA_JAVA_OPTS:--Xms256m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
    -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true "-Dlog4j2.configurationFile=$1/log4j2.properties"
}

start_broker() {
  local state
  mkdir -p "$1"
  state=$(cd "$1" && pwd)
  stop_broker "$state" # whatever a run that was interrupted left there
  rm -f "$state.failed-server.log"
  if [ ! -f "$libs/kafka_2.13-$version.jar" ]; then
    fail "Apache Kafka $version is not installed in $libs: run 'bash installers/install-deps.sh'" \
      "as root (or 'bash installers/fetch-kafka.sh'), or point SC_KAFKA_HOME at a Kafka" \
      "installation with a libs/ folder"
  fi
  command -v "$java" >/dev/null ||
    fail "java is missing: run 'bash installers/install-deps.sh' as root"
  command -v openssl >/dev/null ||
    fail "openssl is missing: run 'bash installers/install-deps.sh' as root"

  mkdir -p "$state"
  # From here on, a failure (or ctest's TERM on a timeout) kills whatever was started and removes
  # the directory. The path is expanded now: when `set -e` ends the script, bash has left this
  # function before the trap runs, and its local `state` is gone.
  # shellcheck disable=SC2064
  trap "on_start_failure $(printf %q "$state")" EXIT
  trap 'exit 143' TERM INT
  local t0
  t0=$(now_ms)

  plain_user=plain-user
  plain_password=$(openssl rand -hex 12)
  scram_user=scram-user
  scram_password=$(openssl rand -hex 12)
  make_certificates "$state/tls"
  write_log_config "$state"

  local cluster_id attempt pid started
  # A cluster id is 16 random bytes, base64url without padding.
  cluster_id=$(head -c 16 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=')
  for attempt in 1 2 3; do
    pick_ports
    write_config "$state" "${ports[@]}"
    if [ "$attempt" = 1 ]; then
      say "formatting the storage in $state/data (Kafka $version, cluster $cluster_id)"
      # shellcheck disable=SC2046
      timeout 60 "$java" $(java_opts "$state") -cp "$libs/*" kafka.tools.StorageTool format \
        --cluster-id="$cluster_id" --config="$state/server.properties" \
        --add-scram "SCRAM-SHA-512=[name=$scram_user,password=\"$scram_password\"]" \
        >"$state/format.log" 2>&1 || {
        cat "$state/format.log" >&2
        fail "formatting the storage failed"
      }
    fi
    say "starting the broker: PLAINTEXT ${ports[0]}, SASL_SSL ${ports[1]}, SSL ${ports[2]}," \
      "CONTROLLER ${ports[3]}"
    started=$(now_ms)
    # Own session and process group (setsid), no terminal and no inherited pipes (ctest waits
    # for its test's pipes to close), and a hard limit on its life (timeout).
    # shellcheck disable=SC2046
    setsid timeout -k 15 "$lifetime" "$java" $(java_opts "$state") -cp "$libs/*" kafka.Kafka \
      "$state/server.properties" </dev/null >"$state/stdout.log" 2>&1 &
    pid=$!
    echo "$pid" >"$state/kafka.pid"
    if wait_ready "$state" "$pid"; then
      break
    fi
    # A broker that exited during start-up gets two more tries on other ports: a port taken
    # meanwhile is one cause; the JVM has also been seen to exit silently right after printing
    # its configuration while the machine was loaded (twice in one session on the 2-core VM).
    if ! group_alive "$pid" && [ "$attempt" -lt 3 ]; then
      if grep -q "Address already in use" "$state/server.log" "$state/stdout.log" 2>/dev/null; then
        say "a port was taken meanwhile: trying other ports"
      else
        say "the broker exited during start-up (attempt $attempt; last output:" \
          "$(tail -n 3 "$state/stdout.log" 2>/dev/null | tr '\n' ' ')): trying again"
      fi
      stop_group "$pid"
      mv "$state/server.log" "$state/server.log.$attempt" 2>/dev/null || true
      continue
    fi
    fail "the broker did not come up (see the log above)"
  done

  cat >"$state/kafka.env.tmp" <<EOF
KAFKA_VERSION=$version
KAFKA_PLAINTEXT=127.0.0.1:${ports[0]}
KAFKA_SASL_SSL=127.0.0.1:${ports[1]}
KAFKA_SSL=127.0.0.1:${ports[2]}
KAFKA_CONTROLLER=127.0.0.1:${ports[3]}
KAFKA_CA=$state/tls/ca.pem
KAFKA_CLIENT_CERT=$state/tls/client.pem
KAFKA_CLIENT_KEY=$state/tls/client.key
KAFKA_PLAIN_USER=$plain_user
KAFKA_PLAIN_PASSWORD=$plain_password
KAFKA_SCRAM_USER=$scram_user
KAFKA_SCRAM_PASSWORD=$scram_password
KAFKA_OAUTHBEARER_PRINCIPAL=admin
KAFKA_LOG=$state/server.log
KAFKA_PID=$pid
KAFKA_JAVA=$(command -v "$java")
KAFKA_LIBS=$libs
EOF
  mv "$state/kafka.env.tmp" "$state/kafka.env"
  trap - EXIT
  say "broker ready in $(seconds_since "$started") s ($(seconds_since "$t0") s with certificates" \
    "and storage format); environment in $state/kafka.env"
}

stop_group() {
  kill -TERM -- "-$1" 2>/dev/null || true
  local deadline=$(($(now_ms) + 20000))
  while group_alive "$1" && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.2; done
  kill -KILL -- "-$1" 2>/dev/null || true
}

# Polls until the broker lists itself in a metadata response on PLAINTEXT and its TLS listeners
# accept connections; gives up when the JVM exits or after $ready_timeout seconds.
wait_ready() {
  local state=$1 pid=$2 deadline
  deadline=$(($(now_ms) + ready_timeout * 1000))
  while [ "$(now_ms)" -lt "$deadline" ]; do
    if ! group_alive "$pid"; then
      say "the broker exited during start-up"
      show_log_errors "$state"
      return 1
    fi
    if port_in_use "${ports[1]}" && port_in_use "${ports[2]}" &&
      timeout 10 kcat -b "127.0.0.1:${ports[0]}" -L -m 5 2>/dev/null | grep -q "1 brokers:"; then
      return 0
    fi
    sleep 0.3
  done
  say "the broker did not answer within $ready_timeout s"
  show_log_errors "$state"
  return 1
}

# The errors of a failed start-up (the log's first lines are a long configuration dump).
show_log_errors() {
  local state=$1
  {
    grep -hE -A3 "ERROR|FATAL|Exception" "$state/server.log" "$state/stdout.log" 2>/dev/null |
      head -n 40 || true
    tail -n 10 "$state/stdout.log" 2>/dev/null || true
  } | sed 's/^/  /' >&2
}

on_start_failure() {
  local state=$1
  if [ -f "$state/server.log" ]; then
    cp "$state/server.log" "$state.failed-server.log"
    say "start failed: the broker's log is kept in $state.failed-server.log"
  fi
  say "stopping what was started and removing $state"
  stop_broker "$state" || true
}

[ $# -eq 2 ] || usage
case $1 in
start)
  command -v kcat >/dev/null || fail "kcat is missing: run 'bash installers/install-deps.sh' as root"
  start_broker "$2"
  ;;
stop)
  if [ -d "$2" ]; then
    stop_broker "$(cd "$2" && pwd)"
    say "stopped; removed $2"
  else
    say "nothing to stop in $2"
  fi
  ;;
*) usage ;;
esac
