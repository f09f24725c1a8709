import { describe, expect, it } from "vitest";

import { randomToken, sha256Hex } from "../../workers/security/hash";
import { decryptSecret, encryptSecret, importEncryptionKey, type SealedSecret, TokenVaultError } from "../../workers/security/token-vault";

function randomKey(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(32))));
}

/** Flips one bit of a base64 value. */
function flip(b64: string, byteIndex = 0): string {
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  bytes[byteIndex % bytes.length]! ^= 0x01;
  return btoa(String.fromCharCode(...bytes));
}

const WB_TOKEN =
  "eyJhbGciOiJFUzI1NiIsImtpZCI6IjIwMjUwOTA0djEiLCJ0eXAiOiJKV1QifQ.eyJhY2MiOjMsImVudCI6MSwiZXhwIjoxNzk1NTEyNzMwLCJpZCI6IjAxOWEifQ.c2lnbmF0dXJl";

describe("token vault", () => {
  it("round-trips a WB token (and non-ASCII text)", async () => {
    const key = randomKey();
    const sealed = await encryptSecret(key, WB_TOKEN);
    expect(sealed.ciphertext).not.toContain(WB_TOKEN.slice(0, 20));
    expect(atob(sealed.iv)).toHaveLength(12);
    expect(await decryptSecret(key, sealed)).toBe(WB_TOKEN);

    const cryptoKey = await importEncryptionKey(key);
    const text = "секрет сервиса 🔑";
    expect(await decryptSecret(cryptoKey, await encryptSecret(cryptoKey, text))).toBe(text);
  });

  it("uses a fresh IV for every value", async () => {
    const key = randomKey();
    const a = await encryptSecret(key, WB_TOKEN);
    const b = await encryptSecret(key, WB_TOKEN);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
  });

  it("fails loudly on any tampering", async () => {
    const key = randomKey();
    const sealed = await encryptSecret(key, WB_TOKEN);
    const tampered: SealedSecret[] = [
      { ...sealed, ciphertext: flip(sealed.ciphertext, 3) },
      // The last 16 bytes are the GCM tag.
      { ...sealed, ciphertext: flip(sealed.ciphertext, atob(sealed.ciphertext).length - 1) },
      { ...sealed, iv: flip(sealed.iv) },
      { ...sealed, ciphertext: sealed.ciphertext.slice(0, 8) },
      { ...sealed, iv: "not base64!" },
    ];
    for (const t of tampered) {
      await expect(decryptSecret(key, t)).rejects.toBeInstanceOf(TokenVaultError);
    }
    await expect(decryptSecret(key, tampered[0]!)).rejects.toThrow(/altered/);
  });

  it("refuses the wrong key, and binds the optional context", async () => {
    const sealed = await encryptSecret(randomKey(), WB_TOKEN);
    await expect(decryptSecret(randomKey(), sealed)).rejects.toThrow(/wrong ENCRYPTION_KEY or the value was altered/);

    const key = randomKey();
    const bound = await encryptSecret(key, WB_TOKEN, "cabinet:a:wb_token");
    expect(await decryptSecret(key, bound, "cabinet:a:wb_token")).toBe(WB_TOKEN);
    await expect(decryptSecret(key, bound, "cabinet:b:wb_token")).rejects.toBeInstanceOf(TokenVaultError);
    await expect(decryptSecret(key, bound)).rejects.toBeInstanceOf(TokenVaultError);
  });

  it("says clearly what is wrong with ENCRYPTION_KEY", async () => {
    await expect(encryptSecret(undefined, "x")).rejects.toThrow(/ENCRYPTION_KEY is not set/);
    await expect(encryptSecret("   ", "x")).rejects.toThrow(/ENCRYPTION_KEY is not set/);
    await expect(encryptSecret("%%%not-base64%%%", "x")).rejects.toThrow(/not valid base64/);
    await expect(encryptSecret(btoa("16 bytes exactly"), "x")).rejects.toThrow(/must decode to 32 bytes, it decodes to 16/);
    // The error never echoes the key.
    const short = btoa("short key material");
    await expect(encryptSecret(short, "x")).rejects.not.toThrow(new RegExp(short.slice(0, 10)));
  });
});

describe("hash", () => {
  it("hashes with SHA-256 hex", async () => {
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(await sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });

  it("makes random URL-safe tokens", () => {
    const a = randomToken();
    const b = randomToken();
    expect(a).not.toBe(b);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken({ prefix: "wba_", bytes: 24 })).toMatch(/^wba_[A-Za-z0-9_-]{32}$/);
    expect(() => randomToken({ bytes: 8 })).toThrow(RangeError);
  });
});
