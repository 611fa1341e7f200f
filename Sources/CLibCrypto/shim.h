// OpenSSL's libcrypto (Debian's libssl-dev, which libpq-dev already depends on): the SHA-256 of import files.
#include <openssl/evp.h>
