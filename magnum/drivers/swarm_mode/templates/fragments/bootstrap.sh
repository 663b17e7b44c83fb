#!/bin/bash
# Make a freshly booted Fedora CoreOS node a member of its Docker swarm.
# Settings come from /etc/magnum/swarm.env (systemd loads it); the run is
# recorded in /var/lib/magnum/bootstrapped so it happens once.
#
# Manager 0 creates the swarm; every other node asks manager 0's Docker
# API (TLS with a client certificate signed by magnum, unless TLS is
# disabled) for the join token of its role and joins.
set -euo pipefail

STATE=/var/lib/magnum
CERTS=/etc/docker/magnum
mkdir -p "$STATE" "$CERTS"

log() { echo "magnum-swarm-bootstrap: $*" >&2; }

signal() {
    local status=$1 reason=$2
    [ -n "${WAIT_ENDPOINT:-}" ] || return 0
    curl --silent --show-error --fail -X POST \
        -H "X-Auth-Token: ${WAIT_TOKEN}" \
        -H 'Content-Type: application/json' \
        --data "{\"status\": \"${status}\", \"reason\": \"${reason}\"}" \
        "${WAIT_ENDPOINT}" || log "could not signal Heat"
}
trap 'signal FAILURE "swarm bootstrap failed on line $LINENO"' ERR

curl_ca() {
    if [ "${VERIFY_CA}" = "true" ] && [ -s /etc/magnum/openstack-ca.crt ]; then
        echo --cacert /etc/magnum/openstack-ca.crt
    elif [ "${VERIFY_CA}" != "true" ]; then
        echo --insecure
    fi
}

trustee_token() {
    # A token of the trustee, scoped to the trust when there is one.
    local scope=''
    [ -n "${TRUST_ID}" ] && scope=", \"scope\": {\"OS-TRUST:trust\": {\"id\": \"${TRUST_ID}\"}}"
    curl --silent --show-error --fail $(curl_ca) -i -X POST \
        -H 'Content-Type: application/json' "${AUTH_URL}/auth/tokens" \
        --data "{\"auth\": {\"identity\": {\"methods\": [\"password\"], \"password\": {\"user\": {\"id\": \"${TRUSTEE_USER_ID}\", \"password\": \"${TRUSTEE_PASSWORD}\"}}}${scope}}}" |
        awk 'tolower($1) == "x-subject-token:" {print $2}' | tr -d '\r'
}

request_certificate() {
    # Key and CSR made here; magnum signs with the cluster CA.
    local token csr
    [ -s "$CERTS/cert.pem" ] && return 0
    openssl req -new -newkey rsa:2048 -nodes -keyout "$CERTS/key.pem" \
        -subj "/CN=${NODE_NAME}" -out "$CERTS/node.csr" \
        -addext "subjectAltName=IP:$(hostname -I | awk '{print $1}'),IP:127.0.0.1"
    token=$(trustee_token)
    csr=$(sed -e ':a;N;$!ba;s/\n/\\n/g' "$CERTS/node.csr")
    curl --silent --show-error --fail $(curl_ca) -X POST \
        -H "X-Auth-Token: ${token}" -H 'Content-Type: application/json' \
        -H 'OpenStack-API-Version: container-infra latest' \
        --data "{\"cluster_uuid\": \"${CLUSTER_UUID}\", \"csr\": \"${csr}\"}" \
        "${MAGNUM_URL}/certificates" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["pem"])' \
        > "$CERTS/cert.pem"
    cp /etc/magnum/ca.crt "$CERTS/ca.pem"
}

configure_docker() {
    local hosts='"unix:///var/run/docker.sock"'
    local tls='"tls": false'
    if [ "${TLS_DISABLED}" = "true" ]; then
        hosts="$hosts, \"tcp://0.0.0.0:${DOCKER_API_PORT}\""
    else
        request_certificate
        hosts="$hosts, \"tcp://0.0.0.0:${DOCKER_API_PORT}\""
        tls="\"tlsverify\": true, \"tlscacert\": \"$CERTS/ca.pem\", \"tlscert\": \"$CERTS/cert.pem\", \"tlskey\": \"$CERTS/key.pem\""
    fi
    cat > /etc/docker/daemon.json <<JSON
{
  "hosts": [${hosts}],
  ${tls},
  "log-driver": "json-file",
  "log-opts": {"max-size": "${DOCKER_LOG_MAX_SIZE}"},
  "default-address-pools": [{"base": "${DOCKER_ADDRESS_POOL}", "size": 24}]
}
JSON
    mkdir -p /etc/systemd/system/docker.service.d
    cat > /etc/systemd/system/docker.service.d/magnum.conf <<UNIT
[Service]
Environment=HTTP_PROXY=${HTTP_PROXY} HTTPS_PROXY=${HTTPS_PROXY} NO_PROXY=${NO_PROXY}
ExecStart=
ExecStart=/usr/bin/dockerd
UNIT
    systemctl daemon-reload
    systemctl restart docker.service
}

mount_docker_volume() {
    [ -b /dev/vdb ] || return 0
    blkid /dev/vdb >/dev/null 2>&1 || mkfs.xfs /dev/vdb
    systemctl stop docker.service
    mount /dev/vdb /var/lib/docker
    echo "/dev/vdb /var/lib/docker xfs defaults 0 0" >> /etc/fstab
}

primary() {
    if [ "${TLS_DISABLED}" = "true" ]; then
        docker -H "tcp://${PRIMARY_ADDRESS}:${DOCKER_API_PORT}" "$@"
    else
        docker --tlsverify --tlscacert "$CERTS/ca.pem" \
            --tlscert "$CERTS/cert.pem" --tlskey "$CERTS/key.pem" \
            -H "tcp://${PRIMARY_ADDRESS}:${DOCKER_API_PORT}" "$@"
    fi
}

join_swarm() {
    local token tries=0
    until token=$(primary swarm join-token -q "${NODE_ROLE}"); do
        tries=$((tries + 1))
        [ "$tries" -lt 120 ] || { log "manager 0 never answered"; return 1; }
        sleep 10
    done
    docker swarm join --token "$token" "${PRIMARY_ADDRESS}:2377"
}

flannel_network() {
    # flannel hands each node a subnet of FLANNEL_NETWORK_CIDR; docker
    # uses it as its bridge network.
    [ "${NETWORK_DRIVER}" = "flannel" ] || return 0
    log "flannel ${FLANNEL_BACKEND} on ${FLANNEL_NETWORK_CIDR}"
    if [ "${NODE_ROLE}" = "manager" ] && [ "${NODE_INDEX}" = "0" ]; then
        # flannel keeps its subnet leases in an etcd on manager 0.
        docker run -d --restart always --net host --name flannel-etcd \
            quay.io/coreos/etcd:v3.5.15 etcd \
            --listen-client-urls http://0.0.0.0:2379 \
            --advertise-client-urls "http://${PRIMARY_ADDRESS}:2379" \
            --enable-v2=true
        sleep 5
        docker exec -e ETCDCTL_API=2 flannel-etcd etcdctl set \
            /coreos.com/network/config \
            "{\"Network\": \"${FLANNEL_NETWORK_CIDR}\", \"Backend\": {\"Type\": \"${FLANNEL_BACKEND}\"}}"
    fi
    docker run -d --restart always --net host --privileged \
        --name flannel quay.io/coreos/flannel:v0.15.1 \
        --ip-masq \
        --etcd-endpoints "http://${PRIMARY_ADDRESS}:2379"
}

volume_plugin() {
    [ "${VOLUME_DRIVER}" = "rexray" ] || return 0
    docker plugin install --grant-all-permissions \
        "rexray/cinder:${REXRAY_TAG}" \
        CINDER_AUTHURL="${AUTH_URL}" CINDER_REGIONNAME="${REGION_NAME}" \
        CINDER_USERID="${TRUSTEE_USER_ID}" \
        CINDER_PASSWORD="${TRUSTEE_PASSWORD}" \
        CINDER_TRUSTID="${TRUST_ID}" REXRAY_PREEMPT="${REXRAY_PREEMPT}"
}

main() {
    mount_docker_volume
    configure_docker
    if [ "${NODE_ROLE}" = "manager" ] && [ "${NODE_INDEX}" = "0" ]; then
        docker swarm init --advertise-addr "${PRIMARY_ADDRESS}" \
            --default-addr-pool "${DOCKER_ADDRESS_POOL}"
        docker node update --label-add "magnum.strategy=${SWARM_STRATEGY}" \
            "$(docker info -f '{{.Swarm.NodeID}}')"
    else
        join_swarm
    fi
    flannel_network
    volume_plugin
    touch "$STATE/bootstrapped"
    signal SUCCESS "node ${NODE_NAME} joined the swarm"
}

main "$@"
