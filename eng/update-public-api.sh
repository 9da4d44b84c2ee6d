#!/usr/bin/env bash
# Records the current public API of the shipped packages in src/*/PublicAPI.Unshipped.txt (see docs/public-api.md):
# new members are added (RS0016), members missing from the code get a *REMOVED* line (RS0017). Review the diff after.
set -euo pipefail
cd "$(dirname "$0")/.."

projects=("$@")
if [ ${#projects[@]} -eq 0 ]; then
  projects=(src/*/*.csproj)
fi

for project in "${projects[@]}"; do
  dir=$(dirname "$project")
  unshipped="$dir/PublicAPI.Unshipped.txt"
  [ -f "$unshipped" ] || printf '#nullable enable\n' > "$unshipped"
  [ -f "$dir/PublicAPI.Shipped.txt" ] || printf '#nullable enable\n' > "$dir/PublicAPI.Shipped.txt"

  # Added or changed members: the analyzer's own code fix writes them.
  dotnet format analyzers "$project" --diagnostics RS0016 --severity warn

  # Removed or changed members: RS0017 has no fix for shipped entries, so its messages become *REMOVED* lines.
  log=$(mktemp)
  dotnet build "$project" --no-incremental -nodeReuse:false -p:TreatWarningsAsErrors=false > "$log" 2>&1 || true
  if grep -q " error CS" "$log"; then
    grep " error CS" "$log" | sort -u >&2
    echo "$project does not compile: fix it first." >&2
    exit 1
  fi
  grep -F "$dir/PublicAPI." "$log" \
    | grep -oP "RS0017: Symbol '\K.*?(?=' is part of the declared API)" \
    | sed 's/^/*REMOVED*/' >> "$unshipped" || true
  rm -f "$log"

  # One entry per line, sorted like the analyzer sorts, the nullable header first.
  body=$(grep -v '^#nullable enable$' "$unshipped" | LC_ALL=C sort -u || true)
  { echo '#nullable enable'; [ -n "$body" ] && echo "$body"; } > "$unshipped"
  echo "$unshipped: $(grep -vc '^#nullable' "$unshipped" || true) entries"
done
