"""Helpers shared by the drivers that build clusters as Heat stacks.

``inputs`` does every look-up rendering needs, ``render`` turns a cluster
into a template, parameters and environment files without I/O, ``stack``
creates, changes and deletes stacks, ``observe`` maps stacks to an
observation and ``driver`` puts them together behind the driver contract.

What the drivers declare alike lives here too: ``label_table`` (the
building blocks of their labels), ``node_config`` (definitions whose
values reach the nodes encoded), ``template_files`` (where templates and
bootstrap scripts are) and ``template_checks`` (template validation).
"""
