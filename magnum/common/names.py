"""Random names for resources created without one."""

import random

_LETTERS = ('alpha', 'beta', 'gamma', 'delta', 'epsilon', 'zeta', 'eta',
            'theta', 'iota', 'kappa', 'lambda', 'mu', 'nu', 'xi', 'omicron',
            'pi', 'rho', 'sigma', 'tau', 'upsilon', 'phi', 'chi', 'psi',
            'omega')


def generate(kind):
    """Return a name like ``kappa-7-template`` for a resource of ``kind``.

    Names need not be unique; resources are found by uuid.
    """
    rng = random.SystemRandom()
    return '%s-%d-%s' % (rng.choice(_LETTERS), rng.randint(1, 24), kind)
