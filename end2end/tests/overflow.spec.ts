import { expect, test, type Page } from "@playwright/test";
import { fillCode } from "./second-factor";
import { PUBLIC_PAGES } from "../pages";

// No page is wider than a small phone (360 px), in either language or text size: a page wider
// than its screen scrolls sideways and clips what is on its edge.

// Every page of the axe sweep, and the states of some that lay out differently.
const PUBLIC = [
  ...PUBLIC_PAGES,
  "/near#home=34.72970,113.65880",
  "/suggest?service=1",
  "/no-such-page",
];

const STAFF = ["/staff", "/staff/queue", "/staff/coverage", "/staff/activities", "/staff/member-shops", "/staff/password"];

const moderator = process.env.QH_E2E_MODERATOR ?? "e2e.moderator";
const moderatorPassword = process.env.QH_E2E_PASSWORD ?? "";

/** What sticks out past the right edge of the screen, named so a failure says where. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    if (document.documentElement.scrollWidth > width) {
      found.push(`page is ${document.documentElement.scrollWidth} px wide`);
    }
    for (const element of document.body.querySelectorAll<HTMLElement>("*")) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      // Inside a box that scrolls on its own (a wide table), sticking out is by design.
      let scrolls = false;
      for (let up = element.parentElement; up && up !== document.body; up = up.parentElement) {
        const overflowX = getComputedStyle(up).overflowX;
        if (overflowX === "auto" || overflowX === "scroll" || overflowX === "hidden") scrolls = true;
      }
      if (scrolls) continue;
      const name = `${element.tagName.toLowerCase()}${element.className ? "." + String(element.className).split(" ").join(".") : ""}`;
      found.push(`${name} ends at ${Math.round(box.right)} px: "${(element.innerText ?? "").slice(0, 30)}"`);
    }
    // The brand stays one line: 一刻钟 never breaks into 一刻 / 钟.
    const brand = document.querySelector<HTMLElement>(".brand-zh");
    if (brand) {
      const range = document.createRange();
      range.selectNodeContents(brand);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      if (lines.size > 1) found.push("the brand wraps");
    }
    return found;
  });
}

for (const lang of ["zh", "en"]) {
  for (const size of ["standard", "large text"]) {
    test(`no page overflows a 360 px phone (${lang}, ${size})`, async ({ page, context, baseURL }) => {
      test.setTimeout((PUBLIC.length + STAFF.length) * 4_000 + 10_000);
      await page.setViewportSize({ width: 360, height: 740 });
      const cookies = [{ name: "qh_lang", value: lang, url: baseURL! }];
      if (size === "large text") cookies.push({ name: "qh_large", value: "1", url: baseURL! });
      await context.addCookies(cookies);
      const found: string[] = [];
      const sweep = async (path: string) => {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
        for (const problem of await overflowing(page)) found.push(`${path}: ${problem}`);
      };
      for (const path of PUBLIC) await sweep(path);

      expect(moderatorPassword, "QH_E2E_PASSWORD is set by scripts/test").not.toBe("");
      await page.goto("/staff");
      await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
      const zh = lang === "zh";
      await page.getByLabel(zh ? "用户名" : "Username").fill(moderator);
      await page.getByLabel(zh ? "密码" : "Password").fill(moderatorPassword);
      await fillCode(page, moderator, zh ? "验证码" : "Code");
      await page.getByRole("button", { name: zh ? "登录" : "Sign in", exact: true }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(zh ? "工作台" : "Dashboard");
      for (const path of STAFF) await sweep(path);

      expect(found).toEqual([]);
    });
  }
}
