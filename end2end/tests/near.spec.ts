import { expect, test, type Page } from "@playwright/test";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** "步行约 3 分钟 · 199 米" → 199 */
function metres(text: string): number {
  const match = text.match(/(\d+) 米/);
  if (!match) throw new Error(`no distance in ${text}`);
  return Number(match[1]);
}

test("a resident sets home by community and the rings and the list agree", async ({ page }) => {
  await page.goto("/near");
  await hydrated(page);
  await page.getByLabel("我住在").selectOption({ label: "康桥华城社区" });
  await expect(page).toHaveURL(/\/near#home=34\.72970,113\.65880$/);

  const map = page.getByRole("group", { name: /地图/ });
  await expect(map).toBeVisible();
  let listed = 0;
  for (const [minutes, radius, previous] of [
    [5, 300, 0],
    [10, 500, 300],
    [15, 1000, 500],
  ]) {
    const ring = page.getByRole("region", { name: `步行${minutes}分钟内` });
    const items = ring.getByRole("listitem");
    const count = await items.count();
    await expect(ring.getByRole("heading")).toContainText(`${count} 处`);
    for (const text of await items.allInnerTexts()) {
      const d = metres(text);
      expect(d, text).toBeLessThanOrEqual(radius);
      expect(d, text).toBeGreaterThan(previous);
    }
    listed += count;
  }
  expect(listed).toBeGreaterThan(10);
  await expect(map.getByRole("img")).toHaveCount(listed);

  // The home is remembered on this device: the bare page opens there again.
  await page.goto("/near");
  await expect(page).toHaveURL(/home=34\.72970,113\.65880/);
});

test("a shared #home= link opens there, and the server never sees the place", async ({ page }) => {
  const seen: string[] = [];
  page.on("request", async (request) => {
    const headers = await request.allHeaders();
    seen.push(`${request.url()} ${headers["referer"] ?? ""}`);
  });
  await page.goto("/near#home=34.72970,113.65880");
  await hydrated(page);
  const ring = page.getByRole("region", { name: "步行15分钟内" });
  await expect(ring.getByRole("listitem").first()).toBeVisible();
  await expect(page.getByLabel("我住在")).toBeVisible();
  expect(seen.length).toBeGreaterThan(3);
  for (const line of seen) {
    expect(line, "no address or Referer carries home").not.toMatch(/34\.7297|113\.6588/);
  }
});

test("an old ?home= link is moved into the fragment", async ({ page }) => {
  await page.goto("/near?home=34.72970,113.65880");
  await hydrated(page);
  await expect(page).toHaveURL(/\/near#home=34\.72970,113\.65880$/);
  await expect(page.getByRole("region", { name: "步行5分钟内" })).toBeVisible();
});

test("tapping the map moves home there", async ({ page }) => {
  await page.goto("/near#home=34.72970,113.65880");
  await hydrated(page);
  const map = page.getByRole("group", { name: /地图/ });
  const box = await map.boundingBox();
  if (!box) throw new Error("the map has no size");
  // The top-left corner lies beyond the 15-minute ring, where no marker is drawn.
  await page.mouse.click(box.x + box.width * 0.05, box.y + box.height * 0.05);
  await expect(page).not.toHaveURL(/home=34\.72970,113\.65880/);
  const url = new URL(page.url());
  expect(url.pathname).toBe("/near");
  expect(url.search).toBe("");
  const [lat, lng] = url.hash.replace("#home=", "").split(",").map(Number);
  expect(lat, "north-west of the old home").toBeGreaterThan(34.7297);
  expect(lng).toBeLessThan(113.6588);
});

test("the services page searches in Chinese and opens a service", async ({ page }) => {
  await page.goto("/services");
  await hydrated(page);
  await page.getByLabel("搜索").fill("养老");
  await page.getByRole("button", { name: "查找" }).click();
  await expect(page).toHaveURL(/q=%E5%85%BB%E8%80%81|q=养老/);
  const first = page.getByRole("link", { name: /养老服务驿站/ }).first();
  await expect(first).toBeVisible();
  await first.click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("养老服务驿站");
  await expect(page.getByRole("heading", { name: "开放时间" })).toBeVisible();
});

test("near me says one thing: minutes match rings, a dot names its place, the choice follows home", async ({ page }) => {
  await page.goto("/near#home=34.72970,113.65880");
  await hydrated(page);
  for (const [minutes, low, high, range] of [
    [5, 0, 5, "300 米以内"],
    [10, 6, 10, "300–500 米"],
    [15, 11, 15, "500–1000 米"],
  ] as const) {
    const ring = page.getByRole("region", { name: `步行${minutes}分钟内` });
    await expect(ring.getByRole("heading")).toContainText(range);
    for (const text of await ring.getByRole("listitem").allInnerTexts()) {
      const said = Number(text.match(/步行约 (\d+) 分钟/)![1]);
      expect(said, text).toBeGreaterThanOrEqual(low);
      expect(said, text).toBeLessThanOrEqual(high);
    }
  }
  // The community choice shows the community home lies in.
  await expect(page.getByLabel("我住在")).toHaveValue("34.72970,113.65880");
  await expect(page.getByText("圆点颜色")).toBeVisible();

  const map = page.getByRole("group", { name: /地图/ });
  const dot = map.getByRole("img").first();
  const name = (await dot.getAttribute("aria-label"))!;
  await dot.click();
  await expect(page.getByRole("status").filter({ hasText: name })).toBeVisible();
  await expect(page).toHaveURL(/#home=34\.72970,113\.65880$/);
});

test("a home outside the covered area is told so, not shown a list of gaps", async ({ page }) => {
  await page.goto("/near#home=39.90420,116.40740");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "这里还不在服务范围内" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "生活圈还缺什么" })).toHaveCount(0);
  await expect(page.getByLabel("我住在")).toHaveValue("");
});

test("with location refused, the message points only at what the page shows", async ({ page }) => {
  await page.goto("/near");
  await hydrated(page);
  await page.getByRole("button", { name: "使用我的当前位置" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("请在上面选择所在社区");
  await expect(alert).not.toContainText("地图");
});
