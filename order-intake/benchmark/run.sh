#!/usr/bin/env bash
# order-intake benchmark: POSTs unique orders (3 lines each) with wrk at 64 connections to
#   1. the bare endpoint  (validate + map + Avro + acks=all idempotent send; no auth/idempotency/view)
#   2. the real endpoint  (POST /orders: auth, rate limit, idempotency, view lookups, then the same send)
# in one run against one order-intake process, and prints accepted orders/s and p50/p99/p99.9 side by side.
#
# Usage: order-intake/benchmark/run.sh [seconds per measurement, default 30]
# Kafka: $KAFKA_BOOTSTRAP_SERVERS and $SCHEMA_REGISTRY_URL if set (topics are provisioned), else a
# local broker and registry are started on free ports with data in a temporary directory.
# Needs wrk (apt-get install -y wrk) and JDK 25 (JAVA_HOME or /usr/lib/jvm).
# ORDER_INTAKE_JAVA_OPTS: extra JVM options for order-intake (e.g. -XX:StartFlightRecording=...);
# ORDER_INTAKE_GC: its collector (default G1 with a 20 ms pause goal; ParallelGC stopped the service
# for 0.6-2 s in a full collection under load, failing requests).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
HERE="$ROOT/order-intake/benchmark"
SECONDS_PER_RUN="${1:-30}"
WARMUP_SECONDS="${WARMUP_SECONDS:-12}"
WARMUP_ROUNDS="${WARMUP_ROUNDS:-2}"
CONNECTIONS="${CONNECTIONS:-64}"
WRK_THREADS="${WRK_THREADS:-2}"
PORT="${ORDER_INTAKE_PORT:-18080}"
WORK="$(mktemp -d /tmp/order-intake-bench.XXXXXX)"
PIDS=()

cleanup() {
  local status=$?
  if (( status != 0 )) && [[ -s "$WORK/order-intake.log" ]]; then
    echo "benchmark: failed ($status); the end of order-intake's log:" >&2
    tail -40 "$WORK/order-intake.log" >&2
  fi
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "benchmark: needs wrk (apt-get install -y wrk)" >&2; exit 1; }
if [[ -z "${JAVA_HOME:-}" || ! -x "$JAVA_HOME/bin/java" ]]; then
  export JAVA_HOME="$(ls -d /usr/lib/jvm/temurin-25-jdk-amd64 2>/dev/null || true)"
fi

# ORDER_INTAKE_BUILD=0 reuses the last build of this checkout (target/classes and target/bench-classpath.txt),
# so paired runs of two checkouts spend the benchmark lock on measuring, not on Maven.
if [[ "${ORDER_INTAKE_BUILD:-1}" == 0 && -s "$ROOT/order-intake/target/bench-classpath.txt" ]]; then
  cp "$ROOT/order-intake/target/bench-classpath.txt" "$WORK/cp.txt"
else
  echo "benchmark: building order-intake ..." >&2
  (cd "$ROOT" && ./mvnw -B -q -pl order-intake -am install -Dmaven.test.skip=true >"$WORK/build.log" 2>&1 \
    && ./mvnw -B -q -pl order-intake dependency:build-classpath -Dmdep.outputFile="$WORK/cp.txt" \
       -DincludeScope=runtime >>"$WORK/build.log" 2>&1) \
    || { echo "benchmark: the build failed:" >&2; tail -30 "$WORK/build.log" >&2; exit 1; }
  cp "$WORK/cp.txt" "$ROOT/order-intake/target/bench-classpath.txt"
fi

if [[ -z "${KAFKA_BOOTSTRAP_SERVERS:-}" ]]; then
  KPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  RPORT=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  echo "benchmark: starting Kafka on $KPORT and the registry on $RPORT ..." >&2
  "$ROOT/bin/restock" kafka --port "$KPORT" --registry-port "$RPORT" --data-dir "$WORK/data" \
    --log-dir "$WORK/logs" >"$WORK/kafka.log" 2>&1 &
  PIDS+=($!)
  export KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KPORT"
  export SCHEMA_REGISTRY_URL="http://127.0.0.1:$RPORT/apis/ccompat/v7"
  for _ in $(seq 1 120); do
    grep -q "registry" "$WORK/kafka.log" 2>/dev/null && curl -sf "${SCHEMA_REGISTRY_URL}/subjects" >/dev/null && break
    sleep 1
  done
fi
"$ROOT/bin/restock" provision >/dev/null

echo "benchmark: starting order-intake on $PORT ..." >&2
ORDER_INTAKE_PORT="$PORT" ORDER_INTAKE_STATE_DIR="$WORK/state" MICRONAUT_ENVIRONMENTS=bench \
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED --sun-misc-unsafe-memory-access=allow \
  ${ORDER_INTAKE_GC:--XX:+UseG1GC -XX:MaxGCPauseMillis=20} -Xms1g -Xmx1g ${ORDER_INTAKE_JAVA_OPTS:-} \
  -cp "$ROOT/order-intake/target/classes:$(cat "$WORK/cp.txt")" io.restock.orderintake.Application \
  >"$WORK/order-intake.log" 2>&1 &
APP_PID=$!
PIDS+=($APP_PID)
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$PORT/health" 2>/dev/null | grep -q '"status":"UP"' && break
  sleep 1
done
curl -sf "http://127.0.0.1:$PORT/health" | grep -q '"status":"UP"' \
  || { echo "benchmark: order-intake did not become healthy; see its log:" >&2; tail -50 "$WORK/order-intake.log" >&2; exit 1; }

BARE="http://127.0.0.1:$PORT/benchmark/bare-orders"
FULL="http://127.0.0.1:$PORT/orders"
BROKER_PID=$(ss -ltnp "sport = :${KAFKA_BOOTSTRAP_SERVERS##*:}" 2>/dev/null | sed -n 's/.*pid=\([0-9]*\).*/\1/p' | head -1)
cpu_ticks() { [[ -n "$1" && -r /proc/$1/stat ]] && awk '{print $14+$15}' "/proc/$1/stat" || echo 0; }
# CPU of order-intake's JIT compiler threads: still compiling during a measurement means it was not warm.
jit_ticks() {
  cat /proc/"$APP_PID"/task/*/stat 2>/dev/null | grep -E '^[0-9]+ \(C[12] CompilerThre' \
    | sed 's/^.*) //' | awk '{t += $12 + $13} END {print t + 0}'
}
# CPU ticks of order-intake's threads by kind (digits in thread names folded), one "name ticks" per line.
thread_ticks() {
  python3 - "$APP_PID" <<'PY'
import collections, glob, re, sys
ticks = collections.Counter()
for stat in glob.glob(f"/proc/{sys.argv[1]}/task/*/stat"):
    try:
        text = open(stat).read()
    except OSError:
        continue
    name = re.sub(r"[0-9]+", "#", text[text.index("(") + 1:text.rindex(")")]).replace(" ", "_")
    fields = text[text.rindex(")") + 2:].split()
    ticks[name] += int(fields[11]) + int(fields[12])
for name, t in ticks.items():
    print(name, t)
PY
}
# ORDER_INTAKE_THREAD_CPU=<file>: also appends each measurement's CPU µs per order by order-intake thread kind.
thread_report() { # name accepted before-file
  [[ -n "${ORDER_INTAKE_THREAD_CPU:-}" ]] || return 0
  thread_ticks | python3 -c '
import sys
name, accepted, before = sys.argv[1], max(1, int(sys.argv[2])), sys.argv[3]
tck = int(sys.argv[4])
b = dict((l.split()[0], int(l.split()[1])) for l in open(before))
rows = sorted(((int(t) - b.get(n, 0), n) for n, t in (l.split() for l in sys.stdin)), reverse=True)
print(name + ": " + ", ".join(f"{n} {d * 1e6 / tck / accepted:.1f}" for d, n in rows if d > 0))
' "$1" "$2" "$3" "$(getconf CLK_TCK)" >>"$ORDER_INTAKE_THREAD_CPU"
}
# CPU time per accepted order (service and broker) does not depend on what else the machine runs,
# unlike orders/s: it is printed next to the rates so a busy machine's numbers can still be compared.
measure() { # name url seconds [api key]
  local app0 broker0 jit0 out accepted
  [[ -z "${ORDER_INTAKE_THREAD_CPU:-}" ]] || thread_ticks >"$WORK/threads-$1.txt"
  echo "benchmark: $1 from $(date -u +%T.%N | cut -c1-12) for $3 s" >&2
  app0=$(cpu_ticks "$APP_PID"); broker0=$(cpu_ticks "$BROKER_PID"); jit0=$(jit_ticks)
  out=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$3s" --latency -s "$HERE/orders.lua" "$2" -- ${4:-} 2>&1 \
    | grep '^RESULT' | sed "s/^RESULT/$1/")
  accepted=$(sed -n 's/.* accepted=\([0-9]*\).*/\1/p' <<<"$out")
  thread_report "$1" "${accepted:-0}" "$WORK/threads-$1.txt"
  echo "$out app_us_per_order=$(( ($(cpu_ticks "$APP_PID") - app0) * 1000000 / $(getconf CLK_TCK) / (accepted > 0 ? accepted : 1) ))" \
    "broker_us_per_order=$(( ($(cpu_ticks "$BROKER_PID") - broker0) * 1000000 / $(getconf CLK_TCK) / (accepted > 0 ? accepted : 1) ))" \
    "jit_us_per_order=$(( ($(jit_ticks) - jit0) * 1000000 / $(getconf CLK_TCK) / (accepted > 0 ? accepted : 1) ))"
}
# Both endpoints are warmed the same way, in turns: code they share (validation, mapping, Avro, the
# producer) is compiled with both in its profile, so neither measurement pays for the other's recompiles.
echo "benchmark: warming up ($WARMUP_ROUNDS rounds of $WARMUP_SECONDS s per endpoint, in turns) ..." >&2
for _ in $(seq 1 "$WARMUP_ROUNDS"); do
  measure warmup-bare "$BARE" "$WARMUP_SECONDS" >/dev/null
  measure warmup-full "$FULL" "$WARMUP_SECONDS" bench-shop-key >/dev/null
done

# Each measurement starts with order-intake idle: the status view and the follower may still be working off
# the orders of the phase before (full), which would otherwise be counted against the next one (bare).
settle() {
  local t0
  for _ in $(seq 1 30); do
    t0=$(cpu_ticks "$APP_PID"); sleep 1
    (( ($(cpu_ticks "$APP_PID") - t0) * 10 < $(getconf CLK_TCK) )) && return
  done
  echo "benchmark: order-intake still busy after 30 s; measuring anyway" >&2
}
echo "benchmark: measuring ($SECONDS_PER_RUN s each, $CONNECTIONS connections, wrk threads $WRK_THREADS) ..." >&2
settle
bare=$(measure bare "$BARE" "$SECONDS_PER_RUN")
settle
full=$(measure full "$FULL" "$SECONDS_PER_RUN" bench-shop-key)
field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<<"$1"; }
printf '\n%-28s %12s %10s %10s %10s %10s %8s %14s %14s %12s\n' endpoint "accepted/s" "p50 ms" "p99 ms" "p99.9 ms" "max ms" \
  failed "app CPU µs/ord" "broker µs/ord" "of it JIT"
for line in "$bare" "$full"; do
  name=${line%% *}
  label=$([[ $name == bare ]] && echo "bare (ceiling)" || echo "POST /orders (full)")
  printf '%-28s %12s %10s %10s %10s %10s %8s %14s %14s %12s\n' "$label" "$(field "$line" accepted_per_s)" \
    "$(field "$line" p50_ms)" "$(field "$line" p99_ms)" "$(field "$line" p999_ms)" "$(field "$line" max_ms)" \
    "$(field "$line" failed)" "$(field "$line" app_us_per_order)" "$(field "$line" broker_us_per_order)" \
    "$(field "$line" jit_us_per_order)"
done
ratio=$(python3 -c "print(f'{$(field "$full" accepted_per_s)/max(1,$(field "$bare" accepted_per_s))*100:.0f}')")
echo "full / bare: ${ratio}%   (cores: $(nproc), load average before: $(cut -d' ' -f1-3 /proc/loadavg))"
