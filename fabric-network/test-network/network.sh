#!/usr/bin/env bash
#
# A real Hyperledger Fabric v2.5 network for the trade, pharma and health business networks, driven the way
# fabric-samples' test-network is: ./network.sh up createChannel, then ./network.sh deployCCAAS per chaincode.
#
# Native mode (the default) runs one Raft orderer and one peer per organization as local processes on
# loopback with TLS, like fabric-samples' test-network-nano-bash. Fabric binaries come from $FABRIC_BIN or
# PATH (peer, orderer, osnadmin, configtxgen, cryptogen) and Fabric's default configuration (core.yaml,
# orderer.yaml) from $FABRIC_CFG_PATH or the release's config/ folder next to bin/.
#
# Run ./network.sh help for the commands and flags.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=scripts/organizations.sh
. "$HERE/scripts/organizations.sh"
# shellcheck source=scripts/fabric.sh
. "$HERE/scripts/fabric.sh"
# shellcheck source=scripts/native.sh
. "$HERE/scripts/native.sh"
# shellcheck source=scripts/channel.sh
. "$HERE/scripts/channel.sh"
# shellcheck source=scripts/deploy-ccaas.sh
. "$HERE/scripts/deploy-ccaas.sh"
# shellcheck source=scripts/docker.sh
. "$HERE/scripts/docker.sh"

usage() {
  cat <<'USAGE'
Usage: ./network.sh <command> [<command> ...] [flags]

Commands
  up              generate crypto material (cryptogen) and start the orderer and one peer per organization
  createChannel   create a channel (-c) or, without -c, the trade, pharma and health channels, and join peers
  deployCCAAS     package, install, approve and commit a chaincode as a service, then start its process
  down            stop every process and delete crypto material, ledgers and logs
  status          show which processes run and the endpoints clients use
  help            this text

Flags
  -m <mode>       native (default) or docker (official Fabric images, compose/compose-test-net.yaml)
  -c <channel>    channel name: trade, pharma or health (createChannel, deployCCAAS)
  -ccn <name>     chaincode name, e.g. trade-finance
  -ccp <path>     chaincode project: a .NET project folder (dotnet) or a Node contract folder (package.json)
  -ccv <version>  chaincode version (default 1.0)
  -ccs <seq>      chaincode definition sequence (default: next one after the committed definition)
  -ccep <policy>  endorsement policy, e.g. "AND('IssuingBankMSP.peer','AdvisingBankMSP.peer')"
  -cccg <file>    collections config JSON file
  -cci <fcn>      transaction to invoke once the chaincode runs (e.g. an initial configuration)
  -cctls          serve the chaincode over mutual TLS (certificate from the organization's TLS CA)
  -ccia <json>    its arguments as a JSON array of strings (default [])
  -verbose        print every Fabric command

Examples
  ./network.sh up createChannel
  ./network.sh deployCCAAS -c trade -ccn trade-finance -ccp ../../chaincode/TradeFinance \
      -ccep "OR('IssuingBankMSP.peer','AdvisingBankMSP.peer','CarrierMSP.peer')" -cccg ../config/collections/trade-finance.json
  FABRIC_TEST_NETWORK=$PWD dotnet test ../../tests/Integration.Tests
USAGE
}

start_network() {
  local running
  running="$(cat "$RUN_DIR/mode" 2>/dev/null || true)"
  [ -z "$running" ] || [ "$running" = "$MODE" ] || fail "the network was started in $running mode; run ./network.sh down first"
  mkdir -p "$RUN_DIR/logs"
  echo "$MODE" > "$RUN_DIR/mode"
  if [ "$MODE" = docker ]; then docker_network_up; else network_up; fi
}

main() {
  local commands=()
  MODE="${FABRIC_MODE:-}"
  CHANNEL=""
  CC_NAME=""
  CC_PATH=""
  CC_VERSION="1.0"
  CC_SEQUENCE=""
  CC_POLICY=""
  CC_COLLECTIONS=""
  CC_INIT_FCN=""
  CC_INIT_ARGS="[]"
  CC_TLS=false
  VERBOSE=false
  while [ $# -gt 0 ]; do
    case "$1" in
      up|down|createChannel|deployCCAAS|status|help) commands+=("$1") ;;
      -m) MODE="$2"; shift ;;
      -c) CHANNEL="$2"; shift ;;
      -ccn) CC_NAME="$2"; shift ;;
      -ccp) CC_PATH="$2"; shift ;;
      -ccv) CC_VERSION="$2"; shift ;;
      -ccs) CC_SEQUENCE="$2"; shift ;;
      -ccep) CC_POLICY="$2"; shift ;;
      -cccg) CC_COLLECTIONS="$2"; shift ;;
      -cci) CC_INIT_FCN="$2"; shift ;;
      -ccia) CC_INIT_ARGS="$2"; shift ;;
      -cctls) CC_TLS=true ;;
      -verbose) VERBOSE=true ;;
      -h|--help) commands+=(help) ;;
      *) fail "unknown argument '$1' (see ./network.sh help)" ;;
    esac
    shift
  done
  [ ${#commands[@]} -gt 0 ] || { usage; exit 1; }

  # The mode chosen at 'up' sticks until 'down'.
  if [ -z "$MODE" ]; then MODE="$(cat "$RUN_DIR/mode" 2>/dev/null || echo native)"; fi
  case "$MODE" in
    native|docker) ;;
    *) fail "unknown mode '$MODE': use native or docker" ;;
  esac

  for command in "${commands[@]}"; do
    case "$command" in
      up) require_fabric && start_network ;;
      down) network_down ;;
      createChannel) require_fabric && create_channels "$CHANNEL" ;;
      deployCCAAS) check_deploy_arguments && require_fabric && deploy_ccaas ;;
      status) network_status ;;
      help) usage ;;
    esac
  done
}

main "$@"
