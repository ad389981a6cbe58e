import { expect, test, type Page } from "@playwright/test";
import { fillCode } from "./second-factor";

// The test script creates this account with `quarterhour create-staff` before the server starts.
const moderator = process.env.QH_E2E_MODERATOR ?? "e2e.moderator";
const password = process.env.QH_E2E_PASSWORD ?? "";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

test("a moderator signs in, approves a suggestion, and the resident sees it approved", async ({ page, request }) => {
  expect(password, "QH_E2E_PASSWORD is set by scripts/test").not.toBe("");
  const phone = "13700001234";
  const filed = await request.post("/api/v1/service-suggestions", {
    data: {
      kind: "new_service",
      name: "陇海社区长者食堂",
      category: "community_canteen",
      address: "二七区陇海中路66号",
      details: "社区新开的长者食堂，午餐12元一份",
      phone,
    },
  });
  expect(filed.status()).toBe(201);
  const { reference } = await filed.json();

  // Anonymous visitors meet the sign-in form instead of the staff area.
  await page.goto("/staff/queue");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作人员登录");
  await page.getByLabel("用户名").fill(moderator);
  await page.getByLabel("密码").fill("not the password");
  await fillCode(page, moderator);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("alert")).toHaveText("用户名、密码或验证码不正确。");
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("审核队列");
  await page.getByRole("link", { name: reference }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(reference);
  await expect(page.getByText("陇海社区长者食堂")).toBeVisible();
  await expect(page.getByText(phone).first()).toBeVisible();

  // A rejection without a reason is stopped before it is sent.
  await page.getByRole("radio", { name: "不通过" }).check();
  await page.getByRole("button", { name: "提交决定" }).click();
  await expect(page.getByText("请填写不通过的理由").or(page.getByText("不通过的理由至少需要"))).toBeVisible();
  await page.getByRole("radio", { name: "通过", exact: true }).check();
  await page.getByRole("button", { name: "提交决定" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已处理" })).toContainText("已通过");

  // The resident checks with the reference and the phone.
  await page.goto("/status");
  await hydrated(page);
  await page.getByLabel("受理编号").fill(reference);
  await page.getByLabel("手机号").fill(phone);
  await page.getByRole("button", { name: "查询" }).click();
  await expect(page.getByRole("status").filter({ hasText: reference })).toContainText("已通过");
});
