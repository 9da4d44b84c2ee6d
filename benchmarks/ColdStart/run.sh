#!/usr/bin/env bash
# Cold start, process start to first answer, on loopback: ChatGptClient through AddChatGpt vs the official OpenAI SDK.
# Usage: benchmarks/ColdStart/run.sh [runs]   (Release build; alternates the modes, reports the median of each)
#
# "chatgpt" runs what an app installing the package runs: the package ships a ReadyToRun copy of ChatGptClient.dll
# for linux-x64 (and other runtimes) in runtimes/<rid>/lib/net10.0/, which the host loads instead of the IL one. The
# project reference this benchmark builds against gives the IL assembly, so the script packs ChatGptClient and puts the
# packed linux-x64 assembly in a copy of the output folder. "chatgpt-nowarm" is the same without the start-up warm-up
# (the ChatGpt.DisableStartupWarmUp switch), "chatgpt-il" the IL assembly with it (the before of the precompiled copy).
set -euo pipefail
cd "$(dirname "$0")"
runs=${1:-9}
rid=linux-x64
dotnet build -c Release -v q -nologo >/dev/null
dll=bin/Release/net10.0/ColdStart.dll
work=$(mktemp -d)
dotnet pack ../../src/ChatGptClient/ChatGptClient.csproj -c Release -o "$work/packages" -v q -nologo -p:EnablePackageValidation=false >/dev/null
cp -r bin/Release/net10.0 "$work/packed"
package=$(ls "$work"/packages/ChatGptClient.*[0-9].nupkg)
entry="runtimes/$rid/lib/net10.0/ChatGptClient.dll"
if command -v unzip >/dev/null 2>&1; then
  unzip -o -q -j "$package" "$entry" -d "$work/packed"
else
  python3 -c 'import sys, zipfile; open(sys.argv[3], "wb").write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))' "$package" "$entry" "$work/packed/ChatGptClient.dll"
fi
log="$work/server.log"
dotnet "$dll" serve >"$log" &
server=$!
trap 'kill $server 2>/dev/null || true; rm -rf "$work"' EXIT
for _ in $(seq 1 100); do grep -q listening "$log" && break; sleep 0.1; done
url=$(sed -n 's/^listening //p' "$log")

run() {
  case "$1" in
    chatgpt|chatgpt-nowarm) dotnet "$work/packed/ColdStart.dll" "$1" "$url" ;;
    chatgpt-il) dotnet "$dll" chatgpt "$url" ;;
    *) dotnet "$dll" "$1" "$url" ;;
  esac
}

modes="chatgpt chatgpt-nowarm chatgpt-il openai"
for mode in $modes; do run "$mode" >/dev/null; done   # warm the disk cache
declare -A results
for i in $(seq 1 "$runs"); do
  for mode in $modes; do
    line=$(run "$mode")
    results[$mode]+="$(echo "$line" | sed -E 's/first-answer-ms=([0-9]+).*/\1/') "
    [ "$i" = 1 ] && echo "$mode: $line"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
o=$(echo "${results[openai]}" | median)
for mode in $modes; do
  m=$(echo "${results[$mode]}" | median)
  echo "median first answer: $mode ${m} ms, ratio to the OpenAI SDK $(awk "BEGIN {printf \"%.2f\", $m/$o}")"
done
