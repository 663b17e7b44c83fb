"""Tests of the x509 key pair functions of the database API."""

from oslo_utils import uuidutils

from magnum.common import context
from magnum.common import exception
from magnum.db import api as dbapi
from magnum.tests.unit.db import utils


class X509KeyPairTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = context.make_context(project_id=utils.PROJECT_ID)

    def test_create_and_get(self):
        row = utils.create_test_x509keypair()
        by_uuid = dbapi.get_x509keypair_by_uuid(self.context, row.uuid)
        by_id = dbapi.get_x509keypair_by_id(self.context, row.id)
        self.assertEqual('certificate', by_uuid.certificate)
        self.assertEqual(row.uuid, by_id.uuid)

    def test_create_duplicate(self):
        utils.create_test_x509keypair()
        self.assertRaises(exception.X509KeyPairAlreadyExists,
                          utils.create_test_x509keypair)

    def test_other_project_not_found(self):
        row = utils.create_test_x509keypair(project_id='other')
        self.assertRaises(exception.X509KeyPairNotFound,
                          dbapi.get_x509keypair_by_uuid, self.context,
                          row.uuid)

    def test_list(self):
        rows = [utils.create_test_x509keypair(
            uuid=uuidutils.generate_uuid()) for _i in range(3)]
        page = dbapi.get_x509keypair_list(self.context, limit=2,
                                          marker=rows[0].uuid)
        self.assertEqual([r.uuid for r in rows[1:]], [r.uuid for r in page])

    def test_update_and_destroy(self):
        row = utils.create_test_x509keypair()
        updated = dbapi.update_x509keypair(row.uuid, {'certificate': 'new'})
        self.assertEqual('new', updated.certificate)
        dbapi.destroy_x509keypair(row.uuid)
        self.assertRaises(exception.X509KeyPairNotFound,
                          dbapi.get_x509keypair_by_uuid, self.context,
                          row.uuid)
        self.assertRaises(exception.X509KeyPairNotFound,
                          dbapi.destroy_x509keypair, row.uuid)
        self.assertRaises(exception.X509KeyPairNotFound,
                          dbapi.update_x509keypair, row.uuid, {})
