# The organizations and channels of the test network, and where their files and ports are.
# MSP IDs match the embedded dev network (../../config/network.yaml) so that one configuration serves both.

# Organization short name -> peer listen port. Each peer also uses port+1 for chaincode, and
# 9444+index for operations.
PEER_ORGS=(IssuingBank AdvisingBank Carrier Manufacturer Wholesaler Pharmacy HospitalA HospitalB)

declare -A CHANNEL_MEMBERS=(
  [trade]="IssuingBank AdvisingBank Carrier"
  [pharma]="Manufacturer Wholesaler Pharmacy"
  [health]="HospitalA HospitalB"
)
CHANNELS=(trade pharma health)

TEST_NETWORK_DIR="$HERE"
ORGANIZATIONS_DIR="$TEST_NETWORK_DIR/organizations"
RUN_DIR="$TEST_NETWORK_DIR/.run"
ORDERER_ADDRESS="127.0.0.1:7050"
ORDERER_ADMIN_ADDRESS="127.0.0.1:7053"
ORDERER_HOST="orderer.example.com"
ORDERER_DIR="$ORGANIZATIONS_DIR/ordererOrganizations/example.com/orderers/orderer.example.com"
ORDERER_CA="$ORDERER_DIR/tls/ca.crt"

org_index() {
  local i
  for i in "${!PEER_ORGS[@]}"; do
    [ "${PEER_ORGS[$i]}" = "$1" ] && { echo "$i"; return; }
  done
  fail "unknown organization '$1'"
}
org_msp() { echo "${1}MSP"; }
org_domain() { echo "$(echo "$1" | tr '[:upper:]' '[:lower:]').example.com"; }
org_peer_host() { echo "peer0.$(org_domain "$1")"; }
org_peer_port() { echo $((7051 + 1000 * $(org_index "$1"))); }
org_peer_address() { echo "127.0.0.1:$(org_peer_port "$1")"; }
org_peer_dir() { echo "$ORGANIZATIONS_DIR/peerOrganizations/$(org_domain "$1")/peers/$(org_peer_host "$1")"; }
org_tls_ca() { echo "$(org_peer_dir "$1")/tls/ca.crt"; }
org_user_msp() { echo "$ORGANIZATIONS_DIR/peerOrganizations/$(org_domain "$1")/users/${2}@$(org_domain "$1")/msp"; }

channel_members() {
  local members="${CHANNEL_MEMBERS[$1]:-}"
  [ -n "$members" ] || fail "unknown channel '$1': use one of ${CHANNELS[*]}"
  echo "$members"
}

# Runs a peer CLI command as the admin of an organization.
as_admin() {
  local org="$1"; shift
  CORE_PEER_LOCALMSPID="$(org_msp "$org")" \
  CORE_PEER_MSPCONFIGPATH="$(org_user_msp "$org" Admin)" \
  CORE_PEER_ADDRESS="$(org_peer_address "$org")" \
  CORE_PEER_TLS_ENABLED=true \
  CORE_PEER_TLS_ROOTCERT_FILE="$(org_tls_ca "$org")" \
  FABRIC_CFG_PATH="$FABRIC_CONFIG_DIR" \
  FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-WARN}" \
  run "$@"
}
