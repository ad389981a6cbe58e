// cargo-leptos starts the server and the tests at the same moment: wait until it answers.
export default async function globalSetup(): Promise<void> {
  const url = `http://${process.env.LEPTOS_SITE_ADDR ?? "127.0.0.1:3000"}/healthz`;
  const deadline = Date.now() + 60_000;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
      last = `status ${response.status}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the portal did not become healthy at ${url}: ${last}`);
}
