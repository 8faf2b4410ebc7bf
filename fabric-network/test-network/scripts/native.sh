# Native mode: Fabric's orderer and peers as local processes (pids and logs under .run/).

start_process() {
  local name="$1"; shift
  mkdir -p "$RUN_DIR/logs" "$RUN_DIR/pids"
  if [ -f "$RUN_DIR/pids/$name.pid" ] && kill -0 "$(cat "$RUN_DIR/pids/$name.pid")" 2>/dev/null; then
    info "$name already running (pid $(cat "$RUN_DIR/pids/$name.pid"))"
    return
  fi
  # setsid: the process outlives this script and can be stopped as a group by 'down'.
  setsid "$@" >"$RUN_DIR/logs/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/pids/$name.pid"
}

stop_processes() {
  local pidfile pid
  [ -d "$RUN_DIR/pids" ] || return 0
  for pidfile in "$RUN_DIR"/pids/*.pid; do
    [ -e "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

generate_crypto() {
  if [ -d "$ORGANIZATIONS_DIR/peerOrganizations" ]; then
    info "Reusing crypto material in $ORGANIZATIONS_DIR"
    return
  fi
  info "Generating crypto material with cryptogen"
  run cryptogen generate --config="$TEST_NETWORK_DIR/config/crypto-config.yaml" --output="$ORGANIZATIONS_DIR" >/dev/null
}

start_orderer() {
  info "Starting orderer $ORDERER_HOST on $ORDERER_ADDRESS (admin $ORDERER_ADMIN_ADDRESS)"
  mkdir -p "$RUN_DIR/data/orderer"
  start_process orderer env \
    FABRIC_CFG_PATH="$FABRIC_CONFIG_DIR" \
    FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-INFO}" \
    ORDERER_GENERAL_LISTENADDRESS=127.0.0.1 \
    ORDERER_GENERAL_LISTENPORT=7050 \
    ORDERER_GENERAL_LOCALMSPID=OrdererMSP \
    ORDERER_GENERAL_LOCALMSPDIR="$ORDERER_DIR/msp" \
    ORDERER_GENERAL_TLS_ENABLED=true \
    ORDERER_GENERAL_TLS_PRIVATEKEY="$ORDERER_DIR/tls/server.key" \
    ORDERER_GENERAL_TLS_CERTIFICATE="$ORDERER_DIR/tls/server.crt" \
    ORDERER_GENERAL_TLS_ROOTCAS="[$ORDERER_DIR/tls/ca.crt]" \
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE="$ORDERER_DIR/tls/server.crt" \
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY="$ORDERER_DIR/tls/server.key" \
    ORDERER_GENERAL_CLUSTER_ROOTCAS="[$ORDERER_DIR/tls/ca.crt]" \
    ORDERER_GENERAL_BOOTSTRAPMETHOD=none \
    ORDERER_CHANNELPARTICIPATION_ENABLED=true \
    ORDERER_FILELEDGER_LOCATION="$RUN_DIR/data/orderer" \
    ORDERER_CONSENSUS_WALDIR="$RUN_DIR/data/orderer/etcdraft/wal" \
    ORDERER_CONSENSUS_SNAPDIR="$RUN_DIR/data/orderer/etcdraft/snapshot" \
    ORDERER_OPERATIONS_LISTENADDRESS=127.0.0.1:9443 \
    ORDERER_ADMIN_LISTENADDRESS="$ORDERER_ADMIN_ADDRESS" \
    ORDERER_ADMIN_TLS_ENABLED=true \
    ORDERER_ADMIN_TLS_PRIVATEKEY="$ORDERER_DIR/tls/server.key" \
    ORDERER_ADMIN_TLS_CERTIFICATE="$ORDERER_DIR/tls/server.crt" \
    ORDERER_ADMIN_TLS_ROOTCAS="[$ORDERER_DIR/tls/ca.crt]" \
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true \
    ORDERER_ADMIN_TLS_CLIENTROOTCAS="[$ORDERER_DIR/tls/ca.crt]" \
    "$FABRIC_BIN_DIR/orderer"
  wait_for_port "$ORDERER_ADDRESS" orderer
}

start_peer() {
  local org="$1" port index peer_dir
  port="$(org_peer_port "$org")"
  index="$(org_index "$org")"
  peer_dir="$(org_peer_dir "$org")"
  info "Starting $(org_peer_host "$org") ($(org_msp "$org")) on 127.0.0.1:$port"
  mkdir -p "$RUN_DIR/data/$(org_peer_host "$org")"
  start_process "$(org_peer_host "$org")" env \
    FABRIC_CFG_PATH="$FABRIC_CONFIG_DIR" \
    FABRIC_LOGGING_SPEC="${FABRIC_LOGGING_SPEC:-INFO}" \
    CORE_PEER_ID="$(org_peer_host "$org")" \
    CORE_PEER_ADDRESS="127.0.0.1:$port" \
    CORE_PEER_LISTENADDRESS="127.0.0.1:$port" \
    CORE_PEER_CHAINCODEADDRESS="127.0.0.1:$((port + 1))" \
    CORE_PEER_CHAINCODELISTENADDRESS="127.0.0.1:$((port + 1))" \
    CORE_PEER_GOSSIP_BOOTSTRAP="127.0.0.1:$port" \
    CORE_PEER_GOSSIP_EXTERNALENDPOINT="127.0.0.1:$port" \
    CORE_PEER_LOCALMSPID="$(org_msp "$org")" \
    CORE_PEER_MSPCONFIGPATH="$peer_dir/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_CERT_FILE="$peer_dir/tls/server.crt" \
    CORE_PEER_TLS_KEY_FILE="$peer_dir/tls/server.key" \
    CORE_PEER_TLS_ROOTCERT_FILE="$peer_dir/tls/ca.crt" \
    CORE_PEER_FILESYSTEMPATH="$RUN_DIR/data/$(org_peer_host "$org")" \
    CORE_LEDGER_SNAPSHOTS_ROOTDIR="$RUN_DIR/data/$(org_peer_host "$org")/snapshots" \
    CORE_OPERATIONS_LISTENADDRESS="127.0.0.1:$((9444 + index))" \
    CORE_METRICS_PROVIDER=prometheus \
    CORE_CHAINCODE_EXTERNALBUILDERS="[{name: ccaas_builder, path: $CCAAS_BUILDER_DIR, propagateEnvironment: [CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG]}]" \
    CORE_VM_ENDPOINT="" \
    "$FABRIC_BIN_DIR/peer" node start
  wait_for_port "127.0.0.1:$port" "$(org_peer_host "$org")"
}

network_up() {
  generate_crypto
  start_orderer
  local org
  for org in "${PEER_ORGS[@]}"; do
    start_peer "$org"
  done
  write_network_description
  ok "Network is up: orderer $ORDERER_ADDRESS and ${#PEER_ORGS[@]} peers. Next: ./network.sh createChannel"
}

network_down() {
  info "Stopping chaincode, peers and orderer"
  stop_processes
  if [ "$(cat "$RUN_DIR/mode" 2>/dev/null)" = docker ]; then docker_network_down; fi
  rm -rf "$RUN_DIR" "$ORGANIZATIONS_DIR"
  ok "Network is down; crypto material, ledgers and logs removed"
}

network_status() {
  local pidfile name
  if [ ! -d "$RUN_DIR/pids" ]; then
    echo "Not running."
    return
  fi
  for pidfile in "$RUN_DIR"/pids/*.pid; do
    [ -e "$pidfile" ] || continue
    name="$(basename "$pidfile" .pid)"
    if kill -0 "$(cat "$pidfile")" 2>/dev/null; then
      echo "running  $name (pid $(cat "$pidfile"), log $RUN_DIR/logs/$name.log)"
    else
      echo "stopped  $name (log $RUN_DIR/logs/$name.log)"
    fi
  done
  [ -f "$RUN_DIR/network.json" ] && echo "Connection description for clients: $RUN_DIR/network.json"
}

# Describes the running network for clients and the integration tests (FABRIC_TEST_NETWORK=<this folder>):
# each organization's peer endpoint, TLS root and user MSP folders, and each channel's members.
write_network_description() {
  local org first=true channel
  {
    echo "{"
    echo "  \"ordererEndpoint\": \"$ORDERER_ADDRESS\","
    echo "  \"ordererTlsCaCertPath\": \"$ORDERER_CA\","
    echo "  \"organizations\": {"
    for org in "${PEER_ORGS[@]}"; do
      $first || echo ","
      first=false
      printf '    "%s": { "peerEndpoint": "%s", "peerHostOverride": "%s", "tlsCaCertPath": "%s", "usersPath": "%s" }' \
        "$(org_msp "$org")" "$(org_peer_address "$org")" "$(org_peer_host "$org")" "$(org_tls_ca "$org")" \
        "$ORGANIZATIONS_DIR/peerOrganizations/$(org_domain "$org")/users"
    done
    echo ""
    echo "  },"
    echo "  \"channels\": {"
    first=true
    for channel in "${CHANNELS[@]}"; do
      $first || echo ","
      first=false
      local msps=() member
      for member in ${CHANNEL_MEMBERS[$channel]}; do msps+=("\"$(org_msp "$member")\""); done
      printf '    "%s": [%s]' "$channel" "$(IFS=,; echo "${msps[*]}")"
    done
    echo ""
    echo "  }"
    echo "}"
  } > "$RUN_DIR/network.json"
}
