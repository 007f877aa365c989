#!/usr/bin/env bash
# Import throughput of the price book: every SkyPilot catalog in the seed (AWS, GCP, Azure, Vast),
# imported through the REST API (url=file:…, wait=true) into a fresh database, timed by the import
# runs themselves (startedAt → finishedAt). Rows/s = source rows read / seconds; offers/s likewise.
# Baselines in the same run: the readers alone (parse + normalize, no database), bench/ReadOnly.java;
# and, on MariaDB, MariaDB's own LOAD DATA LOCAL INFILE of the same normalized offers (every row of the
# last round's versions, configurations included, exported from the book) into a copy of price_offer with
# the same indexes: the import's offers/s (rows the versions hold / summed import seconds) against it.
# Then query latency with the full book loaded: bench/OpenLoopLoad.java, against /health/live as
# the server's own floor.
# Usage: bench/pricing-import.sh [mariadb|h2]...   (default: both)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source bin/lib/jdk.sh
inferplan_use_jdk >/dev/null
JAR=pricing-service/target/pricing-service.jar
[[ -f $JAR ]] || ./mvnw -q -DskipTests install -pl pricing-service -am
PORT=${BENCH_PORT:-18082}
WORK=$(mktemp -d)
trap 'kill $PID 2>/dev/null || true; rm -rf "$WORK"' EXIT
bin/suite token --role viewer >/dev/null 2>&1
TOKEN=$(java -cp gateway/target/gateway.jar dev.inferplan.platform.security.TokenCommand token var/jwt --role admin 2>/dev/null \
        || java -cp "$JAR" dev.inferplan.platform.security.TokenCommand token var/jwt --role admin)
SEED=$ROOT/pricing-service/src/main/resources/seed/skypilot
HDR=$HOME/.m2/repository/org/hdrhistogram/HdrHistogram/2.2.2/HdrHistogram-2.2.2.jar
[[ -f $HDR ]] || ./mvnw -q dependency:get -Dartifact=org.hdrhistogram:HdrHistogram:2.2.2
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"

echo "--- baseline: readers only (no database)"
java -cp "$JAR" bench/ReadOnly.java "$SEED"/aws_vms.csv "$SEED"/gcp_vms.csv "$SEED"/azure_vms.csv "$SEED"/vast_vms.csv

for db in "${@:-mariadb h2}"; do
  for target in $db; do
    case $target in
      mariadb) mariadb -h127.0.0.1 -uroot -e 'DROP DATABASE IF EXISTS inferplan_bench; CREATE DATABASE inferplan_bench'
               URL="jdbc:mariadb://127.0.0.1:3306/inferplan_bench${MARIADB_OPTIONS:-}"; USER=root ;;
      h2)      URL="jdbc:h2:file:$WORK/h2/pricing;MODE=MariaDB;DATABASE_TO_LOWER=TRUE"; USER=sa ;;
    esac
    java -Xmx512m -Dserver.port=$PORT -DDB_URL="$URL" -DDB_USER=$USER -DDB_PASSWORD= -Dpricing.seed.enabled=false \
         -Dpricing.imports.allowed-roots="$SEED" \
         -Dmp.jwt.verify.publickey.location="$ROOT/var/jwt/public.pem" \
         -DObjectStoreEnvironmentBean.objectStoreDir="$WORK/narayana" \
         -Dcom.arjuna.ats.arjuna.objectstore.objectStoreDir="$WORK/narayana" \
         -jar "$JAR" >"$WORK/$target.log" 2>&1 &
    PID=$!
    until curl -sf -o /dev/null "http://localhost:$PORT/health/ready"; do sleep 0.5; done
    echo "--- $target"
    # Round 1 warms the JVM (class loading, JIT) under throwaway provider names; the last round is
    # the figure. Every round is printed, with its total: source rows / summed import seconds.
    rounds=${ROUNDS:-2}
    for round in $(seq 1 "$rounds"); do
      suffix=""; (( round < rounds )) && suffix="-warmup$round"
      echo "  round $round of $rounds${suffix:+ (warm-up)}"
      for provider in aws gcp azure vast; do
        file=$(python3 -c 'import urllib.parse,sys; print(urllib.parse.quote(sys.argv[1], safe=""))' "file:$SEED/${provider}_vms.csv")
        curl -s -X POST -H "Authorization: Bearer $TOKEN" -H "Content-Type: text/csv" --data-binary "" \
          "http://localhost:$PORT/api/pricing/imports?format=skypilot&provider=$provider$suffix&mode=lenient&wait=true&url=$file"
        echo
      done | python3 -c '
import json,sys
from datetime import datetime
t=lambda s: datetime.fromisoformat(s.replace("Z","+00:00"))
rows=offers=secs=0
for line in sys.stdin:
    if not line.strip(): continue
    r=json.loads(line)
    s=(t(r["finishedAt"])-t(r["startedAt"])).total_seconds()
    rows+=r["rowsRead"]; offers+=r["offersCreated"]; secs+=s
    print("    %-14s %-9s rows %6d  offers %6d  %6.2f s  %8.0f rows/s  %8.0f offers/s" % (r["provider"], r["status"], r["rowsRead"], r["offersCreated"], s, r["rowsRead"]/s, r["offersCreated"]/s))
print("    %-14s %-9s rows %6d  offers %6d  %6.2f s  %8.0f rows/s  %8.0f offers/s" % ("all four", "", rows, offers, secs, rows/secs, offers/secs))
open(sys.argv[1], "w").write("%f\n" % secs)' "$WORK/import-seconds"
    done
    if [[ $target == mariadb ]]; then
      # The rows the last round's versions hold (what the import wrote, GCP's configurations included).
      DBN=inferplan_bench
      VERSIONS="SELECT id FROM $DBN.price_book_version WHERE superseded_at IS NULL AND provider IN ('aws','gcp','azure','vast')"
      COLS="version_id, provider, region, zone, instance_type, offer_kind, accelerator, accelerator_count,
            accelerator_memory_gib, vcpus, memory_gib, cpu_architecture, purchase_option, hourly_usd,
            per_accelerator_hour_usd, per_vcpu_hour_usd, upfront_usd, source_price, source_currency, source_unit,
            source_line, offer_key, host_offer_kind, host_hourly_usd, attached_hourly_usd"
      # NULL as \N, which LOAD DATA reads as NULL (--raw: no escaping of the backslash)
      EXPORT=$(python3 -c 'import sys; print(", ".join("IFNULL(%s, \x27\\\\N\x27)" % c.strip() for c in sys.argv[1].split(",")))' "$COLS")
      mariadb -h127.0.0.1 -uroot --batch --raw --skip-column-names -e \
        "SELECT $EXPORT FROM $DBN.price_offer WHERE version_id IN ($VERSIONS) ORDER BY id" >"$WORK/offers.tsv"
      loaded=$(wc -l <"$WORK/offers.tsv")
      mariadb -h127.0.0.1 -uroot -e "DROP TABLE IF EXISTS $DBN.price_offer_load; CREATE TABLE $DBN.price_offer_load LIKE $DBN.price_offer"
      started=$(date +%s.%N)
      mariadb -h127.0.0.1 -uroot --local-infile=1 -e \
        "LOAD DATA LOCAL INFILE '$WORK/offers.tsv' INTO TABLE $DBN.price_offer_load ($(tr -d '\n' <<<"$COLS"))"
      ended=$(date +%s.%N)
      in_book=$(mariadb -h127.0.0.1 -uroot -N -e "SELECT SUM(offer_count) FROM $DBN.price_book_version WHERE id IN ($VERSIONS)")
      python3 - "$loaded" "$started" "$ended" "$in_book" "$(cat "$WORK/import-seconds")" <<'PY'
import sys
loaded, started, ended, in_book, import_secs = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
load_secs = ended - started
print("  baseline: LOAD DATA LOCAL INFILE of the same %d offers into the same table and indexes: %.2f s, %.0f offers/s" % (loaded, load_secs, loaded / load_secs))
print("  the import: %d offers in the versions (configurations included) in %.2f s, %.0f offers/s: %.2f x LOAD DATA (target >= 0.8)" % (in_book, import_secs, in_book / import_secs, (in_book / import_secs) / (loaded / load_secs)))
PY
      mariadb -h127.0.0.1 -uroot -e "DROP TABLE $DBN.price_offer_load"
    fi
    echo "  where the time went (the service's own log):"
    grep -ho "version [0-9]* (.*" "$WORK/$target.log" | sed 's/^/    /' || true
    if [[ "${BENCH_QUERIES:-true}" == true ]]; then
      echo "  queries, open loop at ${QPS:-200} req/s for ${SECONDS_PER_QUERY:-30} s (latency from the scheduled send):"
      VIEWER=$(java -cp "$JAR" dev.inferplan.platform.security.TokenCommand token var/jwt --role viewer)
      first=$(curl -s -o /dev/null -w '%{time_total}' -H "Authorization: Bearer $VIEWER" \
              "http://localhost:$PORT/api/pricing/offers/cheapest?purchaseOption=ON_DEMAND")
      echo "  first cheapest-per-accelerator over the full book (not memoized yet): ${first}s"
      for path in "/health/live" "/api/pricing/offers/cheapest?purchaseOption=ON_DEMAND" \
                  "/api/pricing/offers?accelerator=nvidia-h100-80gb&purchaseOption=ON_DEMAND&limit=20"; do
        echo "  GET $path"
        java -cp "$HDR" bench/OpenLoopLoad.java "http://localhost:$PORT$path" "${QPS:-200}" "${SECONDS_PER_QUERY:-30}" "$VIEWER" 5 \
          | sed 's/^/    /'
      done
    fi
    kill $PID; wait $PID 2>/dev/null || true
  done
done
