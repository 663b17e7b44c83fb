#!/bin/bash
# Make a freshly booted Ubuntu node a Mesos master (Mesos master, Marathon
# and a ZooKeeper of the ensemble) or a Mesos slave (agent). Settings come
# from /etc/magnum/mesos.env and /etc/magnum/node.env; the run is recorded
# in /var/lib/magnum/bootstrapped so it happens once.
set -euo pipefail

STATE=/var/lib/magnum
mkdir -p "$STATE"
[ -e "$STATE/bootstrapped" ] && exit 0

log() { echo "magnum-mesos-bootstrap: $*" >&2; }
unb64() { echo -n "$1" | base64 -d; }

signal() {
    local status=$1 reason=$2
    [ -n "${WAIT_ENDPOINT:-}" ] || return 0
    curl --silent --show-error --fail -X POST \
        -H "X-Auth-Token: ${WAIT_TOKEN}" \
        -H 'Content-Type: application/json' \
        --data "{\"status\": \"${status}\", \"reason\": \"${reason}\"}" \
        "${WAIT_ENDPOINT}" || log "could not signal Heat"
}
trap 'signal FAILURE "mesos bootstrap failed on line $LINENO"' ERR

proxy_environment() {
    [ -n "${HTTP_PROXY}" ] && export http_proxy="${HTTP_PROXY}"
    [ -n "${HTTPS_PROXY}" ] && export https_proxy="${HTTPS_PROXY}"
    export no_proxy="${NO_PROXY}"
}

zk_url() {
    # zk://m1:2181,m2:2181/mesos from the masters' addresses.
    local hosts
    hosts=$(echo "${MASTER_ADDRESSES}" | sed -e 's/\([^,]*\)/\1:2181/g')
    echo "zk://${hosts}/mesos"
}

install_packages() {
    local extra=''
    [ "${NODE_ROLE}" = "master" ] && extra='marathon zookeeperd'
    apt-get update
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive apt-get install -y docker.io curl \
        "mesos=${MESOS_VERSION}*" $extra
}

mount_docker_volume() {
    [ -b /dev/vdb ] || return 0
    blkid /dev/vdb >/dev/null 2>&1 || mkfs.ext4 -q /dev/vdb
    mkdir -p /var/lib/docker
    mount /dev/vdb /var/lib/docker
    echo "/dev/vdb /var/lib/docker ext4 defaults 0 0" >> /etc/fstab
}

configure_master() {
    local id=$((NODE_INDEX + 1)) i=1 quorum count
    count=$(echo "${MASTER_ADDRESSES}" | tr ',' '\n' | wc -l)
    quorum=$((count / 2 + 1))
    echo "$id" > /etc/zookeeper/conf/myid
    for address in ${MASTER_ADDRESSES//,/ }; do
        echo "server.$i=$address:2888:3888" >> /etc/zookeeper/conf/zoo.cfg
        i=$((i + 1))
    done
    zk_url > /etc/mesos/zk
    echo "$quorum" > /etc/mesos-master/quorum
    echo "${CLUSTER_NAME}" > /etc/mesos-master/cluster
    hostname -I | awk '{print $1}' > /etc/mesos-master/ip
    mkdir -p /etc/marathon/conf
    zk_url > /etc/marathon/conf/master
    zk_url | sed -e 's|/mesos$|/marathon|' > /etc/marathon/conf/zk
    systemctl restart zookeeper mesos-master marathon
    systemctl disable --now mesos-slave || true
}

configure_slave() {
    zk_url > /etc/mesos/zk
    hostname -I | awk '{print $1}' > /etc/mesos-slave/ip
    echo "docker,mesos" > /etc/mesos-slave/containerizers
    echo "${MESOS_SLAVE_ISOLATION}" > /etc/mesos-slave/isolation
    echo "${MESOS_SLAVE_WORK_DIR}" > /etc/mesos-slave/work_dir
    if [ -n "${MESOS_SLAVE_IMAGE_PROVIDERS}" ]; then
        echo "${MESOS_SLAVE_IMAGE_PROVIDERS}" > /etc/mesos-slave/image_providers
    fi
    if [ -n "${MESOS_SLAVE_EXECUTOR_ENV_VARIABLES}" ]; then
        echo "${MESOS_SLAVE_EXECUTOR_ENV_VARIABLES}" \
            > /etc/mesos-slave/executor_environment_variables
    fi
    echo "5mins" > /etc/mesos-slave/executor_registration_timeout
    systemctl disable --now mesos-master zookeeper || true
    systemctl restart mesos-slave
}

volume_plugin() {
    [ "${VOLUME_DRIVER}" = "rexray" ] || return 0
    docker plugin install --grant-all-permissions \
        "rexray/cinder:${REXRAY_TAG}" \
        CINDER_AUTHURL="${AUTH_URL}" CINDER_REGIONNAME="${REGION_NAME}" \
        CINDER_USERID="$(unb64 "${TRUSTEE_USER_ID_B64}")" \
        CINDER_PASSWORD="$(unb64 "${TRUSTEE_PASSWORD_B64}")" \
        CINDER_TRUSTID="$(unb64 "${TRUST_ID_B64}")" \
        REXRAY_PREEMPT="${REXRAY_PREEMPT}"
}

main() {
    proxy_environment
    mount_docker_volume
    install_packages
    if [ "${NODE_ROLE}" = "master" ]; then
        configure_master
    else
        configure_slave
        volume_plugin
    fi
    touch "$STATE/bootstrapped"
    signal SUCCESS "node ${NODE_NAME} is a mesos ${NODE_ROLE}"
}

main "$@"
