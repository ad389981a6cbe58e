import type { Page } from "@playwright/test";
import { createHmac } from "node:crypto";
import { mkdirSync, openSync, closeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

// The authenticator app of the browser tests: RFC 6238 codes (SHA-1, six digits, 30 s) from
// the base32 secrets `quarterhour create-staff` printed, which scripts/test passes in
// QH_E2E_MODERATOR_TOTP and QH_E2E_ADMIN_TOTP.

function base32(text: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const c of text.replace(/=+$/, "").toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, "0");
  }
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** The code of a 30-second step. */
export function totpAt(secret: string, step: number): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac("sha1", base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(value).padStart(6, "0");
}

/** The secret in an `otpauth://` address. */
export function secretOf(uri: string): string {
  return new URL(uri).searchParams.get("secret") ?? "";
}

// The portal takes each step's code once per account, so an account signs in with a code at
// most once per 30 s. The tests sign in as the same accounts many times over, so each sign-in
// claims what it uses (a file made only if it is not there yet, across workers): a step the
// server accepts now, or else one of the account's recovery codes, or else it waits for the
// next step.
const claims = join(tmpdir(), "quarterhour-e2e-totp");

function claim(name: string): boolean {
  try {
    closeSync(openSync(join(claims, name), "wx"));
    return true;
  } catch {
    return false;
  }
}

/** A code for `username` that no other sign-in of this run has used. */
export async function freshCode(username: string, secret: string, recovery: string[] = []): Promise<string> {
  mkdirSync(claims, { recursive: true });
  for (;;) {
    const now = Date.now() / 30_000;
    const current = Math.floor(now);
    // The step before is still taken early in a step; the server allows one step either way.
    const steps = now - current < 0.5 ? [current - 1, current, current + 1] : [current, current + 1];
    const step = steps.find((s) => claim(`${username}-${s}`));
    if (step !== undefined) return totpAt(secret, step);
    const spare = recovery.find((code) => claim(`${username}-${code}`));
    if (spare !== undefined) return spare;
    await new Promise((resolve) => setTimeout(resolve, 30_000 - (Date.now() % 30_000) + 50));
  }
}

/** The accounts scripts/test makes, with what their authenticator apps hold. */
function factorFor(username: string): { secret: string; recovery: string[] } {
  const accounts: Record<string, [string | undefined, string | undefined]> = {
    [process.env.QH_E2E_MODERATOR ?? "e2e.moderator"]: [
      process.env.QH_E2E_MODERATOR_TOTP,
      process.env.QH_E2E_MODERATOR_RECOVERY,
    ],
    [process.env.QH_E2E_ADMIN ?? "e2e.admin"]: [process.env.QH_E2E_ADMIN_TOTP, process.env.QH_E2E_ADMIN_RECOVERY],
  };
  const [secret, recovery] = accounts[username] ?? [];
  if (!secret) throw new Error(`no second factor known for ${username}: scripts/test sets QH_E2E_*_TOTP`);
  return { secret, recovery: (recovery ?? "").split(/\s+/).filter((c) => c) };
}

/** Types the current code of `username`'s authenticator app into the sign-in form. */
export async function fillCode(page: Page, username: string, label = "验证码"): Promise<void> {
  const { secret, recovery } = factorFor(username);
  await page.getByLabel(label, { exact: true }).fill(await freshCode(username, secret, recovery));
}
