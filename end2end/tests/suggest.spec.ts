import { expect, test, type Page } from "@playwright/test";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

test("a resident suggests a correction, fixes a mistyped phone, and gets a reference", async ({ page }) => {
  await page.goto("/services?category=health_station");
  await hydrated(page);
  await page.getByRole("link", { name: /卫生服务站/ }).first().click();
  await page.getByRole("link", { name: "信息有误？提出更正" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("提出更正或推荐");
  await hydrated(page);

  await page.getByLabel("已经搬迁").check();
  await page.getByLabel("情况说明").fill("已经搬到马路对面的二楼");
  await page.getByLabel("手机号（选填）").fill("1381234567");
  await page.getByLabel("手机号（选填）").blur();
  await expect(page.getByText("手机号应为11位数字")).toBeVisible();

  // Fixing the number keeps everything else typed.
  await page.getByLabel("手机号（选填）").fill("13812345678");
  await expect(page.getByText("手机号应为11位数字")).toBeHidden();
  await expect(page.getByLabel("情况说明")).toHaveValue("已经搬到马路对面的二楼");
  await page.getByRole("button", { name: "提交" }).click();

  const status = page.getByRole("status").filter({ hasText: "受理编号" });
  await expect(status).toContainText(/QH-[0-9A-Z]{8}/);
  await expect(status).toContainText("待审核");
  const reference = (await status.locator(".reference").innerText()).trim();

  // Later, the resident follows it up with the reference and the same phone.
  await status.getByRole("link", { name: "查询办理进度" }).click();
  await page.getByLabel("受理编号").fill(reference);
  await page.getByLabel("手机号").fill("138 1234 5678");
  await page.getByRole("button", { name: "查询" }).click();
  const found = page.getByRole("status").filter({ hasText: reference });
  await expect(found).toContainText("待审核");
  expect(page.url()).not.toContain("138");
});

test("a suggester deletes their personal data from the status page", async ({ page, request }) => {
  const phone = "13903710099";
  const filed = await request.post("/api/v1/service-suggestions", {
    data: { kind: "closed", service_id: 1, details: "这家店已经搬走了，我是楼上的邻居", phone },
  });
  expect(filed.status()).toBe(201);
  const { reference } = await filed.json();

  await page.goto("/status");
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
  await page.getByLabel("受理编号").fill(reference);
  await page.getByLabel("手机号").fill(phone);
  await page.getByRole("button", { name: "查询" }).click();
  await page.getByRole("button", { name: "删除我的个人信息" }).click();
  await expect(page.getByRole("alert")).toContainText("无法恢复");
  await page.getByRole("button", { name: "确定删除" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已删除" })).toBeVisible();

  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "没有找到" })).toBeVisible();
});
