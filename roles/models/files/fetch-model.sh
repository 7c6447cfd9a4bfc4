#!/bin/sh
# fetch-model.sh DIR FILENAME URL SHA256 MAX_SECONDS  (drover's models role)
# Downloads URL into DIR/FILENAME.part, resuming a partial file (curl -C -), checks its
# sha256, then moves it to DIR/FILENAME and records the verified sum and size in
# DIR/.verified/FILENAME.sha256, which the role reads to skip verified files without hashing
# gigabytes on every run. A wrong sum removes the download and keeps DIR/FILENAME as it was.
# The last line of the output is what the role reports; "ERROR: ..." means failure.
set -u
dir=$1 name=$2 url=$3 want=$4 max=${5:-0}
file="$dir/$name" part="$dir/$name.part" marks="$dir/.verified"
mkdir -p "$marks" || exit 1
record() { echo "$want $(stat -c %s "$file")" > "$marks/$name.sha256"; }

if [ -f "$file" ] && [ ! -f "$part" ]; then
    # Present but not (or differently) verified, e.g. copied there by hand: check it in place.
    got=$(sha256sum "$file" | cut -d' ' -f1)
    if [ "$got" = "$want" ]; then
        record
        echo "verified $name (it was already there)"
        exit 0
    fi
    echo "$name has sha256 $got, not $want: downloading it again"
fi

from=0
if [ -f "$part" ]; then
    from=$(stat -c %s "$part")
fi
if ! command -v curl >/dev/null 2>&1; then
    echo "ERROR: the models role needs curl on the host (models_packages)"
    exit 1
fi
limit=""
if [ "$max" -gt 0 ] 2>/dev/null; then
    limit="--max-time $max"
fi
# shellcheck disable=SC2086
err=$(curl -fsSL $limit --retry 3 -C - -o "$part" "$url" 2>&1)
rc=$?
if [ $rc -ne 0 ]; then
    echo "ERROR: downloading $name from $url failed (curl exit $rc: $err); the $(stat -c %s "$part" 2>/dev/null || echo 0) bytes received are kept in $part and the next run resumes there"
    exit 1
fi

got=$(sha256sum "$part" | cut -d' ' -f1)
if [ "$got" != "$want" ]; then
    rm -f "$part"
    echo "ERROR: $name from $url has sha256 $got, but group_vars/all/models.yml says $want; the download was removed and $file left as it was: check the url and the sum"
    exit 1
fi
mv -f "$part" "$file" || exit 1
record
if [ "$from" -gt 0 ]; then
    echo "downloaded $name, resumed at byte $from, sha256 verified"
else
    echo "downloaded $name, sha256 verified"
fi
