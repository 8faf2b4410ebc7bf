# Docker mode: the orderer and peers in the official Fabric images (compose/compose-test-net.yaml); the CLI
# tools and the chaincode processes stay on the host. Inside the containers 127.0.0.1 is the container itself,
# so the channel configuration names the orderer and anchor peers by their container host names.

COMPOSE_FILE="$TEST_NETWORK_DIR/compose/compose-test-net.yaml"

docker_compose() {
  if docker compose version >/dev/null 2>&1; then
    run docker compose -f "$COMPOSE_FILE" "$@"
  elif command -v docker-compose >/dev/null 2>&1; then
    run docker-compose -f "$COMPOSE_FILE" "$@"
  else
    fail "docker mode needs Docker with the compose plugin (docker compose) or docker-compose"
  fi
}

docker_network_up() {
  if [ -f "$RUN_DIR/pids/orderer.pid" ] && kill -0 "$(cat "$RUN_DIR/pids/orderer.pid")" 2>/dev/null; then
    fail "a native-mode network is running; run ./network.sh down first"
  fi
  docker info >/dev/null 2>&1 || fail "docker mode: no Docker engine answers ('docker info' failed). Start Docker, or use native mode."
  generate_crypto
  info "Starting the orderer and peers with docker compose (images hyperledger/fabric-orderer and fabric-peer ${FABRIC_IMAGE_TAG:-2.5})"
  docker_compose up -d >"$RUN_DIR/logs/compose-up.log" 2>&1 || fail "docker compose up failed; see $RUN_DIR/logs/compose-up.log"
  wait_for_port "$ORDERER_ADDRESS" orderer
  local org
  for org in "${PEER_ORGS[@]}"; do wait_for_port "$(org_peer_address "$org")" "$(org_peer_host "$org")"; done
  write_network_description
  ok "Network is up in Docker. Next: ./network.sh createChannel"
}

docker_network_down() {
  if docker info >/dev/null 2>&1; then
    docker_compose down --volumes --remove-orphans >/dev/null 2>&1 || true
  fi
}

# configtx.yaml for containers: absolute MSP paths, container host names for the orderer and anchor peers.
docker_configtx_dir() {
  local dir="$RUN_DIR/configtx-docker"
  mkdir -p "$dir"
  awk -v orgs="$ORGANIZATIONS_DIR" '
    /MSPDir: .*peerOrganizations\// { split($0, parts, "peerOrganizations/"); split(parts[2], d, "/"); domain = d[1] }
    { gsub(/\.\.\/organizations/, orgs) }
    /- 127\.0\.0\.1:7050/ { sub(/127\.0\.0\.1/, "orderer.example.com") }
    /Host: 127\.0\.0\.1/ { if (inAnchors) sub(/127\.0\.0\.1/, "peer0." domain); else sub(/127\.0\.0\.1/, "orderer.example.com") }
    /AnchorPeers:/ { inAnchors = 1 } /Consenters:/ { inAnchors = 0 }
    { print }
  ' "$TEST_NETWORK_DIR/config/configtx.yaml" > "$dir/configtx.yaml"
  echo "$dir"
}
