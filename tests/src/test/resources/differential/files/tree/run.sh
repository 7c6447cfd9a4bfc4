#!/bin/sh
echo tree script
