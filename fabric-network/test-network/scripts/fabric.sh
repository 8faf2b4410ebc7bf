# Finding Fabric's binaries, configuration and chaincode-as-a-service builder; small helpers.

info() { printf '\033[0;34m%s\033[0m\n' "$*"; }
ok() { printf '\033[0;32m%s\033[0m\n' "$*"; }
fail() { printf '\033[0;31mError: %s\033[0m\n' "$*" >&2; exit 1; }

run() {
  if [ "${VERBOSE:-false}" = true ]; then echo "+ $*" >&2; fi
  "$@"
}

FABRIC_VERSION_WANTED="2.5"

# Sets FABRIC_BIN_DIR, FABRIC_CONFIG_DIR and CCAAS_BUILDER_DIR, or explains exactly what is missing.
require_fabric() {
  local missing=() tool dir
  dir="${FABRIC_BIN:-}"
  local tools=(peer orderer osnadmin configtxgen cryptogen)
  # In docker mode the orderer runs from its image; the CLI tools still run here.
  [ "${MODE:-native}" != docker ] || tools=(peer osnadmin configtxgen cryptogen)
  for tool in "${tools[@]}"; do
    if [ -n "$dir" ] && [ -x "$dir/$tool" ]; then continue; fi
    if [ -z "$dir" ] && command -v "$tool" >/dev/null 2>&1; then continue; fi
    missing+=("$tool")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    cat >&2 <<MSG
Error: Fabric binaries not found: ${missing[*]}
This network runs Hyperledger Fabric v${FABRIC_VERSION_WANTED} natively. Either
  - set FABRIC_BIN to the bin/ folder of a Fabric v${FABRIC_VERSION_WANTED} release (it holds peer, orderer, osnadmin,
    configtxgen, cryptogen; its sibling config/ holds core.yaml and orderer.yaml), or
  - put those binaries on PATH, or
  - download Fabric's official release with Fabric's install script (needs internet):
      curl -sSLO https://raw.githubusercontent.com/hyperledger/fabric/main/scripts/install-fabric.sh
      bash install-fabric.sh --fabric-version 2.5.9 binary
      export FABRIC_BIN=\$PWD/bin
Without Fabric, use the embedded dev network instead: dotnet run --project fabric-network/DevNetwork -- up
MSG
    exit 1
  fi
  if [ -n "$dir" ]; then
    FABRIC_BIN_DIR="$(cd "$dir" && pwd)"
  else
    FABRIC_BIN_DIR="$(cd "$(dirname "$(command -v peer)")" && pwd)"
  fi
  export PATH="$FABRIC_BIN_DIR:$PATH"

  FABRIC_CONFIG_DIR="${FABRIC_CFG_PATH:-$FABRIC_BIN_DIR/../config}"
  if [ ! -f "$FABRIC_CONFIG_DIR/core.yaml" ] || { [ "${MODE:-native}" != docker ] && [ ! -f "$FABRIC_CONFIG_DIR/orderer.yaml" ]; }; then
    fail "Fabric's default core.yaml and orderer.yaml not found in $FABRIC_CONFIG_DIR: set FABRIC_CFG_PATH to the config/ folder of the Fabric release"
  fi
  FABRIC_CONFIG_DIR="$(cd "$FABRIC_CONFIG_DIR" && pwd)"

  # Fabric's release ships builders/ccaas; peers built without it use ours (same contract, bash only).
  if [ -x "$FABRIC_BIN_DIR/../builders/ccaas/bin/detect" ]; then
    CCAAS_BUILDER_DIR="$(cd "$FABRIC_BIN_DIR/../builders/ccaas" && pwd)"
  else
    CCAAS_BUILDER_DIR="$TEST_NETWORK_DIR/builders/ccaas"
  fi
}

# Waits until host:port accepts TCP connections.
wait_for_port() {
  local address="$1" name="$2" tries=0
  until (exec 3<>"/dev/tcp/${address%:*}/${address#*:}") 2>/dev/null; do
    tries=$((tries + 1))
    [ $tries -lt 120 ] || fail "$name did not start listening on $address; see its log in $RUN_DIR/logs"
    sleep 0.5
  done
}
