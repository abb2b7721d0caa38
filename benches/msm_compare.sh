#!/usr/bin/env bash
# G1 MSM on BN254: masa-zk (ours) vs arkworks VariableBaseMSM vs gnark-crypto MultiExp.
#
#   benches/msm_compare.sh [reps] [log2 sizes...]     default: 7 reps, 12 14 16 18 20
#
# Builds native/examples/msm_bench (release profile: fat LTO, target-cpu=native) and
# benches/gnark (Go, GOMAXPROCS=2), starts both as servers holding 2^20 random inputs,
# then for every rep and size runs ours, arkworks, gnark back to back (interleaved, so
# load from other processes hits all three alike) and prints medians and ratios.
# The Rust side checks ours == arkworks on every call. Each call also reports the CPU
# time of all its process's threads: with other jobs on the machine, wall time mostly
# measures the scheduler, CPU time the work.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
reps="${1:-7}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(12 14 16 18 20)

echo "building..." >&2
(cd "$root/native" && cargo build -q --release --example msm_bench)
(cd "$root/benches/gnark" && go build -o gnark-msm .)

tmp="$(mktemp -d)"
trap 'exec 3>&- 4<&- 5>&- 6<&- 2>/dev/null; kill $rs_pid $go_pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
mkfifo "$tmp/rs_in" "$tmp/rs_out" "$tmp/go_in" "$tmp/go_out"
"$root/native/target/release/examples/msm_bench" --serve <"$tmp/rs_in" >"$tmp/rs_out" &
rs_pid=$!
GOMAXPROCS=2 "$root/benches/gnark/gnark-msm" -serve <"$tmp/go_in" >"$tmp/go_out" &
go_pid=$!
exec 3>"$tmp/rs_in" 4<"$tmp/rs_out" 5>"$tmp/go_in" 6<"$tmp/go_out"
read -r ready <&4
read -r ready <&6
echo "generating inputs done; reps=$reps sizes=${sizes[*]}" >&2

declare -A T_OURS T_ARK T_GNARK C_OURS C_ARK C_GNARK
for s in "${sizes[@]}"; do # warm-up
    echo "$s" >&3; read -r _ <&4
    echo "$s" >&5; read -r _ <&6
done
for ((r = 0; r < reps; r++)); do
    for s in "${sizes[@]}"; do
        echo "$s" >&3; read -r o a co ca <&4
        echo "$s" >&5; read -r g cg <&6
        T_OURS[$s]+="$o "; T_ARK[$s]+="$a "; T_GNARK[$s]+="$g "
        C_OURS[$s]+="$co "; C_ARK[$s]+="$ca "; C_GNARK[$s]+="$cg "
        echo "rep $r 2^$s wall/cpu ms: ours $o/$co ark $a/$ca gnark $g/$cg" >&2
    done
done

median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print (NR%2 ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2)}'; }
table() { # $1: title, $2..$4: names of the ours/ark/gnark arrays
    local -n O=$2 A=$3 G=$4
    echo "$1 (median of $reps; ratio < 1: ours faster)"
    printf "%-6s %10s %12s %10s %10s %11s\n" log2n ours_ms arkworks_ms gnark_ms ours/ark ours/gnark
    for s in "${sizes[@]}"; do
        o=$(echo "${O[$s]}" | median)
        a=$(echo "${A[$s]}" | median)
        g=$(echo "${G[$s]}" | median)
        awk -v s="$s" -v o="$o" -v a="$a" -v g="$g" \
            'BEGIN {printf "%-6s %10.2f %12.2f %10.2f %10.3f %11.3f\n", s, o, a, g, o/a, o/g}'
    done
}
table "wall-clock time" T_OURS T_ARK T_GNARK
echo
table "CPU time, all threads" C_OURS C_ARK C_GNARK
