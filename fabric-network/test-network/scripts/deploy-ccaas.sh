# Chaincode-as-a-service deployment with the Fabric v2 lifecycle: one package per organization (its
# connection.json names that organization's chaincode process), install, approve for each organization,
# commit, start the chaincode processes with the package IDs the peers computed, then an optional first
# transaction.

check_deploy_arguments() {
  [ -n "$CHANNEL" ] || fail "deployCCAAS needs -c <channel>"
  channel_members "$CHANNEL" >/dev/null
  [ -n "$CC_NAME" ] || fail "deployCCAAS needs -ccn <chaincode name>"
  [ -n "$CC_PATH" ] || fail "deployCCAAS needs -ccp <chaincode project folder>"
  [ -d "$CC_PATH" ] || fail "chaincode project folder '$CC_PATH' does not exist"
  [ -z "$CC_COLLECTIONS" ] || [ -f "$CC_COLLECTIONS" ] || fail "collections config '$CC_COLLECTIONS' does not exist"
}

deploy_ccaas() {
  check_deploy_arguments
  CC_PATH="$(cd "$CC_PATH" && pwd)"
  if [ -n "$CC_COLLECTIONS" ]; then
    CC_COLLECTIONS="$(cd "$(dirname "$CC_COLLECTIONS")" && pwd)/$(basename "$CC_COLLECTIONS")"
  fi
  local members org
  members="$(channel_members "$CHANNEL")"
  build_chaincode_project

  [ -n "$CC_SEQUENCE" ] || CC_SEQUENCE="$(next_sequence "$(first_word $members)")"
  info "Deploying $CC_NAME $CC_VERSION (sequence $CC_SEQUENCE) on '$CHANNEL' for: $members"

  declare -gA PACKAGE_IDS=()
  for org in $members; do
    package_and_install "$org"
  done
  for org in $members; do
    approve_for_org "$org"
  done
  commit_definition $members
  for org in $members; do
    start_chaincode "$org"
  done
  if [ -n "$CC_INIT_FCN" ]; then
    invoke_init $members
  fi
  ok "Chaincode $CC_NAME is committed and running on '$CHANNEL'"
}

first_word() { echo "$1"; }

deterministic_tar() {
  local dir="$1" output="$2"; shift 2
  tar -C "$dir" --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner -cf - "$@" | gzip -n > "$output"
}

# Each organization runs its own chaincode process; its port is derived from the peer port and the
# chaincode's position among the deployed chaincodes, and remembered across redeployments.
chaincode_port() {
  local org="$1" ports_file="$RUN_DIR/chaincode-ports" key="$CHANNEL/$CC_NAME/$org" port
  mkdir -p "$RUN_DIR"
  touch "$ports_file"
  port="$(grep "^$key " "$ports_file" | cut -d' ' -f2 || true)"
  if [ -z "$port" ]; then
    port=$(( $(org_peer_port "$org") + 9 + $(grep -c "/$org " "$ports_file" || true) ))
    while grep -q " $port$" "$ports_file"; do port=$((port + 1)); done
    echo "$key $port" >> "$ports_file"
  fi
  echo "$port"
}

package_and_install() {
  local org="$1" dir label port package package_id
  port="$(chaincode_port "$org")"
  label="${CC_NAME}_${CC_VERSION}"
  dir="$RUN_DIR/packages/$CC_NAME/$org"
  rm -rf "$dir"; mkdir -p "$dir/src" "$dir/pkg"
  cat > "$dir/src/connection.json" <<JSON
{
  "address": "$([ "$MODE" = docker ] && echo host.docker.internal || echo 127.0.0.1):$port",
  "dial_timeout": "10s",
  "tls_required": false
}
JSON
  printf '{\n  "type": "ccaas",\n  "label": "%s"\n}\n' "$label" > "$dir/pkg/metadata.json"
  # Reproducible archives: the same inputs give the same package ID, so a redeployment reuses the install.
  deterministic_tar "$dir/src" "$dir/pkg/code.tar.gz" connection.json
  package="$dir/$CC_NAME.tar.gz"
  deterministic_tar "$dir/pkg" "$package" metadata.json code.tar.gz
  package_id="$(FABRIC_CFG_PATH="$FABRIC_CONFIG_DIR" run peer lifecycle chaincode calculatepackageid "$package")"
  PACKAGE_IDS[$org]="$package_id"
  if as_admin "$org" peer lifecycle chaincode queryinstalled 2>/dev/null | grep -q "Package ID: $package_id,"; then
    info "$(org_peer_host "$org"): $package_id already installed"
  else
    as_admin "$org" peer lifecycle chaincode install "$package" \
      >"$RUN_DIR/logs/install-$CC_NAME-$org.log" 2>&1 || fail "install on $(org_peer_host "$org") failed; see $RUN_DIR/logs/install-$CC_NAME-$org.log"
    info "$(org_peer_host "$org"): installed $package_id (chaincode address 127.0.0.1:$port)"
  fi
}

definition_flags() {
  DEFINITION_FLAGS=(--channelID "$CHANNEL" --name "$CC_NAME" --version "$CC_VERSION" --sequence "$CC_SEQUENCE")
  [ -z "$CC_POLICY" ] || DEFINITION_FLAGS+=(--signature-policy "$CC_POLICY")
  [ -z "$CC_COLLECTIONS" ] || DEFINITION_FLAGS+=(--collections-config "$CC_COLLECTIONS")
}

orderer_flags() {
  ORDERER_FLAGS=(-o "$ORDERER_ADDRESS" --ordererTLSHostnameOverride "$ORDERER_HOST" --tls --cafile "$ORDERER_CA")
}

approve_for_org() {
  local org="$1"
  definition_flags; orderer_flags
  as_admin "$org" peer lifecycle chaincode approveformyorg \
    "${ORDERER_FLAGS[@]}" "${DEFINITION_FLAGS[@]}" --package-id "${PACKAGE_IDS[$org]}" \
    >"$RUN_DIR/logs/approve-$CC_NAME-$org.log" 2>&1 || fail "approval by $(org_msp "$org") failed; see $RUN_DIR/logs/approve-$CC_NAME-$org.log"
  info "$(org_msp "$org") approved $CC_NAME sequence $CC_SEQUENCE"
}

commit_definition() {
  local org peers=()
  definition_flags; orderer_flags
  for org in "$@"; do
    peers+=(--peerAddresses "$(org_peer_address "$org")" --tlsRootCertFiles "$(org_tls_ca "$org")")
  done
  as_admin "$1" peer lifecycle chaincode checkcommitreadiness "${DEFINITION_FLAGS[@]}" --output json \
    >"$RUN_DIR/logs/readiness-$CC_NAME.log" 2>&1 || true
  as_admin "$1" peer lifecycle chaincode commit \
    "${ORDERER_FLAGS[@]}" "${DEFINITION_FLAGS[@]}" "${peers[@]}" \
    >"$RUN_DIR/logs/commit-$CC_NAME.log" 2>&1 || fail "commit failed; see $RUN_DIR/logs/commit-$CC_NAME.log and $RUN_DIR/logs/readiness-$CC_NAME.log"
  local tries=0
  until as_admin "$1" peer lifecycle chaincode querycommitted --channelID "$CHANNEL" --name "$CC_NAME" 2>/dev/null \
          | grep -q "Sequence: $CC_SEQUENCE,"; do
    tries=$((tries + 1)); [ $tries -lt 20 ] || fail "definition of $CC_NAME sequence $CC_SEQUENCE not visible after commit"
    sleep 0.5
  done
  ok "Committed $CC_NAME sequence $CC_SEQUENCE on '$CHANNEL'"
}

# The next sequence after the committed definition (1 for a new chaincode).
next_sequence() {
  local org="$1" committed
  committed="$(as_admin "$org" peer lifecycle chaincode querycommitted --channelID "$CHANNEL" --name "$CC_NAME" 2>/dev/null \
    | sed -n 's/.*Sequence: \([0-9]*\),.*/\1/p' || true)"
  echo $(( ${committed:-0} + 1 ))
}

build_chaincode_project() {
  if compgen -G "$CC_PATH/*.csproj" >/dev/null; then
    CC_KIND=dotnet
    info "Building .NET chaincode $CC_PATH"
    run dotnet build "$CC_PATH" -c Release --nologo -v quiet >"$RUN_DIR/logs/build-$CC_NAME.log" 2>&1 \
      || fail "dotnet build failed; see $RUN_DIR/logs/build-$CC_NAME.log"
  elif [ -f "$CC_PATH/package.json" ]; then
    CC_KIND=node
    [ -d "$CC_PATH/node_modules" ] || (cd "$CC_PATH" && run npm install --no-audit --no-fund >"$RUN_DIR/logs/build-$CC_NAME.log" 2>&1) \
      || fail "npm install failed; see $RUN_DIR/logs/build-$CC_NAME.log"
  else
    fail "$CC_PATH is neither a .NET project (*.csproj) nor a Node contract (package.json)"
  fi
}

start_chaincode() {
  local org="$1" port name
  port="$(chaincode_port "$org")"
  name="chaincode-$CC_NAME-$org"
  # Peers in containers reach the host's chaincode through the Docker bridge, not loopback.
  local listen=127.0.0.1
  [ "$MODE" != docker ] || listen=0.0.0.0
  if [ -f "$RUN_DIR/pids/$name.pid" ]; then
    kill -TERM -- "-$(cat "$RUN_DIR/pids/$name.pid")" 2>/dev/null || true
    rm -f "$RUN_DIR/pids/$name.pid"
  fi
  info "Starting $CC_NAME for $(org_msp "$org") on 127.0.0.1:$port (CHAINCODE_ID ${PACKAGE_IDS[$org]})"
  if [ "$CC_KIND" = dotnet ]; then
    start_process "$name" env CHAINCODE_ID="${PACKAGE_IDS[$org]}" CHAINCODE_SERVER_ADDRESS="$listen:$port" \
      CHAINCODE_TLS_DISABLED=true CORE_PEER_LOCALMSPID="$(org_msp "$org")" \
      dotnet run --no-build -c Release --project "$CC_PATH"
  else
    start_process "$name" env CORE_PEER_LOCALMSPID="$(org_msp "$org")" \
      bash -c "cd '$CC_PATH' && exec npx fabric-chaincode-node server --chaincode-address $listen:$port --chaincode-id '${PACKAGE_IDS[$org]}'"
  fi
  wait_for_port "127.0.0.1:$port" "$name"
}

invoke_init() {
  local org peers=() args
  orderer_flags
  for org in "$@"; do
    peers+=(--peerAddresses "$(org_peer_address "$org")" --tlsRootCertFiles "$(org_tls_ca "$org")")
  done
  args="{\"function\":\"$CC_INIT_FCN\",\"Args\":$CC_INIT_ARGS}"
  info "Invoking $CC_INIT_FCN"
  as_admin "$1" peer chaincode invoke "${ORDERER_FLAGS[@]}" -C "$CHANNEL" -n "$CC_NAME" \
    "${peers[@]}" -c "$args" --waitForEvent >"$RUN_DIR/logs/init-$CC_NAME.log" 2>&1 \
    || fail "$CC_INIT_FCN failed; see $RUN_DIR/logs/init-$CC_NAME.log"
}
