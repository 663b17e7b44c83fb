#!/bin/bash
# Turn a freshly booted CoreOS-family node into a Kubernetes master or
# worker. Settings come from /etc/magnum/cluster.env (systemd loads it);
# the run is recorded in /var/lib/magnum/bootstrapped so it happens once.
set -euo pipefail

STATE=/var/lib/magnum
BIN=/opt/bin
mkdir -p "$STATE" "$BIN" /etc/kubernetes/pki
export PATH="$BIN:$PATH"

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

mount_docker_volume() {
    # The container storage volume, when there is one, is the second disk.
    [ -b /dev/vdb ] || return 0
    blkid /dev/vdb >/dev/null 2>&1 || mkfs.xfs /dev/vdb
    mkdir -p /var/lib/containerd
    mount /dev/vdb /var/lib/containerd
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
    find /etc/kubernetes/pki -type f -empty -delete
}

start_master() {
    local address
    address=$(hostname -I | awk '{print $1}')
    if [ -s /etc/kubernetes/pki/ca.key ]; then
        log "kubeadm issues the cluster's certificates from magnum's CAs"
    else
        log "magnum sent no CA: kubeadm makes CAs of its own"
    fi
    kubeadm init --token "$(join_token)" \
        --kubernetes-version "v${KUBE_TAG#v}" \
        --apiserver-bind-port "$KUBE_API_PORT" \
        --apiserver-cert-extra-sans "$address" \
        --pod-network-cidr "$(pod_network_cidr)" \
        --service-cidr "$PORTAL_NETWORK_CIDR" \
        --service-dns-domain "$DNS_CLUSTER_DOMAIN"
    export KUBECONFIG=/etc/kubernetes/admin.conf
    install_network
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
    proxy_environment
    mount_docker_volume
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

main "$@"
