#!/bin/sh
echo "stamped by make-stamp.sh" > "$1"
echo "made $1"
