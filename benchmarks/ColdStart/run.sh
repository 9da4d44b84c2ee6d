#!/usr/bin/env bash
# Cold start, process start to first answer, on loopback: ChatGptClient through AddChatGpt vs the official OpenAI SDK.
# Usage: benchmarks/ColdStart/run.sh [runs]   (Release build; alternates the two, reports the median of each)
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-9}
dotnet build -c Release -v q -nologo >/dev/null
dll=bin/Release/net10.0/ColdStart.dll
log=$(mktemp)
dotnet "$dll" serve >"$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -f "$log"' EXIT
for _ in $(seq 1 100); do grep -q listening "$log" && break; sleep 0.1; done
url=$(sed -n 's/^listening //p' "$log")
dotnet "$dll" chatgpt "$url" >/dev/null; dotnet "$dll" openai "$url" >/dev/null   # warm the disk cache
declare -A results
for i in $(seq 1 "$runs"); do
  for mode in chatgpt chatgpt-nowarm openai; do
    line=$(dotnet "$dll" "$mode" "$url")
    results[$mode]+="$(echo "$line" | sed -E 's/first-answer-ms=([0-9]+).*/\1/') "
    [ "$i" = 1 ] && echo "$mode: $line"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
c=$(echo "${results[chatgpt]}" | median); n=$(echo "${results[chatgpt-nowarm]}" | median); o=$(echo "${results[openai]}" | median)
echo "median first answer: ChatGptClient ${c} ms (without the warm-up ${n} ms), OpenAI SDK ${o} ms, ratio $(awk "BEGIN {printf \"%.2f\", $c/$o}") (without the warm-up $(awk "BEGIN {printf \"%.2f\", $n/$o}"))"
