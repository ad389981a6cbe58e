import { readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

const origin = `http://${process.env.LEPTOS_SITE_ADDR ?? "127.0.0.1:3000"}`;
// cargo-leptos names the site root relative to the workspace, one folder up from here.
const siteRoot = resolve(__dirname, "..", process.env.LEPTOS_SITE_ROOT ?? "target/site");

// cargo-leptos starts the server and the tests at the same moment: wait until it answers, and
// then until it has compressed the client's files (server/src/assets.rs). That takes a core for
// several seconds after the start, and tests run while it does were seen to be slow enough to
// time out.
export default async function globalSetup(): Promise<void> {
  await until(`the portal did not become healthy at ${origin}/healthz`, async () => {
    const response = await fetch(`${origin}/healthz`);
    return response.ok || `status ${response.status}`;
  });
  // Compression goes largest first, so the smallest file is the last to be ready; a compressed
  // file is served with an ETag.
  const smallest = smallestClientFile();
  if (smallest === undefined) return;
  await until(`the portal did not compress /pkg/${smallest}`, async () => {
    const response = await fetch(`${origin}/pkg/${smallest}`, {
      method: "HEAD",
      headers: { "Accept-Encoding": "br" },
    });
    return response.headers.has("etag") || "no ETag yet";
  });
}

function smallestClientFile(): string | undefined {
  const folder = join(siteRoot, "pkg");
  let names: string[];
  try {
    names = readdirSync(folder).filter((name) => /\.(wasm|js|css)$/.test(name));
  } catch {
    return undefined;
  }
  return names
    .map((name) => ({ name, size: statSync(join(folder, name)).size }))
    .sort((a, b) => a.size - b.size)[0]?.name;
}

async function until(failure: string, check: () => Promise<true | string>): Promise<void> {
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const result = await check();
      if (result === true) return;
      last = result;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${failure}: ${last}`);
}
