#!/usr/bin/env bash
# Compares the benchmarks of two commits (issue 17: "no figure may get worse by more than 5 %").
#
#   tests/bench/compare.sh OLD NEW [--only a,b] [--short a,b] [--args 'name=--opt value'] [--timeout SECONDS]
#
# Checks both commits out in throwaway worktrees under /tmp (node_modules hard-linked from this checkout with
# `cp -al`: no install), then runs each benchmark that exists at both commits (tests/bench/<name>.ts, as `npm run
# bench -- <name>` runs it, with its default options unless --args gives others) back to back: old, new, old, new
# for the short ones (--short, default below), old, new for the rest. Prints one JSON line per benchmark: each
# side's wall and CPU seconds (user + system, the benchmark's child processes and threads included) per run and the
# best of them, the % change of the best (positive: the new commit took longer), and every numeric figure the
# benchmark printed at both commits with its % change (whether higher or lower is better depends on the figure).
# A benchmark missing at one commit, or printing no JSON (a helper module), is skipped with a line saying why.
# The worktrees are removed at the end, also on failure or Ctrl-C. Run it on a quiet machine: timings follow the load.
set -euo pipefail

usage() {
  sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}
[[ $# -ge 2 ]] || usage
old_ref=$1 new_ref=$2
shift 2
only='' timeout_s=3600
short='ipc,templates-measure,inbox-search,email,insights,webhooks'
declare -A bench_args=()
while [[ $# -gt 0 ]]; do
  case $1 in
    --only) only=$2; shift 2 ;;
    --short) short=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --args) bench_args[${2%%=*}]=${2#*=}; shift 2 ;;
    *) usage ;;
  esac
done

root=$(git rev-parse --show-toplevel)
old=$(git -C "$root" rev-parse --verify "$old_ref^{commit}")
new=$(git -C "$root" rev-parse --verify "$new_ref^{commit}")
work=$(mktemp -d /tmp/bench-compare.XXXXXX)

cleanup() {
  for side in old new; do
    [[ -d $work/$side ]] && git -C "$root" worktree remove --force "$work/$side" >/dev/null 2>&1 || true
  done
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

for side in old new; do
  commit=$old
  [[ $side == new ]] && commit=$new
  git -C "$root" worktree add --detach "$work/$side" "$commit" >/dev/null 2>&1
  cp -al "$root/node_modules" "$work/$side/node_modules"
done
echo "{\"old\":\"$old\",\"new\":\"$new\",\"cores\":$(nproc),\"load1m\":$(cut -d' ' -f1 /proc/loadavg)}"
if ! git -C "$root" diff --quiet "$old" "$new" -- package-lock.json; then
  echo "{\"note\":\"package-lock.json differs between the commits: both run on this checkout's node_modules\"}"
fi

# A benchmark is a tests/bench/*.ts that run.ts would run and that prints a JSON line (not a helper module).
benchmarks() {
  for f in "$1"/tests/bench/*.ts; do
    n=$(basename "$f" .ts)
    [[ $n == run || $n == _* ]] && continue
    echo "$n"
  done
}
is_benchmark() { grep -qE 'console\.log\(|process\.stdout\.write\(' "$1/tests/bench/$2.ts"; }

# One run: stdout (the benchmark's JSON lines) and "wall user system" seconds into $work/<label>.{out,time}.
run_one() {
  local side=$1 name=$2 label=$3
  # shellcheck disable=SC2086 # the benchmark's options are words on purpose
  (cd "$work/$side" && timeout "$timeout_s" /usr/bin/time -f '%e %U %S' -o "$work/$label.time" \
    node --import tsx "tests/bench/$name.ts" ${bench_args[$name]:-} >"$work/$label.out" 2>"$work/$label.err")
}

# Figures of the runs as one JSON line (node, since the figures are JSON).
report() {
  node - "$work" "$@" <<'EOF'
const { readFileSync, existsSync } = require('node:fs');
const [work, name, args, ...labels] = process.argv.slice(2);
const numbers = (value, path, into) => {
  if (typeof value === 'number' && Number.isFinite(value)) into[path] = value;
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) numbers(v, path ? `${path}.${k}` : k, into);
  return into;
};
const side = (prefix) => {
  const runs = labels.filter((l) => l.startsWith(prefix)).map((l) => {
    const [wall, user, sys] = readFileSync(`${work}/${l}.time`, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    const lines = readFileSync(`${work}/${l}.out`, 'utf8').split('\n').filter((s) => s.startsWith('{'));
    const figures = {};
    lines.forEach((line, i) => {
      const j = JSON.parse(line);
      const tag = j.part ?? j.bench ?? j.benchmark ?? j.shape ?? (lines.length > 1 ? String(i) : '');
      numbers(j, lines.length > 1 ? String(tag) : '', figures);
    });
    return { wallS: wall, cpuS: Math.round((user + sys) * 100) / 100, figures };
  });
  const mean = {};
  for (const k of Object.keys(runs[0].figures))
    if (runs.every((r) => k in r.figures)) mean[k] = runs.reduce((a, r) => a + r.figures[k], 0) / runs.length;
  return {
    wallS: runs.map((r) => r.wallS),
    cpuS: runs.map((r) => r.cpuS),
    bestWallS: Math.min(...runs.map((r) => r.wallS)),
    bestCpuS: Math.min(...runs.map((r) => r.cpuS)),
    figures: mean,
  };
};
const pct = (a, b) => (a === 0 ? (b === 0 ? 0 : null) : Math.round(((b - a) / Math.abs(a)) * 1000) / 10);
const o = side('old'), n = side('new');
const figures = {};
for (const k of Object.keys(o.figures))
  if (k in n.figures) figures[k] = { old: o.figures[k], new: n.figures[k], changePct: pct(o.figures[k], n.figures[k]) };
console.log(JSON.stringify({
  benchmark: name,
  args,
  old: { wallS: o.wallS, cpuS: o.cpuS },
  new: { wallS: n.wallS, cpuS: n.cpuS },
  wallChangePct: pct(o.bestWallS, n.bestWallS),
  cpuChangePct: pct(o.bestCpuS, n.bestCpuS),
  figures,
}));
EOF
}

skip() { echo "{\"benchmark\":\"$1\",\"skipped\":\"$2\"}"; }

for name in $( (benchmarks "$work/old" && benchmarks "$work/new") | sort -u); do
  [[ -n $only && ,$only, != *,$name,* ]] && continue
  [[ -f $work/old/tests/bench/$name.ts ]] || { skip "$name" "not at the old commit ${old:0:7}"; continue; }
  [[ -f $work/new/tests/bench/$name.ts ]] || { skip "$name" "not at the new commit ${new:0:7}"; continue; }
  is_benchmark "$work/old" "$name" && is_benchmark "$work/new" "$name" ||
    { skip "$name" "prints no figures (a helper module, not a benchmark)"; continue; }
  rounds=1
  [[ ,$short, == *,$name,* ]] && rounds=2
  labels=()
  failed=''
  for ((r = 1; r <= rounds; r++)); do
    for side in old new; do
      label="$side-$name-$r"
      if ! run_one "$side" "$name" "$label"; then
        failed="$side run $r failed: $(tail -c 300 "$work/$label.err" | tr '\n"\\' '  /')"
        break 2
      fi
      labels+=("$label")
    done
  done
  if [[ -n $failed ]]; then skip "$name" "$failed"; else report "$name" "${bench_args[$name]:-}" "${labels[@]}"; fi
done
