#!/bin/sh
# Prints its arguments and working directory; exits 3 when asked to fail.
if [ "$1" = "--fail" ]; then
    echo "failing on purpose" >&2
    exit 3
fi
i=1
for a in "$@"; do
    echo "arg $i = $a"
    i=$((i + 1))
done
echo "cwd = $(pwd)"
