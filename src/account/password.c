/* password.c - argon2id hashes and tokens on libsodium; see password.h. */
#include "account/password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/banned.h"

_Static_assert(PASSWORD_HASH_MAX == crypto_pwhash_STRBYTES, "hash buffer size");

struct hash_cost {
	const char *name;
	unsigned long long opslimit;
	size_t memlimit;
};

static const struct hash_cost costs[] = {
        {"interactive", crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE},
        {"moderate", crypto_pwhash_OPSLIMIT_MODERATE, crypto_pwhash_MEMLIMIT_MODERATE},
        {"minimum", crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN},
};

/* Set by password_init() before any thread starts, read-only after. */
static const struct hash_cost *cost = &costs[0];

enum bg_err password_init(char *msg, size_t len)
{
	if (sodium_init() < 0) {
		snprintf(msg, len, "cannot initialise libsodium");
		return BG_IO;
	}
	const char *name = getenv("BINGE_PASSWORD_COST");
	if (!name || !*name) {
		cost = &costs[0];
		return BG_OK;
	}
	for (size_t i = 0; i < sizeof(costs) / sizeof(costs[0]); i++)
		if (strcmp(name, costs[i].name) == 0) {
			cost = &costs[i];
			return BG_OK;
		}
	snprintf(msg, len, "BINGE_PASSWORD_COST: unknown cost '%s' (interactive, moderate, minimum)",
	         name);
	return BG_INVALID;
}

const char *password_cost_name(void)
{
	return cost->name;
}

enum bg_err password_hash(const char *secret, char out[PASSWORD_HASH_MAX])
{
	if (crypto_pwhash_str(out, secret, strlen(secret), cost->opslimit, cost->memlimit) != 0)
		return BG_NOMEM;
	return BG_OK;
}

bool password_verify(const char *hash, const char *secret)
{
	return crypto_pwhash_str_verify(hash, secret, strlen(secret)) == 0;
}

bool password_hash_is_current(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, cost->opslimit, cost->memlimit) == 0;
}

void secret_wipe(void *p, size_t len)
{
	sodium_memzero(p, len);
}

void token_new(char out[TOKEN_LEN + 1])
{
	unsigned char raw[32];
	randombytes_buf(raw, sizeof(raw));
	sodium_bin2base64(out, TOKEN_LEN + 1, raw, sizeof(raw),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void token_digest(const char *token, char out[TOKEN_DIGEST_LEN + 1])
{
	unsigned char digest[32];
	crypto_generichash(digest, sizeof(digest), (const unsigned char *)token, strlen(token),
	                   NULL, 0);
	sodium_bin2hex(out, TOKEN_DIGEST_LEN + 1, digest, sizeof(digest));
}

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void dummy_hash_make(void)
{
	/* 32 random bytes nobody keeps; if hashing fails the hash stays empty
	 * and matches nothing, only faster. */
	unsigned char secret[33];
	randombytes_buf(secret, 32);
	for (size_t i = 0; i < 32; i++)
		secret[i] = (unsigned char)('a' + secret[i] % 26);
	secret[32] = '\0';
	if (password_hash((const char *)secret, dummy_hash) != BG_OK)
		dummy_hash[0] = '\0';
	sodium_memzero(secret, sizeof(secret));
}

const char *password_dummy_hash(void)
{
	pthread_once(&dummy_once, dummy_hash_make);
	return dummy_hash;
}

_Static_assert(MAC_KEY_LEN == crypto_auth_hmacsha256_KEYBYTES, "MAC key size");

void mac_key_new(unsigned char key[MAC_KEY_LEN])
{
	crypto_auth_hmacsha256_keygen(key);
}

void mac_sign(const unsigned char key[MAC_KEY_LEN], const char *msg, size_t len,
              char out[MAC_LEN + 1])
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256(mac, (const unsigned char *)msg, len, key);
	sodium_bin2base64(out, MAC_LEN + 1, mac, sizeof(mac),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool mac_verify(const unsigned char key[MAC_KEY_LEN], const char *msg, size_t len, const char *sig)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	size_t n = 0;
	if (!sig || strlen(sig) != MAC_LEN ||
	    sodium_base642bin(mac, sizeof(mac), sig, MAC_LEN, NULL, &n, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 ||
	    n != sizeof(mac))
		return false;
	return crypto_auth_hmacsha256_verify(mac, (const unsigned char *)msg, len, key) == 0;
}

bool secret_equal(const char *a, const char *b)
{
	size_t n = strlen(a);
	return n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

enum bg_err file_digest(const char *path, char out[65])
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return BG_IO;
	crypto_generichash_state state;
	unsigned char block[65536], digest[32];
	crypto_generichash_init(&state, NULL, 0, sizeof(digest));
	size_t n;
	while ((n = fread(block, 1, sizeof(block), f)) > 0)
		crypto_generichash_update(&state, block, n);
	bool failed = ferror(f) != 0;
	fclose(f);
	if (failed)
		return BG_IO;
	crypto_generichash_final(&state, digest, sizeof(digest));
	sodium_bin2hex(out, 65, digest, sizeof(digest));
	return BG_OK;
}
