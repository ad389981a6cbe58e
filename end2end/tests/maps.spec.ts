import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

test.describe("without tiles (the offline default)", () => {
  test("a street's map names its road and its shops", async ({ page }) => {
    await page.goto("/merchants/streets/1");
    const map = page.getByRole("group", { name: "地图：街区上的成员店铺" });
    await expect(map.locator(".street-name")).toHaveText("棉纺东路");
    await expect(map.locator(".shop-name", { hasText: "老街坊胡辣汤" })).toBeVisible();
    await expect(map.locator(".shop-name")).toHaveCount(16);
  });

  test("near me shows the community's name and the street around home", async ({ page }) => {
    await page.goto("/near#home=34.73020,113.61680");
    await hydrated(page);
    const map = page.getByRole("group", { name: /地图/ });
    await expect(map.locator(".place-name", { hasText: "棉纺东路社区" })).toBeVisible();
    await expect(map.locator(".street-name")).toHaveText("棉纺东路");
    await expect(page.getByText("橙色线：商户自治街")).toBeVisible();
  });

  test("the shop-location map opens on the chosen street", async ({ page }) => {
    await page.goto("/merchants/register?street=1");
    await hydrated(page);
    const map = page.getByRole("group", { name: "地图：点按店铺所在位置" });
    await expect(map.locator(".street-name")).toHaveText("棉纺东路");
    await map.click({ position: { x: 60, y: 60 } });
    await expect(page.getByLabel("纬度")).not.toHaveValue("");
  });
});

/** Tiles drawn on the fly: a 256 px square naming its z/x/y, as a tile server would answer. */
function tileServer(requests: string[]): Promise<Server> {
  const server = createServer((request, response) => {
    requests.push(request.url ?? "");
    const [z, x, y] = (request.url ?? "").match(/\d+/g) ?? [];
    response.writeHead(200, { "content-type": "image/svg+xml", "access-control-allow-origin": "*" });
    response.end(
      `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256"><rect width="256" height="256" fill="#e7efe1" stroke="#9ca3af"/><text x="12" y="24" font-size="14">${z}/${x}/${y}</text></svg>`,
    );
  });
  return new Promise((done) => server.listen(0, "127.0.0.1", () => done(server)));
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => done(port));
    });
  });
}

test.describe("with tiles configured", () => {
  const root = resolve(__dirname, "..", "..");
  const requests: string[] = [];
  let tiles: Server;
  let portal: ChildProcess;
  let origin = "";
  let dataDir = "";

  test.beforeAll(async () => {
    tiles = await tileServer(requests);
    const tileOrigin = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
    const port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), "qh-tiles-"));
    // A second portal, as a deployment with a tile source runs it.
    portal = spawn(process.env.QH_E2E_BIN ?? join(root, "target/release/quarterhour"), [], {
      cwd: root,
      stdio: "ignore",
      env: {
        ...process.env,
        LEPTOS_SITE_ADDR: `127.0.0.1:${port}`,
        LEPTOS_SITE_ROOT: process.env.LEPTOS_SITE_ROOT ?? "target/site",
        DATABASE_URL: `sqlite://${dataDir}/tiles.db`,
        QH_MAP_TILES: `${tileOrigin}/tiles/{z}/{x}/{y}.svg`,
        QH_MAP_ATTRIBUTION: "测试瓦片",
      },
    });
    for (let i = 0; i < 300; i++) {
      const ok = await fetch(`${origin}/healthz`).then((r) => r.ok, () => false);
      if (ok) return;
      await new Promise((wait) => setTimeout(wait, 100));
    }
    throw new Error("the portal with tiles did not start");
  });

  test.afterAll(async () => {
    portal?.kill();
    await new Promise((done) => tiles?.close(done));
    rmSync(dataDir, { recursive: true, force: true });
  });

  test("every map shows the tiles, and the page allows images from that host alone", async ({ page }) => {
    const response = await page.goto(`${origin}/near#home=34.73020,113.61680`);
    const policy = response?.headers()["content-security-policy"] ?? "";
    const tileHost = `http://127.0.0.1:${(tiles.address() as AddressInfo).port}`;
    expect(policy).toContain(`img-src 'self' data: ${tileHost};`);
    await hydrated(page);
    const tileImages = page.locator(".leaflet-tile-pane img");
    await expect(tileImages.first()).toBeVisible();
    expect(requests.some((url) => /^\/tiles\/1\d\/\d+\/\d+\.svg$/.test(url))).toBe(true);
    await expect(page.getByText("测试瓦片")).toBeVisible();
    // The scene is the same: the street named on the tiles, the drawn map set aside.
    await expect(page.locator(".leaflet-tooltip", { hasText: "棉纺东路" }).first()).toBeVisible();
    await expect(page.getByRole("group", { name: /地图/ })).toBeHidden();

    // A tap on the tiles moves home there.
    const before = page.url();
    const tiled = page.locator(".map-tiles");
    const box = (await tiled.boundingBox())!;
    await tiled.click({ position: { x: box.width * 0.8, y: box.height * 0.2 } });
    await expect(page).not.toHaveURL(before);
    await expect(page).toHaveURL(/#home=34\.7[3-4]\d+,113\.6[12]\d+/);
  });

  test("the maps over tiles pass axe", async ({ page }) => {
    for (const path of ["/near#home=34.73020,113.61680", "/merchants/streets/1", "/merchants/register?street=1"]) {
      await page.goto(`${origin}${path}`);
      await hydrated(page);
      await expect(page.locator(".leaflet-tile-pane img").first()).toBeVisible();
      const { violations } = await new AxeBuilder({ page }).analyze();
      expect(violations.map((v) => `${path}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
    }
  });

  test("a merchant places the shop on the tiles of the chosen street", async ({ page }) => {
    await page.goto(`${origin}/merchants/register?street=1`);
    await hydrated(page);
    const map = page.locator(".map-tiles");
    await expect(map.locator(".leaflet-tile-pane img").first()).toBeVisible();
    await map.scrollIntoViewIfNeeded();
    const box = (await map.boundingBox())!;
    // The map opens on the street's centre (棉纺东路, 34.7302, 113.6168), where its shops are:
    // a tap a little north of them, on open ground, picks a place a few hundred metres north.
    await map.click({ position: { x: box.width / 2, y: box.height * 0.3 } });
    await expect(page.getByLabel("纬度")).toHaveValue(/^34\.73[1-4]/);
    await expect(page.getByLabel("经度")).toHaveValue(/^113\.61[67]/);
    await expect(map.locator("path.picked")).toBeVisible();
  });
});
