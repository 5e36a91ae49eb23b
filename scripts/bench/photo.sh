#!/usr/bin/env bash
# Photo evidence pipeline: the Swift pipeline over libvips (benchmarks/PhotoBench) against
# ImageMagick's convert doing the same work on the same 12-megapixel JPEGs in the same run: decode,
# EXIF auto-orient, a semi-opaque band with four lines of white text, JPEG Q85, thumbnails in 1600 px
# and 400 px boxes, and the SHA-256 of the original and the three outputs. One worker then two
# (processes on both sides, as worker replicas are), each single-threaded inside
# (VIPS_CONCURRENCY=1, MAGICK_THREAD_LIMIT=1). Prints photos/s, CPU milliseconds per photo (what one
# photo costs one core, whatever else the machine runs) and peak RSS.
#
#   bash scripts/bench/photo.sh            # PHOTO_BENCH_COUNT photos (8)
set -euo pipefail

# shellcheck source-path=SCRIPTDIR/..
# shellcheck source=env.sh disable=SC1091
source "$(dirname "$0")/../env.sh"
cd "$FIELDOPS_ROOT"

count=${PHOTO_BENCH_COUNT:-8}
command -v convert >/dev/null || { echo "ImageMagick's convert is missing (scripts/install.sh installs it)" >&2; exit 1; }
if ! swift build -c release --product PhotoBench >/dev/null 2>&1; then
    swift build -c release --product PhotoBench
    exit 1
fi
swift_bench="$(swift build -c release --show-bin-path)/PhotoBench"

work=$(mktemp -d "${TMPDIR:-/tmp}/photo-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/swift" "$work/magick"

# Two sets of 4000×3000 JPEGs, each photo shifted from the set's base so no two are alike:
#   phone — fractal texture with light sensor grain at Q92, 3.7–4.2 MB: what a 12 MP phone camera writes;
#   grain — strong Gaussian noise at Q90, about 8.6 MB: the worst case, entropy decoding on every byte.
# Entropy decoding is paid per compressed byte, so the second set costs both sides more.
make_set() { # name convert-source-arguments… (the last argument is the quality)
    local name=$1
    shift
    mkdir -p "$work/in-$name"
    convert -size 4000x3000 "$@" "$work/base-$name.jpg"
    for i in $(seq "$count"); do
        convert "$work/base-$name.jpg" -roll "+$((i * 331))+$((i * 197))" -quality "${*: -1}" "$work/in-$name/$i.jpg"
    done
}
make_set phone -seed 7 plasma:fractal -blur 0x2 -attenuate 0.25 +noise Gaussian -quality 92
make_set grain gradient:'#2d5a27-#d8c39a' -attenuate 0.6 +noise Gaussian -quality 90

# What PhotoBench stamps, laid out as WatermarkLayoutEngine does for 4000×3000 (band 360 px, font 60 px).
export LINE1="2026-12-04 09:30:00 UTC+01:00 (Europe/Paris)" LINE2="GPS 48.880910, 2.355310 ±8 m"
export LINE3="Gare du Nord · INT-2026-000042" LINE4="Julie Martin · SHA-256 3f2a9c1e0b7d"
magick_one() { # photo output-directory
    local out
    out="$2/$(basename "$1" .jpg)"
    convert "$1" -auto-orient -fill 'rgba(0,0,0,0.6)' -draw 'rectangle 0,2640 3999,2999' \
        -fill white -font DejaVu-Sans-Bold -pointsize 60 -gravity NorthWest \
        -annotate +29+2669 "$LINE1" -annotate +29+2744 "$LINE2" -annotate +29+2819 "$LINE3" -annotate +29+2894 "$LINE4" \
        -quality 85 -write "$out-watermarked.jpg" -thumbnail 1600x1600 -write "$out-1600.jpg" -thumbnail 400x400 "$out-400.jpg"
    sha256sum "$1" "$out-watermarked.jpg" "$out-1600.jpg" "$out-400.jpg" >/dev/null
}
export -f magick_one

now() { date +%s.%N; }
elapsed() { awk -v start="$1" -v end="$(now)" 'BEGIN { printf "%.3f", end - start }'; }
peak_rss_mb() { awk -F': ' '/Maximum resident set size/ && $2 > max { max = $2 } END { printf "%.0f", max / 1024 }' "$@"; }
# PhotoBench's own count: CPU per photo after a warm-up photo, start-up excluded; mean of the workers.
steady_cpu_ms() { awk '/^cpu_ms_per_photo/ { total += $2; n++ } END { printf "%.0f", total / n }' "$@"; }
cpu_seconds() { awk -F': ' '/(User|System) time \(seconds\)/ { total += $2 } END { printf "%.3f", total }' "$@"; }

printf '%-6s %-8s %11s %13s %13s %10s   %11s %13s %10s   %7s\n' photos workers "swift ph/s" "swift CPU ms" "steady CPU ms" "swift RSS" "magick ph/s" "magick CPU ms" "magick RSS" ratio
for set in phone grain; do
for workers in 1 2; do
    rm -rf "$work"/swift/* "$work"/magick/* "$work"/swift.*.time
    # Each worker is a process of its own with its share of the photos, as photo-worker replicas are.
    mapfile -t photos < <(printf '%s\n' "$work/in-$set"/*.jpg)
    start=$(now)
    swift_pids=()
    for ((k = 0; k < workers; k++)); do
        share=()
        for ((i = k; i < ${#photos[@]}; i += workers)); do share+=("${photos[i]}"); done
        mkdir -p "$work/swift/$k"
        VIPS_CONCURRENCY=1 /usr/bin/time -v -o "$work/swift.$k.time" "$swift_bench" 1 "$work/swift/$k" "${share[@]}" >"$work/swift.$k.out" &
        swift_pids+=($!)
    done
    for pid in "${swift_pids[@]}"; do wait "$pid"; done
    swift_seconds=$(elapsed "$start")

    start=$(now)
    # shellcheck disable=SC2016 # $1 and $2 belong to the inner bash
    printf '%s\n' "$work/in-$set"/*.jpg | MAGICK_THREAD_LIMIT=1 /usr/bin/time -v -o "$work/magick.time" \
        xargs -P "$workers" -I{} bash -c 'magick_one "$1" "$2"' _ {} "$work/magick"
    magick_seconds=$(elapsed "$start")

    [[ $(find "$work/swift" -name '*.jpg' | wc -l) == $((3 * count)) ]] || { echo "the Swift side missed outputs" >&2; exit 1; }
    [[ $(find "$work/magick" -name '*.jpg' | wc -l) == $((3 * count)) ]] || { echo "convert missed outputs" >&2; exit 1; }
    awk -v set="$set" -v w="$workers" -v n="$count" -v s="$swift_seconds" -v m="$magick_seconds" \
        -v sc="$(cpu_seconds "$work"/swift.*.time)" -v ss="$(steady_cpu_ms "$work"/swift.*.out)" -v mc="$(cpu_seconds "$work/magick.time")" \
        -v sr="$(peak_rss_mb "$work"/swift.*.time)" -v mr="$(peak_rss_mb "$work/magick.time")" 'BEGIN {
        printf "%-6s %-8d %11.2f %13.0f %13d %7d MB   %11.2f %13.0f %7d MB   %6.2fx\n",
            set, w, n / s, 1000 * sc / n, ss, sr, n / m, 1000 * mc / n, mr, m / s
    }'
done
done
echo "(photos: phone = $(du -ch "$work/in-phone"/*.jpg | tail -1 | cut -f1) in $count files, grain = $(du -ch "$work/in-grain"/*.jpg | tail -1 | cut -f1);"
echo " ratio: photos/s, Swift / convert; CPU ms: user + system per photo, process start-up included;"
echo " steady CPU ms: the Swift process's CPU per photo after a warm-up photo (one convert process per photo has no steady state); RSS: the largest worker process;"
echo " load average: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores)"
