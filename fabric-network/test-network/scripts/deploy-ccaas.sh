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
  if [ "$(committed_sequence "$(first_word $members)")" = "$CC_SEQUENCE" ]; then
    # Re-approving the committed sequence with the same parameters only swaps each organization's package
    # (e.g. new chaincode TLS certificates in connection.json); nothing to commit.
    info "Sequence $CC_SEQUENCE is already committed: package IDs updated for $members"
  else
    commit_definition $members
  fi
  for org in $members; do
    start_chaincode "$org"
  done
  if [ -n "$CC_INIT_FCN" ]; then
    invoke_init $members
  fi
  ok "Chaincode $CC_NAME is committed and running on '$CHANNEL'"
}

first_word() { echo "$1"; }

json_string() {
  # A file's content as a JSON string literal (PEM: letters, digits, +/=, dashes, spaces and newlines).
  printf '"%s"' "$(sed -e ':a' -e 'N' -e '$!ba' -e 's/\n/\\n/g')"
}

tls_ca_cert() {
  echo "$ORGANIZATIONS_DIR/peerOrganizations/$(org_domain "$1")/tlsca/tlsca.$(org_domain "$1")-cert.pem"
}

# A TLS server certificate for one organization's chaincode process, issued by the organization's TLS CA
# (kept across redeployments so the package ID stays the same).
issue_chaincode_tls() {
  local org="$1" host="$2" dir="$RUN_DIR/chaincode-tls/$CC_NAME/$org" ca_dir
  ca_dir="$ORGANIZATIONS_DIR/peerOrganizations/$(org_domain "$org")/tlsca"
  [ -f "$dir/server.crt" ] && return
  mkdir -p "$dir"
  command -v openssl >/dev/null 2>&1 || fail "chaincode TLS (-cctls) needs openssl"
  openssl ecparam -name prime256v1 -genkey -noout 2>/dev/null | openssl pkcs8 -topk8 -nocrypt -out "$dir/server.key"
  openssl req -new -key "$dir/server.key" -subj "/CN=$CC_NAME.$(org_domain "$org")" -out "$dir/server.csr" 2>/dev/null
  printf 'subjectAltName=DNS:localhost,DNS:%s,IP:127.0.0.1\nextendedKeyUsage=serverAuth\nkeyUsage=digitalSignature,keyAgreement\n' "$host" > "$dir/ext.cnf"
  openssl x509 -req -in "$dir/server.csr" -CA "$(tls_ca_cert "$org")" -CAkey "$ca_dir/priv_sk" -CAcreateserial \
    -days 365 -sha256 -extfile "$dir/ext.cnf" -out "$dir/server.crt" 2>/dev/null || fail "could not issue the chaincode TLS certificate for $org"
}

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
  local host
  host="$([ "$MODE" = docker ] && echo host.docker.internal || echo 127.0.0.1)"
  if [ "$CC_TLS" = true ]; then
    issue_chaincode_tls "$org" "$host"
    local tls_dir="$RUN_DIR/chaincode-tls/$CC_NAME/$org"
    # Mutual TLS: the peer presents its own TLS certificate; the chaincode trusts the organization's TLS CA.
    cat > "$dir/src/connection.json" <<JSON
{
  "address": "$host:$port",
  "dial_timeout": "10s",
  "tls_required": true,
  "client_auth_required": true,
  "root_cert": $(json_string < "$(tls_ca_cert "$org")"),
  "client_cert": $(json_string < "$(org_peer_dir "$org")/tls/server.crt"),
  "client_key": $(json_string < "$(org_peer_dir "$org")/tls/server.key")
}
JSON
    : "$tls_dir"
  else
    cat > "$dir/src/connection.json" <<JSON
{
  "address": "$host:$port",
  "dial_timeout": "10s",
  "tls_required": false
}
JSON
  fi
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

# The committed definition's sequence, empty when the chaincode was never committed.
committed_sequence() {
  as_admin "$1" peer lifecycle chaincode querycommitted --channelID "$CHANNEL" --name "$CC_NAME" 2>/dev/null \
    | sed -n 's/.*Sequence: \([0-9]*\),.*/\1/p' || true
}

# The next sequence after the committed definition (1 for a new chaincode).
next_sequence() {
  local committed
  committed="$(committed_sequence "$1")"
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
  local tls_env=(CHAINCODE_TLS_DISABLED=true) tls_dir="$RUN_DIR/chaincode-tls/$CC_NAME/$org" node_tls=()
  if [ "$CC_TLS" = true ]; then
    tls_env=(CHAINCODE_TLS_DISABLED=false CHAINCODE_TLS_CERT="$tls_dir/server.crt" CHAINCODE_TLS_KEY="$tls_dir/server.key"
             CHAINCODE_CLIENT_CA_CERT="$(tls_ca_cert "$org")")
    node_tls=(--chaincode-tls-cert-file "$tls_dir/server.crt" --chaincode-tls-key-file "$tls_dir/server.key"
              --chaincode-tls-client-cacert-file "$(tls_ca_cert "$org")")
  fi
  if [ "$CC_KIND" = dotnet ]; then
    start_process "$name" env CHAINCODE_ID="${PACKAGE_IDS[$org]}" CHAINCODE_SERVER_ADDRESS="$listen:$port" \
      "${tls_env[@]}" CORE_PEER_LOCALMSPID="$(org_msp "$org")" \
      dotnet run --no-build -c Release --project "$CC_PATH"
  else
    start_process "$name" env CORE_PEER_LOCALMSPID="$(org_msp "$org")" \
      bash -c "cd '$CC_PATH' && exec npx fabric-chaincode-node server --chaincode-address $listen:$port --chaincode-id '${PACKAGE_IDS[$org]}' ${node_tls[*]}"
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
