import AxeBuilder from "@axe-core/playwright";
import { fillCode } from "./second-factor";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { PUBLIC_PAGES as PAGES } from "../pages";

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** Each axe violation on the page as it stands, as "where: rule: elements". */
async function violations(page: Page, where: string): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations.map((v) => `${where}: ${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
}


for (const mode of ["standard", "large text"]) {
  test(`every page passes axe with no violations (${mode})`, async ({ page, context, baseURL }) => {
    // Fourteen pages, each loaded, hydrated and scanned: 24–27 s here, 32 s once on a busy
    // machine, against the default 30 s meant for one page. A budget per page instead.
    test.setTimeout(PAGES.length * 5_000);
    if (mode === "large text") {
      await context.addCookies([{ name: "qh_large", value: "1", url: baseURL! }]);
    }
    const found: string[] = [];
    for (const path of PAGES) {
      await page.goto(path);
      await hydrated(page);
      if (mode === "large text") await expect(page.locator("html")).toHaveClass(/large-text/);
      found.push(...(await violations(page, path)));
    }
    expect(found, mode).toEqual([]);
  });
}

// The staff area, behind sign-in. scripts/test creates the moderator; an admin is optional
// (QH_E2E_ADMIN and QH_E2E_ADMIN_PASSWORD), and without one the admin-only pages are checked as
// a moderator meets them: refused, in an alert.
const moderator = process.env.QH_E2E_MODERATOR ?? "e2e.moderator";
const moderatorPassword = process.env.QH_E2E_PASSWORD ?? "";
const admin = process.env.QH_E2E_ADMIN ?? "";
const adminPassword = process.env.QH_E2E_ADMIN_PASSWORD ?? "";

async function useMode(mode: string, page: Page, baseURL: string | undefined) {
  if (mode === "large text") {
    await page.context().addCookies([{ name: "qh_large", value: "1", url: baseURL! }]);
  }
}

/** Signs in through the staff sign-in form and lands on the dashboard. */
async function signIn(page: Page, username: string, password: string) {
  await page.goto("/staff");
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作人员登录");
  await page.getByLabel("用户名").fill(username);
  await page.getByLabel("密码").fill(password);
  await fillCode(page, username);
  await page.getByRole("button", { name: "登录" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
}

/**
 * Files a volunteer application for an activity of the coming fortnight (the staff attendance
 * list shows the past and coming two weeks), so that the queue, a submission page and an
 * attendance sheet have something in them. Returns the reference and the activity.
 */
async function fileApplication(request: APIRequestContext) {
  const now = Math.floor(Date.now() / 1000);
  const listed = await request.get(`/api/v1/activities?to=${now + 13 * 86_400}`);
  expect(listed.status()).toBe(200);
  const activities: { id: number; team_id: number; title: string; places_left: number; repeat?: string }[] =
    await listed.json();
  const activity =
    activities.find((a) => a.places_left > 0 && !a.repeat) ?? activities.find((a) => !a.repeat);
  expect(activity, "an activity in the coming fortnight to apply for").toBeTruthy();
  const phone = `139${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
  const filed = await request.post("/api/v1/volunteer-applications", {
    data: { name: "赵桂芳", phone, activity_id: activity!.id, skills: ["elderly_care"], consent: true },
  });
  expect(filed.status()).toBe(201);
  const receipt: { reference: string; status: string } = await filed.json();
  return { ...receipt, activity: activity! };
}

for (const mode of ["standard", "large text"]) {
  test(`every staff page a moderator reaches passes axe with no violations (${mode})`, async ({
    page,
    request,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    expect(moderatorPassword, "QH_E2E_PASSWORD is set by scripts/test").not.toBe("");
    const filed = await fileApplication(request);
    await useMode(mode, page, baseURL);
    await signIn(page, moderator, moderatorPassword);

    const found: string[] = [];
    const h1 = page.getByRole("heading", { level: 1 });
    const check = async (path: string, heading: string | RegExp, where = path) => {
      await page.goto(path);
      await hydrated(page);
      if (mode === "large text") await expect(page.locator("html")).toHaveClass(/large-text/);
      if (typeof heading === "string") await expect(h1).toHaveText(heading);
      else await expect(h1).toContainText(heading);
      found.push(...(await violations(page, where)));
    };

    await check("/staff", "工作台");
    await check("/staff/queue", "审核队列");
    // The submission page is the one the queue links to for the application just filed.
    const link = page.getByRole("link", { name: filed.reference, exact: true });
    const submission = `/staff/submissions/${filed.reference}`;
    if (await link.count()) await expect(link).toHaveAttribute("href", submission);
    await check(submission, new RegExp(filed.reference));
    await expect(page.getByRole("button", { name: "提交决定" })).toBeVisible();
    // Decided, the page shows the decision and its history: checked again in that state. An
    // approved volunteer also gives the attendance sheet a row.
    if (filed.status === "pending") {
      await page.getByRole("radio", { name: "通过", exact: true }).check();
      await page.getByRole("button", { name: "提交决定" }).click();
      await expect(page.getByRole("status").filter({ hasText: "已处理" })).toContainText("已通过");
      found.push(...(await violations(page, `${submission} (decided)`)));
    }
    await check("/staff/coverage", "生活圈覆盖情况");
    await check("/staff/activities", "活动签到与时长");
    const activityLink = page.getByRole("link", { name: filed.activity.title }).first();
    await expect(activityLink).toBeVisible();
    const sheet = await activityLink.getAttribute("href");
    expect(sheet).toMatch(/^\/staff\/activities\/\d+$/);
    await check(sheet!, filed.activity.title);
    await check("/staff/member-shops", "商户自治成员店铺");
    await check("/staff/streets", "自治街区");
    await check("/staff/streets/1", /\S/);
    await expect(page.getByRole("button", { name: "添加成员" })).toBeVisible();
    await check("/staff/services", "服务目录维护");
    await check("/staff/services/new", "新增服务点");
    await check("/staff/services/import", "批量导入导出服务点");
    await check("/staff/services/1", /\S/);
    await expect(page.getByRole("button", { name: "保存修改" })).toBeVisible();
    await check("/staff/services/1/history", "修改记录");
    await check("/staff/teams", "志愿队与活动");
    await check("/staff/teams/new", "新增志愿队");
    await check(`/staff/teams/${filed.activity.team_id}`, /\S/);
    await expect(page.getByRole("button", { name: "保存修改" })).toBeVisible();
    await check("/staff/activities/new", "发布活动");
    await check("/staff/activities/propose", "提交活动");
    await check(`/staff/activities/${filed.activity.id}/edit`, filed.activity.title);
    await expect(page.getByRole("button", { name: "取消活动" })).toBeVisible();
    await check("/staff/password", "修改密码");
    await check("/staff/second-factor", "两步验证");
    // Admin pages: a moderator is refused, in an alert; that page is checked as it is.
    for (const [path, heading] of [
      ["/staff/accounts", "账号管理"],
      ["/staff/audit", "审计日志"],
      ["/staff/categories", "服务类别"],
    ]) {
      await check(path, heading, `${path} (as a moderator)`);
      await expect(page.getByRole("alert")).toHaveText("您的账号没有这项权限，请联系管理员。");
    }
    expect(found, mode).toEqual([]);
  });

  test(`the admin pages pass axe with no violations (${mode})`, async ({ page, baseURL }) => {
    test.skip(!admin || !adminPassword, "no admin account: set QH_E2E_ADMIN and QH_E2E_ADMIN_PASSWORD");
    await useMode(mode, page, baseURL);
    await signIn(page, admin, adminPassword);
    const found: string[] = [];
    for (const [path, heading] of [
      ["/staff/accounts", "账号管理"],
      ["/staff/audit", "审计日志"],
      ["/staff/categories", "服务类别"],
    ]) {
      await page.goto(path);
      await hydrated(page);
      if (mode === "large text") await expect(page.locator("html")).toHaveClass(/large-text/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
      await expect(page.getByRole("table").first()).toBeVisible();
      found.push(...(await violations(page, path)));
    }
    for (const [path, heading] of [
      ["/staff/categories/new", "新增类别"],
      ["/staff/categories/pharmacy", /\S/],
    ] as const) {
      await page.goto(path);
      await hydrated(page);
      await expect(page.getByRole("heading", { level: 1 })).toContainText(heading);
      await expect(page.getByRole("button", { name: "保存" })).toBeVisible();
      found.push(...(await violations(page, path)));
    }
    expect(found, mode).toEqual([]);
  });
}

test("large text is one tap away and remembered", async ({ page }) => {
  await page.goto("/services");
  await hydrated(page);
  const size = async () =>
    page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  const before = await size();
  await page.getByRole("button", { name: "大字模式" }).click();
  await expect(page.locator("html")).toHaveClass(/large-text/);
  expect(await size()).toBeGreaterThan(before);
  await expect(page.getByRole("button", { name: "大字模式" })).toHaveAttribute("aria-pressed", "true");
  await page.reload();
  await expect(page.locator("html")).toHaveClass(/large-text/);
});

test("pages run under their content security policy without violations", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (message.text().includes("Content Security Policy")) violations.push(message.text());
  });
  await page.goto("/near");
  await hydrated(page);
  await page.getByRole("link", { name: "服务" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("生活服务");
  expect(violations).toEqual([]);
});
