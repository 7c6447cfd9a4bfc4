#!/bin/sh
# Builds the stand-in release archives of Consul, Nomad and llama.cpp into OUT (see README.md):
#   make-standins.sh OUT CONSUL_VERSION NOMAD_VERSION LLAMA_TAG
# and prints "FILE SHA256" for each. Tests only: these are not the real programs.
set -eu
out=$1 consul_version=$2 nomad_version=$3 llama_tag=$4
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# $1 name, $2 version, $3 template script: the script with its version filled in.
standin() {
  mkdir -p "$work/$1-$2"
  sed "s/@VERSION@/$2/g" "$here/$3" > "$work/$1-$2/$1"
  chmod 0755 "$work/$1-$2/$1"
}

standin consul "$consul_version" consul.sh
(cd "$work/consul-$consul_version" && zip -q -X "$out/consul_${consul_version}_linux_amd64.zip" consul)
standin nomad "$nomad_version" nomad.sh
(cd "$work/nomad-$nomad_version" && zip -q -X "$out/nomad_${nomad_version}_linux_amd64.zip" nomad)

# llama.cpp source: GitHub's archive of a tag holds one folder, llama.cpp-<tag>.
src="$work/llama.cpp-$llama_tag"
mkdir -p "$src/tools"
sed "s/@VERSION@/$llama_tag/g" "$here/llama/CMakeLists.txt" > "$src/CMakeLists.txt"
cp "$here/llama/rpc-server.c" "$here/llama/llama-server.c" "$src/tools/"
tar -C "$work" --owner=0 --group=0 --mtime=@0 -czf "$out/llama.cpp-$llama_tag.tar.gz" "llama.cpp-$llama_tag"

# llama.cpp prebuilt: the release asset's layout, build/bin/<binaries>.
bin="$work/prebuilt/build/bin"
mkdir -p "$bin"
for program in rpc-server llama-server; do
  sed "s/@VERSION@/$llama_tag/g; s/@PROGRAM@/$program/g" "$here/llama/prebuilt.sh" > "$bin/$program"
  chmod 0755 "$bin/$program"
done
(cd "$work/prebuilt" && zip -q -X -r "$out/llama-$llama_tag-bin-ubuntu-x64.zip" build)

cd "$out" && sha256sum -- *.zip *.tar.gz | awk '{ print $2, $1 }'
