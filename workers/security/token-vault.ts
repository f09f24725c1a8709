// Encryption at rest for WB tokens and service secrets: AES-256-GCM under ENCRYPTION_KEY (a secret:
// base64 of 32 random bytes, e.g. `openssl rand -base64 32`). Each value gets a fresh random 12-byte
// IV; GCM's tag makes any change to the ciphertext, the IV or the key fail loudly on decryption.
// Plaintexts never appear in errors or logs.

export class TokenVaultError extends Error {
  override name = "TokenVaultError";
}

/** What is stored: base64 ciphertext (with the GCM tag) and base64 IV. */
export interface SealedSecret {
  ciphertext: string;
  iv: string;
}

/** A CryptoKey from `importEncryptionKey`, or the ENCRYPTION_KEY string itself. */
export type VaultKey = CryptoKey | string | undefined;

const KEY_BYTES = 32;
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> | null {
  const clean = b64.trim();
  if (clean.length === 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(clean) || clean.length % 4 === 1) return null;
  try {
    const binary = atob(clean);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  } catch {
    return null;
  }
}

function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

// Imported keys per isolate, so a request does not re-import the key for every value.
const imported = new Map<string, Promise<CryptoKey>>();

/** Imports ENCRYPTION_KEY; throws a TokenVaultError that says what is wrong with it. */
export function importEncryptionKey(encoded: string | undefined): Promise<CryptoKey> {
  if (encoded === undefined || encoded.trim() === "") {
    return Promise.reject(
      new TokenVaultError("ENCRYPTION_KEY is not set: set it to base64 of 32 random bytes (`openssl rand -base64 32`)"),
    );
  }
  const cached = imported.get(encoded);
  if (cached) return cached;
  const raw = base64ToBytes(encoded);
  if (raw === null) return Promise.reject(new TokenVaultError("ENCRYPTION_KEY is not valid base64"));
  if (raw.length !== KEY_BYTES) {
    return Promise.reject(
      new TokenVaultError(`ENCRYPTION_KEY must decode to ${KEY_BYTES} bytes, it decodes to ${raw.length}`),
    );
  }
  const key = crypto.subtle.importKey("raw", raw, { name: "AES-GCM" }, false, ["encrypt", "decrypt"]);
  imported.set(encoded, key);
  return key;
}

function resolveKey(key: VaultKey): Promise<CryptoKey> {
  return typeof key === "string" || key === undefined ? importEncryptionKey(key) : Promise.resolve(key);
}

/**
 * Encrypts `plaintext`. `context` (optional, e.g. "cabinet:<id>:wb_token") is bound to the
 * ciphertext as associated data: decrypting with another context fails, so a ciphertext copied to
 * another row is useless.
 */
export async function encryptSecret(key: VaultKey, plaintext: string, context?: string): Promise<SealedSecret> {
  const cryptoKey = await resolveKey(key);
  const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
  const params: AesGcmParams = { name: "AES-GCM", iv, ...(context !== undefined ? { additionalData: encoder.encode(context) } : {}) };
  const ciphertext = await crypto.subtle.encrypt(params, cryptoKey, encoder.encode(plaintext));
  return { ciphertext: bytesToBase64(new Uint8Array(ciphertext)), iv: bytesToBase64(iv) };
}

/** Decrypts a sealed secret; throws a TokenVaultError on a wrong key, context or any tampering. */
export async function decryptSecret(key: VaultKey, sealed: SealedSecret, context?: string): Promise<string> {
  const cryptoKey = await resolveKey(key);
  const iv = base64ToBytes(sealed.iv);
  if (iv === null || iv.length !== IV_BYTES) throw new TokenVaultError("stored secret is damaged: bad IV");
  const data = base64ToBytes(sealed.ciphertext);
  if (data === null || data.length < 16) throw new TokenVaultError("stored secret is damaged: bad ciphertext");
  let plain: ArrayBuffer;
  try {
    const params: AesGcmParams = { name: "AES-GCM", iv, ...(context !== undefined ? { additionalData: encoder.encode(context) } : {}) };
    plain = await crypto.subtle.decrypt(params, cryptoKey, data);
  } catch {
    throw new TokenVaultError("stored secret cannot be decrypted: wrong ENCRYPTION_KEY or the value was altered");
  }
  try {
    return decoder.decode(plain);
  } catch {
    throw new TokenVaultError("stored secret cannot be decrypted: not UTF-8");
  }
}
