import { expect, test, type Page } from "@playwright/test";
import { fillCode } from "./second-factor";

// The test script creates this account with `quarterhour create-staff` before the server starts.
const moderator = process.env.QH_E2E_MODERATOR ?? "e2e.moderator";
const password = process.env.QH_E2E_PASSWORD ?? "";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

async function signIn(page: Page) {
  await page.goto("/staff");
  await hydrated(page);
  await page.getByLabel("用户名").fill(moderator);
  await page.getByLabel("密码").fill(password);
  await fillCode(page, moderator);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
}

test("staff add a pharmacy with its hours and a resident finds it open on near me", async ({ page }) => {
  expect(password, "QH_E2E_PASSWORD is set by scripts/test").not.toBe("");
  const name = `康桥华城便民药房 ${Date.now() % 100000}`;
  await signIn(page);
  await page.getByRole("link", { name: "服务目录" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("服务目录维护");
  await page.getByRole("link", { name: "新增服务点" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新增服务点");
  await hydrated(page);

  // A slip in the hours is named before anything is sent, and nothing typed is lost.
  await page.getByLabel("名称").fill(name);
  await page.getByLabel("类别").selectOption({ label: "药店" });
  await page.getByLabel("地址").fill("二七区大学路康桥华城东门南侧");
  // Some 180 m from the home used below: inside its 5-minute ring, clear of home's own dot.
  await page.getByLabel("纬度").fill("34.73100");
  await page.getByLabel("经度").fill("113.66000");
  await page.getByLabel(/^营业时间/).fill("每天 8点到22点");
  await page.getByRole("button", { name: "保存" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("每天 8点到22点");
  await expect(page.getByLabel("名称")).toHaveValue(name);

  // Open round the clock, so it is open whenever this test runs.
  await page.getByLabel(/^营业时间/).fill("周一至周五 00:00-24:00；周末 全天");
  await expect(page.locator("#hours-preview")).toContainText("00:00-24:00");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已新增" })).toBeVisible();

  await page.goto("/near#home=34.72970,113.65880");
  await hydrated(page);
  const ring = page.getByRole("region", { name: "步行5分钟内" });
  const item = ring.getByRole("listitem").filter({ hasText: name });
  await expect(item).toBeVisible();
  await expect(item).toContainText("营业中");
});

test("staff check a spreadsheet, see a bad row named, fix it and import it", async ({ page }) => {
  expect(password, "QH_E2E_PASSWORD is set by scripts/test").not.toBe("");
  const tag = Date.now() % 100000;
  const csv = (hours: string) =>
    Buffer.from(
      `名称,类别,地址,纬度,经度,营业时间\n` +
        `康桥华城社区修鞋铺 ${tag},便民维修,二七区大学路 12 号,34.7282,113.6608,每天 08:00-18:00\n` +
        `康桥华城社区裁缝铺 ${tag},便民维修,二七区大学路 14 号,34.7312,113.6570,${hours}\n`,
      "utf-8",
    );
  await signIn(page);
  await page.goto("/staff/services/import");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("批量导入导出服务点");
  const file = page.getByLabel(/选择文件/);
  await file.setInputFiles({ name: "services.csv", mimeType: "text/csv", buffer: csv("每天 9点到5点") });
  await page.getByRole("button", { name: "检查文件" }).click();
  const problems = page.getByRole("alert");
  await expect(problems).toContainText("未导入任何内容");
  await expect(problems.getByRole("row").filter({ hasText: "营业时间" })).toContainText("3");
  await expect(page.getByRole("button", { name: "确认导入" })).toBeDisabled();

  await file.setInputFiles({ name: "services.csv", mimeType: "text/csv", buffer: csv("周一至周六 09:00-17:00") });
  await page.getByRole("button", { name: "检查文件" }).click();
  await expect(page.getByRole("status").filter({ hasText: "检查通过" })).toContainText("新增 2 处");
  await page.getByRole("button", { name: "确认导入" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已导入" })).toContainText("新增 2 处");

  await page.goto(`/services?q=${encodeURIComponent(`康桥华城社区裁缝铺 ${tag}`)}`);
  await expect(page.getByRole("link", { name: new RegExp(`康桥华城社区裁缝铺 ${tag}`) })).toBeVisible();
});
