/**
 * A test-only TLS identity for the local HTTPS fakes: a self-signed P-256 certificate for `localhost`, `127.0.0.1`
 * and `::1`, valid 2020-01-01 to 2125-12-31 (back-dated so a machine with a skewed clock still accepts it).
 * It protects nothing; it exists so tests exercise real TLS. Kept as TypeScript strings rather than .pem files so it
 * also works from dist/, where tsc copies no assets.
 *
 * Regenerate (OpenSSL 3.0 lacks `req -not_before`, hence `ca -selfsign` for the back-dated start):
 *   mkdir db && touch db/index.txt && echo 1000 > db/serial
 *   openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=Council Hub test Graph fake" \
 *     -keyout key.pem -out req.csr
 *   openssl ca -batch -selfsign -config ca.cnf -keyfile key.pem -in req.csr -startdate 20200101000000Z \
 *     -enddate 21251231000000Z -extensions ext -notext -out cert.pem
 * where ca.cnf's [ext] has subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1, basicConstraints = critical,CA:FALSE,
 * keyUsage = critical,digitalSignature and extendedKeyUsage = serverAuth.
 */

/** PEM certificate; also the only CA a client needs to trust the fake. */
export const TEST_TLS_CERT = `-----BEGIN CERTIFICATE-----
MIIBwjCCAWigAwIBAgICEAAwCgYIKoZIzj0EAwIwJjEkMCIGA1UEAwwbQ291bmNp
bCBIdWIgdGVzdCBHcmFwaCBmYWtlMCAXDTIwMDEwMTAwMDAwMFoYDzIxMjUxMjMx
MDAwMDAwWjAmMSQwIgYDVQQDDBtDb3VuY2lsIEh1YiB0ZXN0IEdyYXBoIGZha2Uw
WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATGaGdC31ptt7WBcFqR5yB63zMoDKgt
H7v16CDFXqFmywQegzgvAhacTZAZrAeSRf9YkhlpnMhbrVW3kXWG6CEVo4GDMIGA
MCwGA1UdEQQlMCOCCWxvY2FsaG9zdIcEfwAAAYcQAAAAAAAAAAAAAAAAAAAAATAM
BgNVHRMBAf8EAjAAMA4GA1UdDwEB/wQEAwIHgDATBgNVHSUEDDAKBggrBgEFBQcD
ATAdBgNVHQ4EFgQUjXFfEA0+eQcn3VVeXyrGOJMfHaEwCgYIKoZIzj0EAwIDSAAw
RQIhAM8ISbup8TUq/D4CTJeC+q8726f2xk94xWZK5/AJiMgeAiAMCZZmDoPEPNWx
WLIW8vk+FrxKZZBR1i3J/e1YkLMVZg==
-----END CERTIFICATE-----
`;

/** PEM private key for {@link TEST_TLS_CERT}; test-only, never used outside the local fakes. */
export const TEST_TLS_KEY = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgTnuwDNn1zem/15OJ
KL7C4ruLIDNtuEKPeZqAZZsU1eihRANCAATGaGdC31ptt7WBcFqR5yB63zMoDKgt
H7v16CDFXqFmywQegzgvAhacTZAZrAeSRf9YkhlpnMhbrVW3kXWG6CEV
-----END PRIVATE KEY-----
`;
