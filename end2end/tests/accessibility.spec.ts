import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

const PAGES = [
  "/",
  "/services",
  "/services/1",
  "/near",
  "/suggest",
  "/status",
  "/volunteers",
  "/volunteers/teams/1",
  "/volunteers/activities",
  "/volunteers/apply?team=1",
  "/merchants",
  "/merchants/streets/1",
  "/merchants/register?street=1",
  "/staff",
];

for (const mode of ["standard", "large text"]) {
  test(`every page passes axe with no violations (${mode})`, async ({ page, context, baseURL }) => {
    if (mode === "large text") {
      await context.addCookies([{ name: "qh_large", value: "1", url: baseURL! }]);
    }
    const found: string[] = [];
    for (const path of PAGES) {
      await page.goto(path);
      await hydrated(page);
      if (mode === "large text") await expect(page.locator("html")).toHaveClass(/large-text/);
      const { violations } = await new AxeBuilder({ page }).analyze();
      for (const v of violations) {
        found.push(`${path}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
      }
    }
    expect(found, mode).toEqual([]);
  });
}

test("large text is one tap away and remembered", async ({ page }) => {
  await page.goto("/services");
  await hydrated(page);
  const size = async () =>
    page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await size();
  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  expect(await size()).toBeGreaterThan(before);
  await expect(page.getByRole("button", { name: "大字模式" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/large-text/);
});

test("pages run under their content security policy without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await page.goto("/near");
  await hydrated(page);
  await page.getByRole("link", { name: "服务" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("生活服务");
  expect(violations).toEqual([]);
});
