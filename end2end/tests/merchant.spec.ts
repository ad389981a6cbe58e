import { expect, test, type Page } from "@playwright/test";
import { fillCode } from "./second-factor";

const moderator = process.env.QH_E2E_MODERATOR ?? "e2e.moderator";
const password = process.env.QH_E2E_PASSWORD ?? "";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** A unified social credit code with its GB 32100-2015 check character. */
function withCheck(first17: string): string {
  const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  const weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + alphabet.indexOf(c) * weights[i], 0);
  return first17 + alphabet[(31 - (sum % 31)) % 31];
}

async function decide(page: Page, reference: string, choice: string, note?: string) {
  await page.goto(`/staff/submissions/${reference}`);
  await hydrated(page);
  if (await page.getByLabel("用户名").isVisible()) {
    await page.getByLabel("用户名").fill(moderator);
    await page.getByLabel("密码").fill(password);
    await fillCode(page, moderator);
    await page.getByRole("button", { name: "登录" }).click();
  }
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  await page.getByRole("radio", { name: choice, exact: true }).check();
  if (note) await page.getByLabel("理由或需要修改的内容").fill(note);
  await page.getByRole("button", { name: "提交决定" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已处理" })).toBeVisible();
}

test("a merchant registers, is returned, fixes the form, is approved, and is found in the directory", async ({ page, browser }) => {
  expect(password, "QH_E2E_PASSWORD is set by scripts/test").not.toBe("");
  const shop = "棉纺东路小张面馆";
  const phone = "13903718866";
  const code = withCheck("92410103MA4" + String(Date.now() % 10_000_000).padStart(6, "0").slice(0, 6));

  await page.goto("/merchants");
  await hydrated(page);
  await page.getByRole("link", { name: "棉纺东路商户自治示范街" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("棉纺东路商户自治示范街");
  await page.getByRole("link", { name: "登记我的店铺" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("商户登记");
  await hydrated(page);

  await page.getByLabel("店铺名称").fill(shop);
  // One character mistyped: the check character says so.
  await page.getByLabel("统一社会信用代码").fill(code.slice(0, 5) + (code[5] === "7" ? "8" : "7") + code.slice(6));
  await page.getByLabel("统一社会信用代码").blur();
  await expect(page.getByText("可能有字符输错")).toBeVisible();
  await page.getByLabel("统一社会信用代码").fill(code);
  await expect(page.getByText("可能有字符输错")).toBeHidden();
  await page.getByLabel("法定代表人或经营者姓名").fill("张国庆");
  await page.getByLabel("联系人姓名").fill("张晓梅");
  await page.getByLabel("联系人手机号").fill(phone);
  await page.getByLabel("经营类别").selectOption({ label: "餐馆" });
  await page.getByLabel("经营地址").fill("二七区棉纺东路36号");
  await page.getByRole("group", { name: "地图：点按店铺所在位置" }).click({ position: { x: 120, y: 140 } });
  await expect(page.getByLabel("纬度")).toHaveValue(/^34\.7/);
  await page.getByLabel("每天营业时间").fill("10:00-14:00");
  await page.getByLabel("食品经营许可证号").fill("JY24101030088776");
  await page.getByLabel("持健康证的从业人员人数").fill("3");
  await page.getByLabel("我店承诺遵守门前三包").check();
  await page.getByRole("button", { name: "提交登记" }).click();
  const receipt = page.getByRole("status").filter({ hasText: "受理编号" });
  await expect(receipt).toContainText(/QH-[0-9A-Z]{8}/);
  const reference = (await receipt.locator(".reference").innerText()).trim();

  // Staff return it with a note.
  const staff = await (await browser.newContext({ locale: "zh-CN" })).newPage();
  await decide(staff, reference, "退回修改", "请补充晚市营业时间");

  // The merchant opens it with reference and phone, sees the note, fixes only the hours.
  await page.goto("/status");
  await hydrated(page);
  await page.getByLabel("受理编号").fill(reference);
  await page.getByLabel("手机号").fill(phone);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByText("请补充晚市营业时间")).toBeVisible();
  await expect(page.getByLabel("店铺名称")).toHaveValue(shop);
  await page.getByLabel("每天营业时间").fill("10:00-14:00, 17:00-21:00");
  await page.getByRole("button", { name: "提交登记" }).click();
  await expect(page.getByText("已重新提交")).toBeVisible();

  await decide(staff, reference, "通过");

  // A resident finds it in the directory, with its badge, hours and pledge.
  await page.goto(`/services?q=${encodeURIComponent(shop)}`);
  await hydrated(page);
  await page.getByRole("link", { name: new RegExp(shop) }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(shop);
  await expect(page.getByText("商户自治成员").first()).toBeVisible();
  await expect(page.getByText("17:00-21:00").first()).toBeVisible();
  await expect(page.getByText(phone)).toHaveCount(0);
});
