"""A non-Java SOAP client of Signet: zeep (Debian's python3-zeep) loads the published WSDL and calls signPdf.

Usage: sign_pdf_with_zeep.py WSDL_URL USER PASSWORD IN.pdf OUT.pdf
Every HTTP request the client makes must go to this machine: a WSDL or schema that made it fetch from anywhere
else fails the run (exit 3), as it would on a network cut off from the internet.
"""
import os
import sys
from urllib.parse import urlparse

from requests import Session
from requests.adapters import HTTPAdapter
from requests.auth import HTTPBasicAuth
from zeep import Client
from zeep.transports import Transport


class LoopbackOnly(HTTPAdapter):
    def send(self, request, **kwargs):
        host = urlparse(request.url).hostname
        if host not in ("localhost", "127.0.0.1", "::1"):
            sys.stderr.write("the client was made to fetch %s\n" % request.url)
            sys.stderr.flush()
            os._exit(3)
        return super().send(request, **kwargs)


def main(wsdl, user, password, pdf_in, pdf_out):
    session = Session()
    session.auth = HTTPBasicAuth(user, password)
    session.trust_env = False
    for scheme in ("http://", "https://"):
        session.mount(scheme, LoopbackOnly())
    client = Client(wsdl, transport=Transport(session=session, timeout=60, operation_timeout=120))
    with open(pdf_in, "rb") as f:
        document = f.read()
    signed = client.service.signPdf(request={
        "seal": "demo", "document": document, "documentName": os.path.basename(pdf_in), "reason": "zeep"})
    with open(pdf_out, "wb") as f:
        f.write(signed.document)
    print("%s %s %s %d" % (signed.format, signed.level, signed.fileName, len(signed.document)))


if __name__ == "__main__":
    main(*sys.argv[1:6])
