"""A fake cluster driver for tests; see :mod:`magnum.drivers.fake.driver`."""
