#!/usr/bin/env bash
# Lints real third-party Go code that Debian packages as source, to find
# false-positive shapes and crashes outside GOROOT (README.md, "Third-party
# code"). Each library is copied from Debian's Go source directory
# (/usr/share/gocode/src) into a scratch directory with a vendor/ link to
# the rest of it, so that its imports resolve, and linted with every rule
# and no cache.
#
#   scripts/third-party.sh [--more | --third] [OUTDIR]   (default: a fresh temporary directory)
#
# Without an option it lints the nine libraries whose findings README.md
# counts after every round of fixes; --more and --third lint the second
# and third sets, each read once to look for shapes the nine do not have.
#
# Installs the golang-*-dev packages when they are missing and it runs as
# root on Debian. CONCLINT_BIN=path reuses a built binary. Prints, per
# library, the findings by rule; the JSON reports stay in OUTDIR.
set -euo pipefail
cd "$(dirname "$0")/.."

LIBRARIES=(
    "golang-github-hashicorp-raft-dev github.com/hashicorp/raft"
    "golang-github-hashicorp-memberlist-dev github.com/hashicorp/memberlist"
    "golang-github-nats-io-nats-server-dev github.com/nats-io/nats-server"
    "golang-github-shopify-sarama-dev github.com/Shopify/sarama"
    "golang-github-segmentio-kafka-go-dev github.com/segmentio/kafka-go"
    "golang-github-gorilla-websocket-dev github.com/gorilla/websocket"
    "golang-github-syndtr-goleveldb-dev github.com/syndtr/goleveldb"
    "golang-github-prometheus-client-golang-dev github.com/prometheus/client_golang"
    "golang-google-grpc-dev google.golang.org/grpc"
)
MORE_LIBRARIES=(
    "golang-github-hashicorp-yamux-dev github.com/hashicorp/yamux"
    "golang-github-lucas-clemente-quic-go-dev github.com/lucas-clemente/quic-go"
    "golang-github-hashicorp-serf-dev github.com/hashicorp/serf"
    "golang-github-nats-io-go-nats-dev github.com/nats-io/nats.go"
    "golang-github-xtaci-smux-dev github.com/xtaci/smux"
    "golang-github-xtaci-kcp-dev github.com/xtaci/kcp-go"
    "golang-github-eclipse-paho.mqtt.golang-dev github.com/eclipse/paho.mqtt.golang"
    "golang-github-rabbitmq-amqp091-go-dev github.com/rabbitmq/amqp091-go"
    "golang-github-patrickmn-go-cache-dev github.com/patrickmn/go-cache"
)
THIRD_LIBRARIES=(
    "golang-github-dgraph-io-badger-dev github.com/dgraph-io/badger"
    "golang-github-coreos-bbolt-dev go.etcd.io/bbolt"
    "golang-github-dgraph-io-ristretto-dev github.com/dgraph-io/ristretto"
    "golang-github-golang-groupcache-dev github.com/golang/groupcache"
    "golang-github-go-co-op-gocron-dev github.com/go-co-op/gocron"
    "golang-github-karlseguin-ccache-dev github.com/karlseguin/ccache"
    "golang-github-jackc-puddle-dev github.com/jackc/puddle"
    "golang-github-allegro-bigcache-dev github.com/allegro/bigcache"
    "golang-github-moby-pubsub-dev github.com/moby/pubsub"
)
case "${1:-}" in
    --more) LIBRARIES=("${MORE_LIBRARIES[@]}"); shift ;;
    --third) LIBRARIES=("${THIRD_LIBRARIES[@]}"); shift ;;
esac
# Where Debian's golang-*-dev packages install their source; GOCODE=dir overrides.
GOCODE="${GOCODE:-/usr/share/gocode/src}"

missing=()
for entry in "${LIBRARIES[@]}"; do
    read -r package path <<<"$entry"
    [ -d "$GOCODE/$path" ] || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
    else
        echo "scripts/third-party.sh: missing ${missing[*]} (apt-get install them as root)" >&2
        exit 2
    fi
fi

if [ -z "${CONCLINT_BIN:-}" ]; then
    swift build -c release --product conclint
    CONCLINT_BIN="$(swift build -c release --show-bin-path)/conclint"
fi
OUT="${1:-$(mktemp -d)}"
mkdir -p "$OUT"

for entry in "${LIBRARIES[@]}"; do
    read -r _ path <<<"$entry"
    name="$(basename "$path")"
    work="$OUT/src/$name"
    rm -rf "$work"
    mkdir -p "$(dirname "$work")"
    cp -rL "$GOCODE/$path" "$work"
    rm -rf "$work/vendor"
    ln -s "$GOCODE" "$work/vendor"
    # Debian strips some go.mod files; the module path is the import path.
    [ -f "$work/go.mod" ] || printf 'module %s\n\ngo 1.15\n' "$path" >"$work/go.mod"
    start=$(date +%s.%N)
    (cd "$work" && "$CONCLINT_BIN" lint --no-cache --format json --output "$OUT/$name.json" ./... >/dev/null 2>"$OUT/$name.stderr") || true
    end=$(date +%s.%N)
    python3 - "$OUT/$name.json" "$name" "$start" "$end" <<'PY'
import collections, json, sys
doc = json.load(open(sys.argv[1]))
counts = collections.Counter(f["ruleId"] for f in doc["findings"])
seconds = float(sys.argv[4]) - float(sys.argv[3])
rules = ", ".join(f"{k} {v}" for k, v in sorted(counts.items())) or "none"
print(f"{sys.argv[2]}: {len(doc['findings'])} findings in {seconds:.1f} s ({rules})")
PY
done
echo "reports: $OUT"
