import AxeBuilder from "@axe-core/playwright";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { fillCode, totpAt } from "./second-factor";

// An admin gives a new worker one community; the worker signs in with a second factor and sees
// that community's submissions only. What lies elsewhere is not there, even by its address.

const admin = process.env.QH_E2E_ADMIN ?? "";
const adminPassword = process.env.QH_E2E_ADMIN_PASSWORD ?? "";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** Signs the admin in and opens the accounts page. */
async function adminOnAccountsPage(page: Page) {
  await page.goto("/staff");
  await hydrated(page);
  await page.getByLabel("用户名").fill(admin);
  await page.getByLabel("密码").fill(adminPassword);
  await fillCode(page, admin);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
  await page.goto("/staff/accounts");
  await hydrated(page);
}

type Service = { id: number; community: { zh: string } };

/** Two listed services in different communities. */
async function twoCommunities(request: APIRequestContext): Promise<[Service, Service]> {
  const found = await request.get("/api/v1/services?limit=100");
  expect(found.status()).toBe(200);
  const { items } = await found.json();
  let home: Service | undefined;
  for (const item of items) {
    const service: Service = await (await request.get(`/api/v1/services/${item.id}`)).json();
    if (home === undefined) home = service;
    else if (service.community.zh !== home.community.zh) return [home, service];
  }
  throw new Error("the demo data has services in two communities");
}

async function suggest(request: APIRequestContext, service: number, details: string) {
  const filed = await request.post("/api/v1/service-suggestions", {
    data: { kind: "wrong_hours", service_id: service, details, phone: "13700005678" },
  });
  expect(filed.status()).toBe(201);
  return (await filed.json()).reference as string;
}

test("a community worker signs in with a second factor and sees only that community's submissions", async ({
  page,
  request,
}) => {
  test.skip(!admin || !adminPassword, "no admin account: set QH_E2E_ADMIN and QH_E2E_ADMIN_PASSWORD");
  const [home, away] = await twoCommunities(request);
  const here = await suggest(request, home.id, "周日上午其实也开门");
  const there = await suggest(request, away.id, "门口的电话打不通");
  const username = `e2e.area.${Date.now().toString(36)}`;
  const password = "社区网格员-账号-2026";

  // The admin makes the account and gives it the home community.
  await adminOnAccountsPage(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("初始密码").fill(password);
  const area = page.getByLabel("负责范围（管理员为全市）");
  const community = await area.locator("option", { hasText: home.community.zh }).first().getAttribute("value");
  expect(community).toMatch(/^community:\d+$/);
  await area.selectOption(community!);
  await page.getByRole("button", { name: "创建" }).click();
  const row = page.getByRole("row").filter({ hasText: username });
  await expect(row).toContainText(home.community.zh);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.getByRole("button", { name: "退出登录" }).click();

  // The worker's first sign-in sets up the second factor.
  await page.goto("/staff");
  await hydrated(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await page.getByRole("button", { name: "开始设置两步验证" }).click();
  const secret = (await page.getByText(/^[A-Z2-7]{32}$/).textContent()) ?? "";
  await page.getByLabel("应用中显示的6位数字").fill(totpAt(secret, Math.floor(Date.now() / 30_000)));
  await page.getByRole("button", { name: "启用两步验证" }).click();
  await page.getByRole("button", { name: "我已抄下恢复码，继续" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
  await expect(page.getByRole("navigation", { name: "工作人员导航" })).toContainText(home.community.zh);

  // The queue lists the home community's suggestion, not the other one.
  await page.goto("/staff/queue?status=all");
  await hydrated(page);
  await expect(page.getByRole("link", { name: here })).toBeVisible();
  await expect(page.getByRole("link", { name: there })).toHaveCount(0);
  const communities = page.getByRole("combobox", { name: "社区" }).locator("option");
  await expect(communities).toHaveText(["全部社区", home.community.zh]);

  // Opened by its address, the other is not there.
  await page.goto(`/staff/submissions/${there}`);
  await hydrated(page);
  await expect(page.getByText(there).and(page.getByRole("heading"))).toHaveCount(0);
  await expect(page.getByText("13700005678")).toHaveCount(0);
  await page.goto(`/staff/submissions/${here}`);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(here);
});

/** "2026-12-15T09:00" for a day `days` ahead, Beijing time, as a datetime-local input takes. */
function ahead(days: number, time: string) {
  const day = new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${time}`;
}

test("an admin makes a team leader's account, which keeps one team and submits its activities for review", async ({
  page,
}) => {
  test.skip(!admin || !adminPassword, "no admin account: set QH_E2E_ADMIN and QH_E2E_ADMIN_PASSWORD");
  const username = `e2e.lead.${Date.now().toString(36)}`;
  const password = "志愿队队长-账号-2026";
  await adminOnAccountsPage(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("角色").selectOption("team_leader");
  await page.getByLabel("初始密码").fill(password);
  const area = page.getByLabel("负责范围（管理员为全市）");
  const team = area.locator("optgroup option").first();
  const teamName = ((await team.textContent()) ?? "").split("（")[0];
  await area.selectOption((await team.getAttribute("value"))!);
  await page.getByRole("button", { name: "创建" }).click();
  const row = page.getByRole("row").filter({ hasText: username });
  await expect(row).toContainText("志愿队队长");
  await expect(row).toContainText(teamName);
  await page.getByRole("button", { name: "退出登录" }).click();

  // The password alone signs in; the staff menu keeps to the team's work.
  await page.goto("/staff");
  await hydrated(page);
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
  const menu = page.getByRole("navigation", { name: "工作人员导航" });
  await expect(menu).toContainText(teamName);
  await expect(menu.getByRole("link", { name: "审核队列" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "活动签到" })).toBeVisible();
  await expect(menu.getByRole("link", { name: "服务目录" })).toHaveCount(0);
  await expect(menu.getByRole("link", { name: "账号管理" })).toHaveCount(0);
  const { violations } = await new AxeBuilder({ page }).analyze();
  expect(violations.map((v) => v.id)).toEqual([]);
  await page.goto("/staff/activities");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("活动签到与时长");
  await expect(page.getByRole("link", { name: "发布活动" })).toHaveCount(0);

  // The leader submits an activity for their team; it waits for the review.
  await menu.getByRole("link", { name: "提交活动" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("提交活动");
  await hydrated(page);
  await expect(page.getByLabel("志愿队").locator("option:checked")).toHaveText(teamName);
  await expect(page.getByLabel("集合地点")).not.toHaveValue("");
  const title = `楼道清扫 ${Date.now() % 100000}`;
  await page.getByLabel("活动名称").fill(title);
  await page.getByLabel("开始时间").fill(ahead(9, "09:00"));
  await page.getByLabel("结束时间").fill(ahead(9, "11:00"));
  await page.getByLabel("名额").fill("10");
  await page.getByRole("button", { name: "提交审核" }).click();
  const filed = page.getByRole("status").filter({ hasText: "已提交，等待审核" });
  await expect(filed).toBeVisible();
  const reference = ((await filed.locator(".reference").textContent()) ?? "").trim();
  expect(reference).not.toBe("");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => v.id)).toEqual([]);
  await page.getByRole("button", { name: "退出登录" }).click();

  // A moderator of the whole city approves it, and residents can sign up.
  await adminOnAccountsPage(page);
  await page.goto(`/staff/submissions/${reference}`);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("志愿活动发布");
  await expect(page.getByText(title)).toBeVisible();
  await page.getByRole("radio", { name: "通过", exact: true }).check();
  await page.getByRole("button", { name: "提交决定" }).click();
  await expect(page.getByRole("status").filter({ hasText: "已处理" })).toContainText("已通过");
  await page.getByRole("link", { name: "查看报名页面" }).click();
  await hydrated(page);
  await expect(page.getByText(title).first()).toBeVisible();
});
