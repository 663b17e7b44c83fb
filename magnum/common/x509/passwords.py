"""Random passwords and passphrases from [DEFAULT] password_symbols."""

import secrets

import magnum.conf

CONF = magnum.conf.CONF

_random = secrets.SystemRandom()


def generate_password(length):
    """Return a random password of ``length`` characters.

    At least one character comes from each group of ``password_symbols``
    (when ``length`` allows it), so that the password passes a Keystone
    policy that asks for character classes.

    :param length: the number of characters.
    :returns: the password as a str.
    :raises: ValueError when ``password_symbols`` is empty.
    """
    groups = [group for group in CONF.password_symbols if group]
    if not groups:
        raise ValueError('[DEFAULT] password_symbols has no characters to '
                         'build a password from.')
    alphabet = ''.join(groups)
    chars = [secrets.choice(group) for group in groups[:length]]
    chars.extend(secrets.choice(alphabet)
                 for _ in range(length - len(chars)))
    _random.shuffle(chars)
    return ''.join(chars)
