"""Look-ups in the cloud's other services, made with the caller's token.

The API validates templates, clusters and nodegroups against Glance, Nova,
Neutron and Cinder before it stores anything. ``session`` builds the
keystoneauth session for a request, ``rest`` makes one GET and maps its
failures, ``lookups`` holds the memoised look-ups of one request and
``validation`` turns them into the checks the controllers run.
"""
