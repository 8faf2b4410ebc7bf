# Channels through the channel participation API: the orderer joins with the genesis block (osnadmin), then
# each member organization's peer joins.

create_channels() {
  local channel="$1"
  if [ -n "$channel" ]; then
    create_channel "$channel"
  else
    for channel in "${CHANNELS[@]}"; do create_channel "$channel"; done
  fi
}

create_channel() {
  local channel="$1" profile block org
  channel_members "$channel" >/dev/null
  profile="$(echo "${channel:0:1}" | tr '[:lower:]' '[:upper:]')${channel:1}Channel"
  block="$RUN_DIR/channel-artifacts/$channel.block"
  mkdir -p "$RUN_DIR/channel-artifacts"
  info "Creating channel '$channel' (profile $profile)"
  local configtx_dir="$TEST_NETWORK_DIR/config"
  [ "$MODE" != docker ] || configtx_dir="$(docker_configtx_dir)"
  FABRIC_CFG_PATH="$configtx_dir" run configtxgen -profile "$profile" -outputBlock "$block" -channelID "$channel" 2>"$RUN_DIR/logs/configtxgen-$channel.log" \
    || fail "configtxgen failed; see $RUN_DIR/logs/configtxgen-$channel.log"

  if osnadmin channel list -o "$ORDERER_ADMIN_ADDRESS" --ca-file "$ORDERER_CA" \
       --client-cert "$ORDERER_DIR/tls/server.crt" --client-key "$ORDERER_DIR/tls/server.key" 2>/dev/null \
       | grep -q "\"name\": \"$channel\""; then
    info "Orderer already serves '$channel'"
  else
    run osnadmin channel join --channelID "$channel" --config-block "$block" -o "$ORDERER_ADMIN_ADDRESS" \
      --ca-file "$ORDERER_CA" --client-cert "$ORDERER_DIR/tls/server.crt" --client-key "$ORDERER_DIR/tls/server.key" >/dev/null
  fi

  for org in $(channel_members "$channel"); do
    if as_admin "$org" peer channel list 2>/dev/null | grep -qx "$channel"; then
      info "$(org_peer_host "$org") already joined '$channel'"
      continue
    fi
    join_with_retry "$org" "$block"
  done
  wait_for_membership "$channel"
  ok "Channel '$channel' created; members: $(channel_members "$channel")"
}

# The Gateway plans endorsements from gossip membership: until every member peer knows the others through the
# anchor peers, multi-organization endorsement policies cannot be satisfied. Reads the peers' Prometheus metric
# gossip_membership_total_peers_known (operations endpoint, plain HTTP on loopback).
wait_for_membership() {
  local channel="$1" members org expected known tries
  members=($(channel_members "$channel"))
  expected=$(( ${#members[@]} - 1 ))
  [ "$expected" -gt 0 ] || return 0
  command -v curl >/dev/null 2>&1 || { info "curl not found: not waiting for gossip membership on '$channel'"; return 0; }
  for org in "${members[@]}"; do
    tries=0
    while :; do
      known="$(curl -s "http://127.0.0.1:$((9444 + $(org_index "$org")))/metrics" 2>/dev/null \
        | sed -n "s/^gossip_membership_total_peers_known{channel=\"$channel\"} \([0-9]*\).*/\1/p")"
      [ "${known:-0}" -ge "$expected" ] && break
      tries=$((tries + 1))
      [ $tries -lt 120 ] || fail "$(org_peer_host "$org") does not see the other peers of '$channel' (gossip); see its log"
      sleep 0.5
    done
  done
}

# The orderer needs a moment to start the Raft chain after joining; the first peer join may find no block yet.
join_with_retry() {
  local org="$1" block="$2" tries=0
  until as_admin "$org" peer channel join -b "$block" >"$RUN_DIR/logs/join-$org.log" 2>&1; do
    tries=$((tries + 1))
    [ $tries -lt 10 ] || fail "$(org_peer_host "$org") could not join; see $RUN_DIR/logs/join-$org.log"
    sleep 1
  done
  info "$(org_peer_host "$org") joined"
}
