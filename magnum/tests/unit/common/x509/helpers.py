"""Certificate requests and checks shared by the x509 tests."""

import os
import shutil
import subprocess
import tempfile

from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import serialization
from cryptography import x509
from cryptography.x509.oid import NameOID

# Small keys keep the tests fast; 1024 is the smallest [x509] allows.
TEST_KEY_SIZE = 1024


def make_csr(common_name='node-0', extensions=(), key=None):
    """Return (PEM CSR text, key) with ``extensions`` as (value, critical).
    """
    key = key or rsa.generate_private_key(public_exponent=65537,
                                          key_size=TEST_KEY_SIZE)
    builder = x509.CertificateSigningRequestBuilder().subject_name(
        x509.Name([x509.NameAttribute(NameOID.ORGANIZATION_NAME,
                                      'system:nodes'),
                   x509.NameAttribute(NameOID.COMMON_NAME, common_name)]))
    for value, critical in extensions:
        builder = builder.add_extension(value, critical=critical)
    csr = builder.sign(key, hashes.SHA256())
    return csr.public_bytes(serialization.Encoding.PEM).decode('ascii'), key


def load(pem):
    """Parse a PEM certificate."""
    return x509.load_pem_x509_certificate(pem.encode('ascii'))


def issued_by(certificate_pem, ca_pem):
    """Whether the CA's key signed the certificate (and names match)."""
    try:
        load(certificate_pem).verify_directly_issued_by(load(ca_pem))
    except Exception:
        return False
    return True


def openssl_verify(testcase, ca_pem, certificate_pem, purpose=None):
    """Run ``openssl verify`` on the chain; skip without openssl.

    :returns: (exit status, combined output).
    """
    binary = shutil.which('openssl')
    if binary is None:
        testcase.skipTest('openssl is not installed')
    directory = tempfile.mkdtemp()
    testcase.addCleanup(shutil.rmtree, directory)
    ca_path = os.path.join(directory, 'ca.crt')
    cert_path = os.path.join(directory, 'cert.crt')
    with open(ca_path, 'w') as f:
        f.write(ca_pem)
    with open(cert_path, 'w') as f:
        f.write(certificate_pem)
    command = [binary, 'verify', '-CAfile', ca_path]
    if purpose:
        command += ['-purpose', purpose]
    result = subprocess.run(command + [cert_path], capture_output=True,
                            text=True, check=False)
    return result.returncode, result.stdout + result.stderr
