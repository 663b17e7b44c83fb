"""Helpers shared by the drivers that build clusters as Heat stacks.

``inputs`` does every look-up rendering needs, ``render`` turns a cluster
into a template, parameters and environment files without I/O, ``stack``
creates, changes and deletes stacks, ``observe`` maps stacks to an
observation and ``driver`` puts them together behind the driver contract.
"""
