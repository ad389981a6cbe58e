import { expect, test, type Page } from "@playwright/test";
import { fillCode } from "./second-factor";

// The test script creates this account with `quarterhour create-staff` before the server starts.
const moderator = process.env.QH_E2E_MODERATOR ?? "e2e.moderator";
const password = process.env.QH_E2E_PASSWORD ?? "";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** "2026-12-15T09:00" for a day `days` ahead, Beijing time, as a datetime-local input takes. */
function ahead(days: number, time: string) {
  const day = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${time}`;
}

test("staff publish a weekly activity, call one off, and the volunteer reads why", async ({ page, request }) => {
  expect(password, "QH_E2E_PASSWORD is set by scripts/test").not.toBe("");
  const title = `周末义诊 ${Date.now() % 100000}`;
  await page.goto("/staff");
  await hydrated(page);
  await page.getByLabel("用户名").fill(moderator);
  await page.getByLabel("密码").fill(password);
  await fillCode(page, moderator);
  await page.getByRole("button", { name: "登录" }).click();
  // The dashboard, built before the sign-in, reads its figures again once signed in.
  await expect(page.getByRole("heading", { level: 2, name: "待审核" })).toBeVisible();
  await expect(page.getByRole("alert")).toHaveCount(0);
  await page.getByRole("link", { name: "志愿队与活动" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿队与活动");
  await page.getByRole("link", { name: "发布活动" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("发布活动");
  await hydrated(page);

  // What is missing is named before anything is sent; the team fills in its meeting place.
  await page.getByLabel("志愿队").selectOption({ index: 1 });
  await expect(page.getByLabel("集合地点")).not.toHaveValue("");
  await page.getByLabel("活动名称").fill(title);
  await page.getByRole("button", { name: "发布" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  await expect(summary).toContainText("开始时间");
  await expect(page.getByLabel("活动名称")).toHaveValue(title);

  await page.getByLabel("开始时间").fill(ahead(8, "09:00"));
  await page.getByLabel("结束时间").fill(ahead(8, "11:00"));
  await page.getByLabel("名额").fill("1");
  // The choices of repeat are named from the date: "每周六" for a Saturday.
  const repeat = page.getByLabel("是否重复");
  await expect(repeat.locator("option[value=weekly]")).toHaveText(/^每周[一二三四五六日]$/);
  await repeat.selectOption("weekly");
  await page.getByRole("button", { name: "发布" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已发布" })).toBeVisible();
  const edit = await page.getByRole("link", { name: "继续修改" }).getAttribute("href");
  const id = Number(edit!.match(/\/staff\/activities\/(\d+)\/edit/)![1]);

  // A resident takes the one place.
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const filed = await request.post("/api/v1/volunteer-applications", {
    data: { name: "刘淑珍", phone, activity_id: id, skills: ["elderly_care"], consent: true },
  });
  expect(filed.status()).toBe(201);
  const { reference } = await filed.json();

  // Staff call this one occurrence off, with a reason.
  await page.goto(edit!);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByText("已占名额 1")).toBeVisible();
  await expect(page.getByText(/系列活动（每周.）/)).toBeVisible();
  await page.getByLabel("取消原因").fill("社区卫生服务站临时停电，本场取消");
  await page.getByRole("button", { name: "取消活动" }).click();
  await expect(page.getByRole("heading", { name: "活动已取消" })).toBeVisible();

  await page.goto(`/status?reference=${reference}`);
  await hydrated(page);
  await page.getByLabel("手机号").fill(phone);
  await page.getByRole("button", { name: "查询" }).click();
  const shown = page.getByRole("status").filter({ hasText: "受理编号" });
  await expect(shown).toContainText("活动已取消");
  await expect(page.getByText("社区卫生服务站临时停电，本场取消")).toBeVisible();
});
