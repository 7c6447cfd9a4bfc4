#!/bin/sh
# STAND-IN @PROGRAM@ of a prebuilt llama.cpp @VERSION@ archive, made by drover's tests: NOT llama.cpp.
case "${1:-}" in
  --version|--help) echo "STAND-IN @PROGRAM@ @VERSION@ (prebuilt stand-in archive), not llama.cpp" ;;
  *) echo "STAND-IN @PROGRAM@: serves nothing" >&2; exit 1 ;;
esac
