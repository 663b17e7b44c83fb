#!/bin/bash
# Turn a freshly booted CoreOS-family node into a Kubernetes master or
# worker. Settings come from /etc/magnum/cluster.env (systemd loads it);
# the run is recorded in /var/lib/magnum/bootstrapped so it happens once.
set -euo pipefail

STATE=/var/lib/magnum
BIN=/opt/bin
ETC=/etc/magnum
PKI=/etc/kubernetes/pki

log() { echo "magnum-bootstrap: $*" >&2; }

signal() {
    # Tell Heat this node is done (or failed), when the stack waits.
    local status=$1 reason=$2
    [ -n "${WAIT_ENDPOINT:-}" ] || return 0
    curl --silent --show-error --fail -X POST \
        -H "X-Auth-Token: ${WAIT_TOKEN}" \
        -H 'Content-Type: application/json' \
        --data "{\"status\": \"${status}\", \"reason\": \"${reason}\"}" \
        "${WAIT_ENDPOINT}" || log "could not signal Heat"
}
trap 'signal FAILURE "bootstrap failed on line $LINENO"' ERR

fail() {
    log "$1"
    signal FAILURE "$1"
    exit 1
}

proxy_environment() {
    [ -n "${HTTP_PROXY:-}" ] && export http_proxy="$HTTP_PROXY"
    [ -n "${HTTPS_PROXY:-}" ] && export https_proxy="$HTTPS_PROXY"
    return 0
}

install_kubernetes() {
    local arch version
    arch=$(uname -m | sed -e 's/x86_64/amd64/' -e 's/aarch64/arm64/')
    version="v${KUBE_TAG#v}"
    for tool in kubeadm kubelet kubectl; do
        curl --silent --show-error --fail --location -o "$BIN/$tool" \
            "https://dl.k8s.io/release/${version}/bin/linux/${arch}/${tool}"
        chmod 0755 "$BIN/$tool"
    done
    cat > /etc/systemd/system/kubelet.service <<UNIT
[Unit]
Description=kubelet
After=network-online.target ${CONTAINER_RUNTIME}.service
[Service]
EnvironmentFile=-/var/lib/kubelet/kubeadm-flags.env
ExecStart=$BIN/kubelet --kubeconfig=/etc/kubernetes/kubelet.conf \
  --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf \
  --config=/var/lib/kubelet/config.yaml \$KUBELET_KUBEADM_ARGS
Restart=always
[Install]
WantedBy=multi-user.target
UNIT
    systemctl daemon-reload
    systemctl enable --now "${CONTAINER_RUNTIME}.service"
    systemctl enable kubelet.service
}

volume_device() {
    # The disk of Cinder volume $1, by its id (the name a virtio disk gets
    # from its serial, the id's first 20 characters): the device name Nova
    # was asked for is only a hint to the guest. The volume is attached
    # after the server is created, so wait for it.
    local path="/dev/disk/by-id/virtio-${1:0:20}" tries=0
    until [ -b "$path" ]; do
        tries=$((tries + 1))
        [ "$tries" -le 60 ] || fail "volume $1 did not appear at $path"
        sleep 5
    done
    echo "$path"
}

mount_volume() {
    # Mount volume $1 (when the node has one) at $2, formatting it first
    # when it is new.
    local device
    [ -n "${1:-}" ] || return 0
    device=$(volume_device "$1")
    blkid "$device" >/dev/null 2>&1 || mkfs.xfs "$device"
    mkdir -p "$2"
    mount "$device" "$2"
}

join_token() {
    # Every node derives the same bootstrap token from cluster secrets.
    local digest
    digest=$(printf '%s:%s' "$CLUSTER_UUID" "$TRUSTEE_PASSWORD" |
        sha256sum | cut -c1-22)
    echo "${digest:0:6}.${digest:6:16}"
}

pod_network_cidr() {
    if [ "$NETWORK_DRIVER" = calico ]; then
        echo "$CALICO_IPV4POOL"
    else
        echo "$FLANNEL_NETWORK_CIDR"
    fi
}

drop_empty_pki_files() {
    # Ignition writes magnum's CAs (certificate and key) where kubeadm
    # looks for them, so that kubeadm init issues every certificate of the
    # cluster from them instead of making CAs of its own. Where magnum
    # sends none (workers; a cluster without certificates) the files are
    # empty, and kubeadm must not find them: join refuses to run where
    # pki/ca.crt exists, init would fail to load them.
    find "$PKI" -type f -empty -delete
}

install_service_account_keys() {
    # kubeadm takes the key pair it finds: every master then signs and
    # checks service-account tokens with magnum's, and a master that joins
    # has the same key as the first.
    [ -s "$ETC/service-account.key" ] || return 0
    install -m 0600 "$ETC/service-account.key" "$PKI/sa.key"
    install -m 0644 "$ETC/service-account.pub" "$PKI/sa.pub"
}

first_master() {
    # Masters are named <cluster>-master-<index>: master 0 creates the
    # control plane, the others join it.
    [ "${NODE_NAME##*-}" = 0 ]
}

api_certificate_names() {
    # Every address clients reach the API at: the node's own, the load
    # balancer's and the floating IPs, so the API server's certificate is
    # valid for the address in the users' kubeconfig.
    local names extra
    names=$(hostname -I | awk '{print $1}')
    for extra in "${API_ADDRESS:-}" "${API_PUBLIC_ADDRESS:-}" \
            "${NODE_PUBLIC_ADDRESS:-}"; do
        if [ -n "$extra" ]; then
            names="$names,$extra"
        fi
    done
    echo "$names"
}

start_master() {
    install_service_account_keys
    if [ -s "$PKI/ca.key" ]; then
        log "kubeadm issues the cluster's certificates from magnum's CAs"
    else
        log "magnum sent no CA: kubeadm makes CAs of its own"
    fi
    if first_master; then
        init_control_plane
        export KUBECONFIG=/etc/kubernetes/admin.conf
        install_network
    else
        join_control_plane
    fi
}

init_control_plane() {
    local endpoint=()
    # With a load balancer the control plane is known by its address, so
    # that more masters can join it.
    if [ -n "${API_ADDRESS:-}" ]; then
        endpoint=(--control-plane-endpoint "${API_ADDRESS}:${KUBE_API_PORT}")
    fi
    # The token never expires: nodes added by a resize months later join
    # with it too.
    kubeadm init --token "$(join_token)" --token-ttl 0 \
        "${endpoint[@]}" \
        --kubernetes-version "v${KUBE_TAG#v}" \
        --apiserver-bind-port "$KUBE_API_PORT" \
        --apiserver-cert-extra-sans "$(api_certificate_names)" \
        --pod-network-cidr "$(pod_network_cidr)" \
        --service-cidr "$PORTAL_NETWORK_CIDR" \
        --service-dns-domain "$DNS_CLUSTER_DOMAIN"
}

join_control_plane() {
    # The CAs and the service-account key are already here (from magnum),
    # which is all kubeadm needs to add a master.
    [ -n "${API_ADDRESS:-}" ] ||
        fail "${NODE_NAME} has no control plane to join: more than one master needs the API load balancer"
    [ -n "${CA_CERT_HASH:-}" ] ||
        fail "no CA pin to verify the Kubernetes API with; the cluster has no certificates in magnum"
    kubeadm join "${API_ADDRESS}:${KUBE_API_PORT}" --token "$(join_token)" \
        --discovery-token-ca-cert-hash "$CA_CERT_HASH" \
        --control-plane --apiserver-bind-port "$KUBE_API_PORT"
}

install_network() {
    if [ "$NETWORK_DRIVER" = calico ]; then
        kubectl apply -f "https://raw.githubusercontent.com/projectcalico/calico/${CALICO_TAG}/manifests/calico.yaml"
        return
    fi
    kubectl create namespace kube-flannel --dry-run=client -o yaml |
        kubectl apply -f -
    kubectl -n kube-flannel create configmap kube-flannel-cfg \
        --from-literal=net-conf.json="{\"Network\": \"${FLANNEL_NETWORK_CIDR}\", \"SubnetLen\": ${FLANNEL_NETWORK_SUBNETLEN}, \"Backend\": {\"Type\": \"${FLANNEL_BACKEND}\"}}" \
        --dry-run=client -o yaml | kubectl apply -f -
    kubectl apply -f https://github.com/flannel-io/flannel/releases/latest/download/kube-flannel.yml
}

start_worker() {
    # The API server must show the CA magnum pinned: a worker never joins
    # an API it cannot verify.
    [ -n "${CA_CERT_HASH:-}" ] ||
        fail "no CA pin to verify the Kubernetes API with; the cluster has no certificates in magnum"
    kubeadm join "${API_ADDRESS}:${KUBE_API_PORT}" --token "$(join_token)" \
        --discovery-token-ca-cert-hash "$CA_CERT_HASH"
}

start_registry() {
    [ "$REGISTRY_ENABLED" = true ] || return 0
    log "registry on Swift container ${REGISTRY_CONTAINER} (${SWIFT_REGION:-default region})"
}

main() {
    mkdir -p "$STATE" "$BIN" "$PKI"
    export PATH="$BIN:$PATH"
    proxy_environment
    mount_volume "${DOCKER_VOLUME_ID:-}" /var/lib/containerd
    if [ "$NODE_ROLE" = master ]; then
        mount_volume "${ETCD_VOLUME_ID:-}" /var/lib/etcd
    fi
    install_kubernetes
    drop_empty_pki_files
    if [ "$NODE_ROLE" = master ]; then
        start_master
    else
        start_worker
    fi
    start_registry
    log "cgroup driver ${CGROUP_DRIVER}, cloud provider ${CLOUD_PROVIDER_ENABLED}"
    touch "$STATE/bootstrapped"
    signal SUCCESS "${NODE_NAME} is a Kubernetes ${NODE_ROLE}"
}

# Sourced (by the tests) it only defines the functions.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main "$@"
fi
