import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { fillCode, totpAt } from "./second-factor";

// A moderator an admin has just made sets up two-step verification at first sign-in, from the
// QR code, and later signs in with a recovery code in place of the phone.

const admin = process.env.QH_E2E_ADMIN ?? "";
const adminPassword = process.env.QH_E2E_ADMIN_PASSWORD ?? "";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

async function violations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}

async function signIn(page: Page, username: string, password: string, code?: string) {
  await page.goto("/staff");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作人员登录");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  if (code !== undefined) await page.getByLabel("验证码", { exact: true }).fill(code);
  await page.getByRole("button", { name: "登录" }).click();
}

for (const mode of ["standard", "large text"]) {
  test(`a new moderator sets up two-step verification and signs in with a recovery code (${mode})`, async ({
    page,
    baseURL,
  }) => {
    test.skip(!admin || !adminPassword, "no admin account: set QH_E2E_ADMIN and QH_E2E_ADMIN_PASSWORD");
    if (mode === "large text") {
      await page.context().addCookies([{ name: "qh_large", value: "1", url: baseURL! }]);
    }
    const username = `e2e.new.${Date.now().toString(36)}${mode === "standard" ? "s" : "l"}`;
    const password = "二七区-新审核员-2026";
    await page.goto("/staff");
    await hydrated(page);
    await page.getByLabel("用户名").fill(admin);
    await page.getByLabel("密码").fill(adminPassword);
    await fillCode(page, admin);
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
    await page.goto("/staff/accounts");
    await hydrated(page);
    await page.getByLabel("用户名").fill(username);
    await page.getByLabel("初始密码").fill(password);
    await page.getByRole("button", { name: "创建" }).click();
    await expect(page.getByRole("row").filter({ hasText: username })).toContainText("未设置");
    await page.getByRole("button", { name: "退出登录" }).click();

    // The password alone signs in, straight to the setup: nothing else is open before it.
    await signIn(page, username, password);
    const found: string[] = [];
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("设置两步验证");
    found.push(...(await violations(page, "setup")));
    await page.getByRole("button", { name: "开始设置两步验证" }).click();
    await expect(page.getByRole("img", { name: "两步验证二维码" })).toBeVisible();
    const secret = (await page.getByText(/^[A-Z2-7]{32}$/).textContent()) ?? "";
    found.push(...(await violations(page, "setup (QR code)")));

    const codeField = page.getByLabel("应用中显示的6位数字");
    await codeField.fill("000000");
    await page.getByRole("button", { name: "启用两步验证" }).click();
    await expect(page.getByText("验证码不正确")).toBeVisible();
    await codeField.fill(totpAt(secret, Math.floor(Date.now() / 30_000)));
    await page.getByRole("button", { name: "启用两步验证" }).click();
    await expect(page.getByRole("heading", { level: 2, name: "两步验证已启用" })).toBeVisible();
    const codes = page.getByRole("listitem").filter({ hasText: /^[A-Z2-9]{5}-[A-Z2-9]{5}$/ });
    await expect(codes).toHaveCount(10);
    const recovery = (await codes.nth(2).textContent()) ?? "";
    found.push(...(await violations(page, "setup (recovery codes)")));
    await page.getByRole("button", { name: "我已抄下恢复码，继续" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
    expect(found, mode).toEqual([]);

    // Without the phone: a recovery code signs in once.
    await page.getByRole("button", { name: "退出登录" }).click();
    await signIn(page, username, password, recovery);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
    await page.goto("/staff/second-factor");
    await hydrated(page);
    await expect(page.getByText("还剩 9 个未用的恢复码")).toBeVisible();
  });
}
