#!/bin/bash
#
# devstack plugin for magnum, the container infrastructure service.
#
# devstack sources this file at each phase with the phase in $1 and $2;
# the functions below do the work. Settings come from devstack/settings.

# Save trace setting and turn tracing on
_XTRACE_MAGNUM=$(set +o | grep xtrace)
set -o xtrace

# install_magnum - Install magnum from the source tree
function install_magnum {
    git_clone_by_name "magnum"
    setup_develop "$MAGNUM_DIR"
}

# configure_magnum - Write magnum.conf and copy the paste file
function configure_magnum {
    sudo install -d -o "$STACK_USER" "$MAGNUM_CONF_DIR"
    sudo install -d -o "$STACK_USER" "$MAGNUM_STATE_PATH"

    cp "$MAGNUM_DIR/etc/magnum/api-paste.ini" "$MAGNUM_API_PASTE"
    rm -f "$MAGNUM_CONF"

    iniset "$MAGNUM_CONF" DEFAULT debug "$ENABLE_DEBUG_LOG_LEVEL"
    iniset "$MAGNUM_CONF" DEFAULT state_path "$MAGNUM_STATE_PATH"
    iniset_rpc_backend magnum "$MAGNUM_CONF"

    iniset "$MAGNUM_CONF" database connection "$(database_connection_url magnum)"

    iniset "$MAGNUM_CONF" api host "$MAGNUM_SERVICE_LISTEN_ADDRESS"
    iniset "$MAGNUM_CONF" api port "$MAGNUM_SERVICE_PORT"
    iniset "$MAGNUM_CONF" api api_paste_config "$MAGNUM_API_PASTE"

    iniset "$MAGNUM_CONF" oslo_concurrency lock_path "$MAGNUM_STATE_PATH/lock"

    # Tokens that clients send to the API.
    configure_keystone_authtoken_middleware "$MAGNUM_CONF" magnum

    # The credentials magnum uses to call other services.
    iniset "$MAGNUM_CONF" keystone_auth auth_type password
    iniset "$MAGNUM_CONF" keystone_auth auth_url "$KEYSTONE_SERVICE_URI"
    iniset "$MAGNUM_CONF" keystone_auth username magnum
    iniset "$MAGNUM_CONF" keystone_auth password "$SERVICE_PASSWORD"
    iniset "$MAGNUM_CONF" keystone_auth project_name "$SERVICE_PROJECT_NAME"
    iniset "$MAGNUM_CONF" keystone_auth user_domain_name "$SERVICE_DOMAIN_NAME"
    iniset "$MAGNUM_CONF" keystone_auth project_domain_name "$SERVICE_DOMAIN_NAME"

    iniset "$MAGNUM_CONF" trust trustee_domain_name "$MAGNUM_TRUSTEE_DOMAIN"
    iniset "$MAGNUM_CONF" trust trustee_domain_admin_name "$MAGNUM_TRUSTEE_DOMAIN_ADMIN"
    iniset "$MAGNUM_CONF" trust trustee_domain_admin_domain_name "$MAGNUM_TRUSTEE_DOMAIN"
    iniset "$MAGNUM_CONF" trust trustee_domain_admin_password "$MAGNUM_TRUSTEE_DOMAIN_ADMIN_PASSWORD"

    iniset "$MAGNUM_CONF" certificates cert_manager_type "$MAGNUM_CERT_MANAGER_TYPE"

    if [[ "$USE_SYSTEMD" == "True" ]]; then
        setup_systemd_logging "$MAGNUM_CONF"
    fi
}

# create_magnum_accounts - Create the magnum user, service and endpoints
function create_magnum_accounts {
    create_service_user "magnum" "admin"

    local magnum_service
    magnum_service=$(get_or_create_service "magnum" \
        "container-infra" "Container Infrastructure Management Service")
    get_or_create_endpoint "$magnum_service" \
        "$REGION_NAME" \
        "$MAGNUM_SERVICE_PROTOCOL://$MAGNUM_SERVICE_HOST:$MAGNUM_SERVICE_PORT/v1" \
        "$MAGNUM_SERVICE_PROTOCOL://$MAGNUM_SERVICE_HOST:$MAGNUM_SERVICE_PORT/v1" \
        "$MAGNUM_SERVICE_PROTOCOL://$MAGNUM_SERVICE_HOST:$MAGNUM_SERVICE_PORT/v1"
}

# create_magnum_trustee_domain - Create the domain for trustee users and
# a user that administers it
function create_magnum_trustee_domain {
    if ! openstack domain show "$MAGNUM_TRUSTEE_DOMAIN" >/dev/null 2>&1; then
        openstack domain create \
            --description "Owns the users magnum creates for clusters" \
            "$MAGNUM_TRUSTEE_DOMAIN"
    fi
    openstack user create --or-show \
        --domain "$MAGNUM_TRUSTEE_DOMAIN" \
        --password "$MAGNUM_TRUSTEE_DOMAIN_ADMIN_PASSWORD" \
        "$MAGNUM_TRUSTEE_DOMAIN_ADMIN"
    openstack role add \
        --domain "$MAGNUM_TRUSTEE_DOMAIN" \
        --user-domain "$MAGNUM_TRUSTEE_DOMAIN" \
        --user "$MAGNUM_TRUSTEE_DOMAIN_ADMIN" \
        admin
}

# init_magnum - (Re)create the database and run the migrations
function init_magnum {
    if is_service_enabled $DATABASE_BACKENDS; then
        recreate_database magnum
        $MAGNUM_BIN_DIR/magnum-db-manage --config-file "$MAGNUM_CONF" upgrade
    fi
}

# start_magnum - Start the API and the conductor
function start_magnum {
    run_process magnum-api "$MAGNUM_BIN_DIR/magnum-api --config-file $MAGNUM_CONF"
    run_process magnum-cond "$MAGNUM_BIN_DIR/magnum-conductor --config-file $MAGNUM_CONF"

    echo "Waiting for magnum-api to start..."
    local url="$MAGNUM_SERVICE_PROTOCOL://$MAGNUM_SERVICE_HOST:$MAGNUM_SERVICE_PORT"
    if ! wait_for_service "$SERVICE_TIMEOUT" "$url"; then
        die $LINENO "magnum-api did not start"
    fi
}

# stop_magnum - Stop the API and the conductor
function stop_magnum {
    stop_process magnum-api
    stop_process magnum-cond
}

# cleanup_magnum - Remove what configure_magnum and init_magnum left behind
function cleanup_magnum {
    sudo rm -rf "$MAGNUM_STATE_PATH"
    sudo rm -f "$MAGNUM_CONF" "$MAGNUM_API_PASTE"
}

if is_service_enabled magnum-api magnum-cond; then
    if [[ "$1" == "stack" && "$2" == "install" ]]; then
        echo_summary "Installing magnum"
        install_magnum
    elif [[ "$1" == "stack" && "$2" == "post-config" ]]; then
        echo_summary "Configuring magnum"
        configure_magnum
        if is_service_enabled key; then
            create_magnum_accounts
            create_magnum_trustee_domain
        fi
    elif [[ "$1" == "stack" && "$2" == "extra" ]]; then
        echo_summary "Initializing and starting magnum"
        init_magnum
        start_magnum
    fi

    if [[ "$1" == "unstack" ]]; then
        stop_magnum
    fi

    if [[ "$1" == "clean" ]]; then
        cleanup_magnum
    fi
fi

# Restore xtrace
$_XTRACE_MAGNUM
