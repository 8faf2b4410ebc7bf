#!/usr/bin/env bash
# Runs the load test with the client (and, with --via-rest, the REST gateway it hosts) on one CPU core and the dev
# network (orderer, peers, chaincode processes: the tool's child processes) on the other, as if they ran on hosts of
# their own. Linux only (taskset). Arguments go to the load test unchanged.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release tests/Fabric.LoadTest -v q --nologo > /dev/null
taskset -c 1 dotnet tests/Fabric.LoadTest/bin/Release/net10.0/Fabric.LoadTest.dll "$@" &
tool=$!
descendants() { local p; for p in $(pgrep -P "$1" || true); do echo "$p"; descendants "$p"; done; }
while kill -0 "$tool" 2> /dev/null; do
  for pid in $(descendants "$tool"); do taskset -a -cp 0 "$pid" > /dev/null 2>&1 || true; done
  sleep 0.2
done
wait "$tool"
