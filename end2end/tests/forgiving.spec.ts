import { expect, test, type Page } from "@playwright/test";

// Forms that forgive what phones on a bus do: a script that arrives late, a failed submit far
// down a long form, a reload, a step back.

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/** Holds the client's files back for three seconds, as a slow network on a bus does. */
async function slowClient(page: Page) {
  await page.route("**/pkg/**", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 3000));
    await route.continue();
  });
}

test("what is typed before the page is interactive is kept when it becomes so", async ({ page, request }) => {
  const teams: { id: number }[] = await (await request.get("/api/v1/teams")).json();
  await slowClient(page);

  await page.goto(`/volunteers/apply?team=${teams[0].id}`);
  const submit = page.getByRole("button", { name: "页面加载中…" });
  await expect(submit).toBeDisabled();
  await page.getByLabel("姓名").fill("王秀兰");
  await page.getByLabel("手机号").fill("13812345678");
  await page.getByLabel("陪伴照护老人").check();
  await page.getByLabel("周末").check();
  await page.getByLabel("备注（选填）").fill("周六上午有空");
  await hydrated(page);
  await expect(page.getByRole("button", { name: "提交报名" })).toBeEnabled();
  await expect(page.getByLabel("姓名")).toHaveValue("王秀兰");
  await expect(page.getByLabel("手机号")).toHaveValue("13812345678");
  await expect(page.getByLabel("陪伴照护老人")).toBeChecked();
  await expect(page.getByLabel("周末")).toBeChecked();
  await expect(page.getByLabel("备注（选填）")).toHaveValue("周六上午有空");

  await page.goto("/merchants/register?street=1");
  await page.getByLabel("店铺名称（与招牌一致）").fill("老城根胡辣汤");
  await page.getByLabel("经营类别").selectOption({ label: "早餐店" });
  await page.getByLabel("我店承诺遵守门前三包").check();
  await hydrated(page);
  await expect(page.getByLabel("店铺名称（与招牌一致）")).toHaveValue("老城根胡辣汤");
  await expect(page.getByLabel("经营类别")).toHaveValue("breakfast");
  await expect(page.getByLabel("我店承诺遵守门前三包")).toBeChecked();
  // The choice shows the fields a food business needs, as it would have once interactive.
  await expect(page.getByLabel("食品经营许可证号（JY开头）")).toBeVisible();

  await page.goto("/services");
  await page.getByRole("searchbox", { name: "搜索" }).fill("养老");
  await hydrated(page);
  await expect(page.getByRole("searchbox", { name: "搜索" })).toHaveValue("养老");
  await page.unroute("**/pkg/**");
  await page.getByRole("button", { name: "查找" }).click();
  // Found by its category's name, which its own name does not hold.
  await expect(page.getByRole("link", { name: /建设路颐养院/ })).toBeVisible();
});

test("a failed submit puts what to fix in view and in focus, each with a way to its field", async ({ page }) => {
  await page.goto("/merchants/register?street=1");
  await hydrated(page);
  await page.getByLabel("店铺名称（与招牌一致）").fill("老城根胡辣汤");
  await page.getByLabel("联系人手机号（仅工作人员可见）").fill("1381234");
  await page.getByRole("button", { name: "提交登记" }).click();

  const focused = page.locator(":focus");
  await expect(focused).toContainText("请先修改以下问题");
  await expect(focused).toBeInViewport();
  await focused.getByRole("link", { name: "手机号应为11位数字" }).click();
  await expect(page.getByLabel("联系人手机号（仅工作人员可见）")).toBeFocused();
  await expect(page.getByLabel("联系人手机号（仅工作人员可见）")).toBeInViewport();
  await expect(page.getByLabel("店铺名称（与招牌一致）")).toHaveValue("老城根胡辣汤");
});

test("a draft comes back after a reload and goes once the form is sent", async ({ page }) => {
  await page.goto("/suggest");
  await hydrated(page);
  await page.getByLabel("服务点名称").fill("纬五路口袋公园");
  await page.getByLabel("类别").selectOption({ label: "健身场地" });
  await page.getByLabel("地址").fill("金水区纬五路与经三路交叉口");
  await page.getByLabel("情况说明").fill("新建的口袋公园，有健身器材和乒乓球台。");
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("服务点名称")).toHaveValue("纬五路口袋公园");
  await expect(page.getByLabel("类别")).toHaveValue("fitness");
  await expect(page.getByLabel("情况说明")).toHaveValue("新建的口袋公园，有健身器材和乒乓球台。");

  await page.getByRole("button", { name: "提交" }).click();
  await expect(page.getByRole("status").filter({ hasText: "受理编号" })).toBeVisible();
  await page.reload();
  await hydrated(page);
  await expect(page.getByLabel("服务点名称")).toHaveValue("");
});

test("a draft stays with its own form: another form reached by links starts empty", async ({ page }) => {
  await page.goto("/suggest");
  await hydrated(page);
  await page.getByLabel("服务点名称").fill("纬五路口袋公园");
  await page.getByLabel("手机号（选填）").fill("13812345678");
  // Within the page's own navigation, where the router moves before the address bar does.
  await page.getByRole("link", { name: "志愿者", exact: true }).click();
  await page.getByRole("main").getByRole("listitem").getByRole("link").first().click();
  await page.getByRole("link", { name: "申请加入这支队伍" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿者报名");
  await expect(page.getByRole("button", { name: "提交报名" })).toBeEnabled();
  await expect(page.getByLabel("姓名")).toHaveValue("");
  await expect(page.getByLabel("手机号")).toHaveValue("");
  // And the suggestion's draft is still there when the resident goes back to it.
  await page.goBack();
  await page.goBack();
  await page.goBack();
  await expect(page.getByLabel("服务点名称")).toHaveValue("纬五路口袋公园");
});

test("a result's whole card opens it, and a step back returns to the same page and place", async ({ page }) => {
  await page.goto("/services?page=2");
  await hydrated(page);
  const cards = page.locator(".service-list > li");
  await expect(cards).toHaveCount(20);
  const card = cards.nth(12);
  await card.scrollIntoViewIfNeeded();
  const before = await page.evaluate(() => window.scrollY);
  expect(before).toBeGreaterThan(300);
  const name = (await card.getByRole("link").innerText()).trim();
  // A tap on the card's lower half, away from the name's line.
  const box = (await card.boundingBox())!;
  await page.mouse.click(box.x + box.width - 12, box.y + box.height - 8);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(name.replace(/^\S+\s/, ""));

  await page.goBack();
  await expect(page).toHaveURL(/\?page=2$/);
  await expect(cards.nth(12)).toContainText(name.replace(/^\S+\s/, ""));
  await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(before - 50);
});
