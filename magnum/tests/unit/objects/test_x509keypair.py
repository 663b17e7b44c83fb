"""Tests of the X509KeyPair object."""

from magnum.common import context
from magnum.common import exception
from magnum import objects
from magnum.tests.unit.db import utils


class X509KeyPairObjectTest(utils.DbTestCase):

    def setUp(self):
        super().setUp()
        self.context = context.make_context(project_id=utils.PROJECT_ID)

    def test_crud(self):
        values = utils.get_test_x509keypair()
        del values['uuid']
        keypair = objects.X509KeyPair(self.context, **values)
        keypair.create()
        for ident in (keypair.id, keypair.uuid):
            self.assertEqual('certificate', objects.X509KeyPair.get(
                self.context, ident).certificate)
        keypair.certificate = 'renewed'
        keypair.save()
        self.assertEqual(['renewed'], [
            k.certificate for k in objects.X509KeyPair.list(self.context)])
        keypair.destroy()
        self.assertRaises(exception.X509KeyPairNotFound,
                          objects.X509KeyPair.get_by_uuid, self.context,
                          keypair.uuid)

    def test_get_by_name_is_invalid(self):
        self.assertRaises(exception.InvalidIdentity, objects.X509KeyPair.get,
                          self.context, 'not-an-id')
