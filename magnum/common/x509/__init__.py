"""X.509 keys and certificates for clusters, built with ``cryptography``.

``passwords`` makes random secrets, ``keys`` makes and (de)serialises RSA
keys, ``authority`` issues the cluster CAs and the admin client
certificate, ``extensions`` decides which CSR extensions survive and
``signing`` signs certificate requests.
"""
