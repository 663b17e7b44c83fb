"""The defaults operators get when they configure nothing."""

from oslo_config import cfg
import testtools

import magnum.conf


class DefaultsTestCase(testtools.TestCase):

    def setUp(self):
        super().setUp()
        self.conf = cfg.ConfigOpts()
        magnum.conf.register_opts(self.conf)
        self.conf([], project='magnum', default_config_files=[])
        self.addCleanup(self.conf.reset)

    def test_api(self):
        self.assertEqual('127.0.0.1', self.conf.api.host)
        self.assertEqual(9511, self.conf.api.port)
        self.assertEqual(1000, self.conf.api.max_limit)
        self.assertEqual('keystone', self.conf.api.auth_strategy)
        self.assertIsNone(self.conf.api.workers)
        self.assertEqual('api-paste.ini', self.conf.api.api_paste_config)
        self.assertFalse(self.conf.api.enabled_ssl)

    def test_auth_strategy_choices(self):
        self.assertRaises(ValueError, self.conf.set_override,
                          'auth_strategy', 'basic', group='api')
        self.conf.set_override('auth_strategy', 'noauth', group='api')
        self.assertEqual('noauth', self.conf.api.auth_strategy)

    def test_conductor(self):
        self.assertEqual('magnum-conductor', self.conf.conductor.topic)
        self.assertIsNone(self.conf.conductor.workers)
        self.assertEqual(4, self.conf.conductor.conductor_life_check_timeout)
        self.assertEqual(60, self.conf.conductor.operation_lease_seconds)
        self.assertEqual(10, self.conf.conductor.status_sync_interval)
        self.assertEqual(8, self.conf.conductor.max_concurrent_status_gets)

    def test_default_group(self):
        self.assertEqual('/var/lib/magnum', self.conf.state_path)
        self.assertTrue(self.conf.periodic_enable)
        self.assertEqual(60, self.conf.periodic_interval_max)
        self.assertEqual(180, self.conf.service_down_time)
        self.assertEqual(524288, self.conf.max_manifest_size)
        self.assertEqual(3, len(self.conf.password_symbols))
        self.assertEqual(self.conf.pybasedir + '/bin', self.conf.bindir)

    def test_password_symbols_avoid_look_alikes(self):
        symbols = ''.join(self.conf.password_symbols)
        for char in '01IOlo':
            self.assertNotIn(char, symbols)

    def test_database(self):
        self.assertEqual('sqlite:////var/lib/magnum/magnum.sqlite',
                         self.conf.database.connection)
        self.assertEqual('InnoDB', self.conf.database.mysql_engine)

    def test_cluster(self):
        self.assertEqual('soft-anti-affinity',
                         self.conf.cluster.nodes_affinity_policy)
        self.assertEqual('/var/lib/magnum/certificate-cache',
                         self.conf.cluster.temp_cache_dir)
        self.assertEqual(60, self.conf.cluster.pre_delete_lb_timeout)
        self.assertEqual('https://discovery.etcd.io/new?size=%(size)d',
                         self.conf.cluster.
                         etcd_discovery_service_endpoint_format)

    def test_cluster_template(self):
        group = self.conf.cluster_template
        self.assertEqual(['flannel', 'calico'],
                         group.kubernetes_allowed_network_drivers)
        self.assertEqual('flannel', group.kubernetes_default_network_driver)
        self.assertEqual(['all'], group.swarm_allowed_network_drivers)
        self.assertEqual('docker', group.swarm_default_network_driver)
        self.assertEqual(['all'], group.mesos_allowed_network_drivers)
        self.assertEqual('docker', group.mesos_default_network_driver)

    def test_cluster_heat(self):
        self.assertEqual(60, self.conf.cluster_heat.create_timeout)
        self.assertEqual(2000, self.conf.cluster_heat.max_attempts)
        self.assertEqual(1, self.conf.cluster_heat.wait_interval)
        self.assertEqual([], self.conf.cluster_heat.extra_environment_files)

    def test_clients(self):
        self.assertEqual('publicURL', self.conf.heat_client.endpoint_type)
        self.assertEqual('1', self.conf.heat_client.api_version)
        self.assertIsNone(self.conf.nova_client.region_name)
        self.assertFalse(self.conf.octavia_client.insecure)
        self.assertEqual('3', self.conf.cinder_client.api_version)

    def test_trust(self):
        self.assertFalse(self.conf.trust.cluster_user_trust)
        self.assertEqual([], self.conf.trust.roles)
        self.assertEqual('public', self.conf.trust.trustee_keystone_interface)
        self.assertIsNone(self.conf.trust.trustee_domain_id)

    def test_secrets_are_marked_secret(self):
        listed = {
            getattr(group, 'name', group): {opt.dest: opt
                                            for opt in group_opts}
            for group, group_opts in magnum.conf.opts.list_opts()}
        self.assertTrue(
            listed['trust']['trustee_domain_admin_password'].secret)
        self.assertTrue(
            listed['certificates']['storage_encryption_key'].secret)

    def test_certificates_and_x509(self):
        self.assertEqual('x509keypair',
                         self.conf.certificates.cert_manager_type)
        self.assertEqual('/var/lib/magnum/certificates/',
                         self.conf.certificates.storage_path)
        self.assertIsNone(self.conf.certificates.storage_encryption_key)
        self.assertFalse(self.conf.x509.allow_ca)
        self.assertEqual(1825, self.conf.x509.term_of_validity)
        self.assertEqual(2048, self.conf.x509.rsa_key_size)
        self.assertIn('subjectAltName', self.conf.x509.allowed_extensions)
        self.assertEqual(
            ['Digital Signature', 'Key Encipherment', 'Non Repudiation'],
            self.conf.x509.allowed_key_usage)

    def test_cinder(self):
        self.assertEqual('', self.conf.cinder.default_docker_volume_type)
        self.assertEqual('', self.conf.cinder.default_etcd_volume_type)
        self.assertEqual('', self.conf.cinder.default_boot_volume_type)
        self.assertEqual(0, self.conf.cinder.default_boot_volume_size)

    def test_drivers_kubernetes_quotas_registry(self):
        self.assertTrue(self.conf.drivers.verify_ca)
        self.assertEqual([], self.conf.drivers.disabled_drivers)
        self.assertIsNone(self.conf.drivers.default_driver)
        self.assertEqual(60, self.conf.kubernetes.health_polling_interval)
        self.assertEqual(20, self.conf.quotas.max_clusters_per_project)
        self.assertEqual('docker_registry',
                         self.conf.docker_registry.swift_registry_container)

    def test_keystone_auth(self):
        self.assertEqual('password', self.conf.keystone_auth.auth_type)
        self.assertIn('cafile', self.conf.keystone_auth)
