import { expect, test, type Page } from "@playwright/test";

/** Waits until the WebAssembly app has taken over the server-rendered page. */
async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** Leaves a mark on the window that a full page load would wipe out. */
async function markWindow(page: Page) {
  await page.evaluate(() => ((window as any).__sameDocument = true));
}

async function stillSameDocument(page: Page) {
  expect(await page.evaluate(() => (window as any).__sameDocument)).toBe(true);
}

test("a visitor switches to English, and the choice is kept after a reload", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("步行一刻钟，生活所需都在身边");

  await markWindow(page);
  await page.getByRole("button", { name: "English" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Daily life within a quarter hour's walk",
  );
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("navigation").getByRole("link", { name: "Services" })).toBeVisible();
  await expect(page.getByText("Kangqiao Huacheng Community")).toBeVisible();
  await expect(page).toHaveTitle(/The 15-minute living circle/);
  await stillSameDocument(page);

  await page.reload();
  await hydrated(page);
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(
    "Daily life within a quarter hour's walk",
  );

  await page.getByRole("button", { name: "中文" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("步行一刻钟，生活所需都在身边");
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "zh-CN");
});

test("the switches act at the tap, with no round trip that a weak signal could lose", async ({ page }) => {
  await page.goto("/services");
  await hydrated(page);
  const html = page.locator("html");
  let sent = 0;
  await page.route("**/api/set_*", (route) => {
    sent += 1;
    return route.abort("internetdisconnected");
  });

  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(html).toHaveClass(/large-text/);
  await page.getByRole("button", { name: "English" }).click();
  await expect(html).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Services");
  expect(sent, "nothing was sent to the server").toBe(0);

  await page.unroute("**/api/set_*");
  await page.reload();
  await expect(html).toHaveClass(/large-text/);
  await expect(html).toHaveAttribute("lang", "en");
});

test.describe("before the script has loaded", () => {
  test.use({ javaScriptEnabled: false });

  test("both switches still work, as plain forms that come back to the page", async ({ page }) => {
    // leptos_axum sends a plain form back to its page with an empty query ("?") added.
    await page.goto("/volunteers");
    const html = page.locator("html");
    await page.getByRole("button", { name: "大字模式" }).click();
    await expect(page).toHaveURL(/\/volunteers\??$/);
    await expect(html).toHaveClass(/large-text/);

    await page.getByRole("button", { name: "English" }).click();
    await expect(page).toHaveURL(/\/volunteers\??$/);
    await expect(html).toHaveAttribute("lang", "en");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Volunteering");
    await expect(html, "large text is still on").toHaveClass(/large-text/);
  });
});

test("the navigation moves between sections without reloading the page", async ({ page }) => {
  await page.goto("/");
  await hydrated(page);
  await markWindow(page);

  await page.getByRole("navigation").getByRole("link", { name: "志愿者" }).click();
  await expect(page).toHaveURL(/\/volunteers$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿服务");
  await expect(page.getByRole("navigation").getByRole("link", { name: "志愿者" })).toHaveAttribute(
    "aria-current",
    "page",
  );
  await stillSameDocument(page);
});

test("an unknown address shows the not-found page with a way home", async ({ page }) => {
  const response = await page.goto("/no/such/page");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("没有找到这个页面");
  await hydrated(page);
  await page.getByRole("link", { name: "回到首页" }).click();
  await expect(page).toHaveURL(/\/$/);
});

test("a page's own code is fetched only once its text has painted, and the page still comes alive", async ({ page }) => {
  await page.goto("/merchants/register");
  await hydrated(page);

  const { painted, pieces } = await page.evaluate(() => ({
    painted: performance.getEntriesByName("first-contentful-paint")[0]?.startTime,
    pieces: performance
      .getEntriesByType("resource")
      .filter((entry) => /\/pkg\/(split|chunk)_[^/]*\.wasm$/.test(entry.name))
      .map((entry) => entry.startTime),
  }));
  expect(painted).toBeDefined();
  expect(pieces.length).toBeGreaterThan(0);
  for (const start of pieces) expect(start).toBeGreaterThanOrEqual(painted!);

  await page.getByLabel("统一社会信用代码").fill("9141010");
  await page.getByLabel("统一社会信用代码").blur();
  await expect(page.getByText("统一社会信用代码应为18位，请对照营业执照填写")).toBeVisible();
});
