"""tools/localcloud: a local OpenStack cloud of real services for magnum.

See README.rst beside this file.
"""
