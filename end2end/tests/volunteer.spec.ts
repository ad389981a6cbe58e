import { expect, test, type Page } from "@playwright/test";

// The receipt's copy button writes to the clipboard, which the test then reads back.
test.use({ permissions: ["clipboard-read", "clipboard-write"] });

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

test("a resident signs up for an activity, is told what to fix, and gets a reference", async ({ page }) => {
  await page.goto("/volunteers");
  await hydrated(page);
  await page.getByLabel("服务方向").selectOption({ label: "助老服务" });
  await page.getByRole("button", { name: "查找" }).click();
  await page.getByRole("link", { name: /助老志愿服务队/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("助老志愿服务队");
  await page.getByRole("link", { name: /^报名参加/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿者报名");
  await hydrated(page);

  await page.getByLabel("姓名").fill("王秀兰");
  await page.getByLabel("手机号").fill("1381234567");
  await page.getByLabel("陪伴照护老人").check();
  await page.getByRole("button", { name: "提交报名" }).click();
  // Each field says what is wrong with it, and the summary at the top lists both.
  await expect(page.getByLabel("手机号")).toHaveAccessibleDescription(/手机号应为11位数字/);
  await expect(page.getByLabel("我已阅读并同意以上个人信息说明")).toHaveAccessibleDescription(/请阅读个人信息说明并勾选同意/);
  await expect(page.getByRole("link", { name: /手机号应为11位数字/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /请阅读个人信息说明并勾选同意/ })).toBeVisible();

  // Fixing both keeps everything else typed.
  await page.getByLabel("手机号").fill("13812345678");
  await page.getByLabel("我已阅读并同意以上个人信息说明").check();
  await expect(page.getByLabel("姓名")).toHaveValue("王秀兰");
  await expect(page.getByLabel("陪伴照护老人")).toBeChecked();
  await page.getByRole("button", { name: "提交报名" }).click();

  const receipt = page.getByRole("status").filter({ hasText: "受理编号" });
  await expect(receipt).toContainText(/QH-[0-9A-Z]{8}/);
  await expect(receipt).toContainText("待审核");
  const reference = (await receipt.locator(".reference").innerText()).trim();

  await receipt.getByRole("button", { name: "复制编号" }).click();
  await expect(receipt.getByRole("button", { name: "已复制" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(reference);

  // The volunteer follows it up from the receipt's link, which fills the reference in (never
  // the phone): their name, and the phone only masked.
  await receipt.getByRole("link", { name: "查询报名进度" }).click();
  await expect(page.getByLabel("受理编号")).toHaveValue(reference);
  await expect(page.getByLabel("手机号")).toHaveValue("");
  await page.getByLabel("手机号").fill("13812345678");
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("heading", { name: "我的报名" })).toBeVisible();
  await expect(page.getByText("138****5678")).toBeVisible();

  // Withdrawing asks first, then the status shown is the new one.
  await page.getByRole("button", { name: "撤回报名" }).click();
  await expect(page.getByRole("alert")).toContainText("确定撤回吗");
  await page.getByRole("button", { name: "确定撤回" }).click();
  const shown = page.getByRole("status").filter({ hasText: "受理编号" });
  await expect(shown).toContainText("已撤回");
  await expect(page.getByRole("button", { name: "撤回报名" })).toBeHidden();
});
