#!/bin/sh
date +%s > "$1"
echo "made $1"
