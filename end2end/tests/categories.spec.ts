import { expect, test, type Page } from "@playwright/test";
import { fillCode } from "./second-factor";

// scripts/test creates the admin with `quarterhour create-staff` before the server starts.
const admin = process.env.QH_E2E_ADMIN ?? "";
const adminPassword = process.env.QH_E2E_ADMIN_PASSWORD ?? "";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

test("an admin adds a category, residents can choose it, and one in use is not retired", async ({ page }) => {
  test.skip(!admin || !adminPassword, "no admin account: set QH_E2E_ADMIN and QH_E2E_ADMIN_PASSWORD");
  const n = Date.now() % 100000;
  const name = `配钥匙${n}`;
  await page.goto("/staff");
  await hydrated(page);
  await page.getByLabel("用户名").fill(admin);
  await page.getByLabel("密码").fill(adminPassword);
  await fillCode(page, admin);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByRole("link", { name: "服务类别" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("服务类别");
  await page.getByRole("link", { name: "新增类别" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("新增类别");
  await hydrated(page);

  // A taken name is named before anything is sent, and what was typed stays.
  await page.getByLabel("编号").fill(`key_cutting_${n}`);
  await page.getByLabel("中文名称", { exact: true }).fill("药店");
  await page.getByLabel("图标").fill("🔑");
  await page.getByLabel("居民应在步行几分钟内找到一处").selectOption("10");
  await page.getByRole("button", { name: "保存" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("已有名为“药店”的类别");
  await expect(page.getByLabel("图标")).toHaveValue("🔑");

  await page.getByLabel("中文名称", { exact: true }).fill(name);
  await page.getByLabel("商户可以登记为这一类经营").check();
  await page.getByLabel("居民搜索时常用的词").fill("门禁卡、开锁");
  await page.getByRole("button", { name: "保存" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已保存" })).toBeVisible();

  // Offered at once where residents choose a kind of service, and where a shop registers.
  await page.goto("/services");
  await hydrated(page);
  await expect(page.getByLabel("类别").locator("option", { hasText: name })).toHaveCount(1);
  await page.goto("/merchants/register?street=1");
  await hydrated(page);
  await expect(page.getByLabel("经营类别").locator("option", { hasText: name })).toHaveCount(1);

  // A category with listed services is kept, with the reason; the new one retires.
  await page.goto("/staff/categories");
  await hydrated(page);
  const row = (text: string) => page.getByRole("row").filter({ hasText: text });
  await row("药店").getByRole("button", { name: "停用" }).click();
  await expect(page.getByRole("alert")).toContainText("处在列的服务属于这个类别，不能停用");
  await expect(row("药店")).toContainText("在用");
  await row(name).getByRole("button", { name: "停用" }).click();
  await expect(row(name)).toContainText("已停用");
  await expect(row(name).getByRole("button", { name: "恢复" })).toBeVisible();
  await page.goto("/services");
  await hydrated(page);
  await expect(page.getByLabel("类别").locator("option", { hasText: name })).toHaveCount(0);
});
