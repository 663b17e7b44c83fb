"""Tests for random passwords."""

from magnum.common.x509 import passwords
from magnum.tests import base


class TestGeneratePassword(base.TestCase):

    def test_length_and_alphabet(self):
        password = passwords.generate_password(18)
        self.assertEqual(18, len(password))
        alphabet = ''.join(self.conf.password_symbols)
        self.assertTrue(set(password) <= set(alphabet))

    def test_every_group_is_used(self):
        self.config(password_symbols=['0', 'a', 'Z'])
        for _ in range(20):
            self.assertEqual({'0', 'a', 'Z'},
                             set(passwords.generate_password(3)))

    def test_short_password_uses_first_groups(self):
        self.config(password_symbols=['0', 'a', 'Z'])
        self.assertEqual(1, len(passwords.generate_password(1)))

    def test_passwords_differ(self):
        self.assertNotEqual(passwords.generate_password(18),
                            passwords.generate_password(18))

    def test_no_symbols_is_an_error(self):
        self.config(password_symbols=[])
        self.assertRaises(ValueError, passwords.generate_password, 12)
