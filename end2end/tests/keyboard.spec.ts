import { expect, test, type Locator, type Page } from "@playwright/test";
import { fillCode } from "./second-factor";

// Keyboard only: the walks below never click or tap. They move with Tab and Shift+Tab, type,
// tick with Space and press Enter, and at every stop check that the focus can be seen. The last
// tests measure touch targets (at least 44×44 px) on the sign-up page and in the staff area.

async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true");
}

/**
 * What is wrong with the focus as it stands: nothing focused (the focus was lost), an element
 * outside :focus-visible, no outline of at least 2px (nor a box-shadow ring), an element off
 * screen, or a ring under 3:1 contrast against what lies around it (WCAG 1.4.11) on most of its
 * sides: measured just outside each side's middle, through every layer painted there.
 */
async function focusProblems(page: Page): Promise<{ element: string; problems: string[] }> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body || el === document.documentElement) {
      return { element: "<body>", problems: ["the focus is lost: nothing is focused"] };
    }
    const text = (el.getAttribute("aria-label") ?? (el as HTMLInputElement).labels?.[0]?.innerText ?? el.innerText ?? "")
      .trim()
      .replace(/\s+/g, " ")
      .slice(0, 30);
    const type = el.getAttribute("type");
    const element = `<${el.tagName.toLowerCase()}${type ? ` type=${type}` : ""}> "${text}"`;
    const problems: string[] = [];
    if (!el.matches(":focus-visible")) problems.push("not :focus-visible");

    const style = getComputedStyle(el);
    const width = parseFloat(style.outlineWidth) || 0;
    const outlined = style.outlineStyle !== "none" && width >= 2;
    const ringed = style.boxShadow !== "none";
    if (!outlined && !ringed) {
      problems.push(`no focus ring (outline ${style.outlineStyle} ${style.outlineWidth}, box-shadow none)`);
    }
    const box = el.getBoundingClientRect();
    if (box.width < 1 || box.height < 1 || box.bottom <= 0 || box.right <= 0 || box.top >= innerHeight || box.left >= innerWidth) {
      problems.push("not on screen");
    }

    // The ring's colour against the colours painted just outside it, on each side in view.
    if (outlined) {
      type Rgba = [number, number, number, number];
      const parse = (css: string): Rgba => {
        const n = css.match(/[\d.]+/g)?.map(Number) ?? [0, 0, 0, 0];
        return [n[0], n[1], n[2], n.length > 3 ? n[3] : 1];
      };
      const luminance = ([r, g, b]: Rgba) => {
        const lin = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
        return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      };
      const contrast = (a: Rgba, b: Rgba) => {
        const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
        return (hi + 0.05) / (lo + 0.05);
      };
      const behind = (x: number, y: number): Rgba => {
        // Backgrounds front to back, composited, over the white canvas.
        const acc: Rgba = [0, 0, 0, 0];
        for (const layer of document.elementsFromPoint(x, y)) {
          // The element's own background counts (under an inset ring), its content does not.
          if (layer !== el && el.contains(layer)) continue;
          const [r, g, b, a] = parse(getComputedStyle(layer).backgroundColor);
          const share = (1 - acc[3]) * a;
          acc[0] += share * r;
          acc[1] += share * g;
          acc[2] += share * b;
          acc[3] += share;
          if (acc[3] > 0.999) break;
        }
        const rest = 1 - acc[3];
        return [acc[0] + rest * 255, acc[1] + rest * 255, acc[2] + rest * 255, 1];
      };
      const ring = parse(style.outlineColor);
      const d = (parseFloat(style.outlineOffset) || 0) + width / 2;
      const sides: [number, number][] = [
        [box.left - d, box.top + box.height / 2],
        [box.right + d, box.top + box.height / 2],
        [box.left + box.width / 2, box.top - d],
        [box.left + box.width / 2, box.bottom + d],
      ];
      // A ring that fades on one side is still seen; one lost on most of its sides is not.
      const rgb = (c: Rgba) => `rgb(${c.slice(0, 3).map(Math.round).join(", ")})`;
      const faint: string[] = [];
      let seen = 0;
      for (const [x, y] of sides) {
        if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
        seen++;
        const against = behind(x, y);
        const ratio = contrast(ring, against);
        if (ratio < 3) faint.push(`${ratio.toFixed(2)}:1 against ${rgb(against)}`);
      }
      if (faint.length * 2 > seen) {
        problems.push(`focus ring ${rgb(ring)} fades on ${faint.length} of ${seen} sides: ${[...new Set(faint)].join(", ")} (needs 3:1)`);
      }
    }
    return { element, problems };
  });
}

/** Moves with the keyboard and records every focus problem met on the way, once per element. */
class KeyboardWalk {
  readonly problems: string[] = [];

  constructor(
    private readonly page: Page,
    private readonly where: string,
  ) {}

  /** Checks the focus where it is now. */
  async check(moment = "") {
    const { element, problems } = await focusProblems(this.page);
    for (const problem of problems) {
      const line = `${this.where}${moment ? ` (${moment})` : ""}: ${element}: ${problem}`;
      if (!this.problems.includes(line)) this.problems.push(line);
    }
  }

  async press(key: string, moment = "") {
    await this.page.keyboard.press(key);
    await this.check(moment);
  }

  /** Tabs (or Shift+Tabs) until `target` has the focus, checking each stop. */
  async tabTo(target: Locator, { back = false, max = 40 } = {}) {
    for (let i = 0; i < max; i++) {
      await this.press(back ? "Shift+Tab" : "Tab");
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`${target} was not reached with ${back ? "Shift+Tab" : "Tab"} in ${max} presses`);
  }
}

/** Whether the focused element lies inside the page's <main>. */
async function focusInMain(page: Page) {
  return page.evaluate(() => {
    const main = document.querySelector("main");
    return !!main && !!document.activeElement && main.contains(document.activeElement);
  });
}

/** The element a field's aria-describedby names (the first one), as a locator. */
async function description(page: Page, field: Locator) {
  const ids = (await field.getAttribute("aria-describedby"))?.trim().split(/\s+/) ?? [];
  expect(ids.length, "the field names its error with aria-describedby").toBeGreaterThan(0);
  return page.locator(`[id="${ids[0]}"]`);
}

/** Whether screen readers announce changes of this element: it is in a live region or an alert. */
async function announced(element: Locator) {
  return element.evaluate(
    (el) => !!el.closest('[aria-live="polite"], [aria-live="assertive"], [role="alert"], [role="status"]'),
  );
}

const APPLY = "/volunteers/apply?team=1";

test("the skip link takes a keyboard user past the header to the main content", async ({ page }) => {
  await page.goto(APPLY);
  await hydrated(page);
  await expect(page.getByText("报名：")).toBeVisible();
  const walk = new KeyboardWalk(page, APPLY);

  // The first Tab on the page lands on the skip link, shown while it has the focus.
  await walk.press("Tab", "first Tab");
  const skip = page.getByRole("link", { name: "跳到正文", exact: true });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();

  // Enter follows it; the next Tab is then inside <main>: here the first field, the name.
  // (Where the focus rests in between, on <main> itself or nowhere, is the page's choice.)
  await page.keyboard.press("Enter");
  await walk.press("Tab", "Tab after the skip link");
  expect
    .soft(await focusInMain(page), "after 跳到正文 and Tab the focus is in the main content, not the header")
    .toBe(true);
  await expect.soft(page.getByLabel("姓名", { exact: true })).toBeFocused({ timeout: 2_000 });
  expect(walk.problems).toEqual([]);
});

test("a resident signs up for a team with the keyboard alone, told what to fix on the way", async ({ page }) => {
  test.setTimeout(60_000);
  await page.goto(APPLY);
  await hydrated(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("志愿者报名");
  await expect(page.getByText("报名：")).toBeVisible();
  const walk = new KeyboardWalk(page, APPLY);

  const name = page.getByLabel("姓名", { exact: true });
  const phone = page.getByLabel("手机号", { exact: true });
  const elderly = page.getByRole("checkbox", { name: "陪伴照护老人", exact: true });
  const weekend = page.getByRole("checkbox", { name: "周末", exact: true });
  const note = page.getByLabel("备注（选填）", { exact: true });
  const consent = page.getByRole("checkbox", { name: "我已阅读并同意以上个人信息说明", exact: true });
  const submit = page.getByRole("button", { name: "提交报名", exact: true });

  // Everything filled in order, with one mistake: a mobile number one digit short.
  await walk.tabTo(name);
  await page.keyboard.type("王秀兰");
  await walk.tabTo(phone);
  await page.keyboard.type("1381234567");
  await walk.tabTo(elderly);
  await walk.press("Space", "skill ticked");
  await expect(elderly).toBeChecked();
  await walk.tabTo(weekend);
  await walk.press("Space", "availability ticked");
  await expect(weekend).toBeChecked();
  await walk.tabTo(note);
  await page.keyboard.type("周六上午更方便");
  await walk.tabTo(consent);
  await walk.press("Space", "consent ticked");
  await expect(consent).toBeChecked();
  await walk.tabTo(submit);
  await walk.press("Enter", "sent with a mistake");

  // The mistake is shown and announced: the field names its error, the error is in a live
  // region (or an alert), and the field is marked invalid.
  await expect(page.getByRole("status").filter({ hasText: "报名已收到" })).toHaveCount(0);
  const error = await description(page, phone);
  await expect(error).toContainText("手机号应为11位数字");
  await expect(error).toBeVisible();
  await expect(phone).toHaveAccessibleDescription(/手机号应为11位数字/);
  expect.soft(await announced(error), "the phone error is in an aria-live region or role=alert").toBe(true);
  await expect.soft(phone, "the phone field is marked aria-invalid").toHaveAttribute("aria-invalid", "true");
  // Only the mobile number is wrong: no other field is marked.
  await expect.soft(name).not.toHaveAttribute("aria-invalid", "true");

  // Nothing typed is lost.
  await expect(name).toHaveValue("王秀兰");
  await expect(phone).toHaveValue("1381234567");
  await expect(elderly).toBeChecked();
  await expect(weekend).toBeChecked();
  await expect(note).toHaveValue("周六上午更方便");
  await expect(consent).toBeChecked();

  // The summary of what to fix has the focus, at the top of the form; its link leads back to
  // the field, and the missing digit added, the error goes.
  await expect(page.locator(":focus")).toContainText("请先修改以下问题");
  await walk.tabTo(page.getByRole("link", { name: /手机号应为11位数字/ }));
  await walk.press("Enter", "the summary's link to the field");
  await expect(phone).toBeFocused();
  await page.keyboard.press("End");
  await page.keyboard.type("8");
  await expect(phone).toHaveValue("13812345678");
  await expect(error).toHaveText("");
  await expect(phone).not.toHaveAttribute("aria-invalid", "true");

  await walk.tabTo(submit);
  await page.keyboard.press("Enter");
  const receipt = page.getByRole("status").filter({ hasText: "受理编号" });
  await expect(receipt).toContainText(/QH-[0-9A-Z]{8}/);
  await expect(receipt.getByRole("heading", { name: "报名已收到，谢谢！" })).toBeVisible();
  // The form is gone: the focus must not fall back to the top of the page, but go to the
  // receipt, from where Tab reaches its links.
  await walk.check("receipt shown");
  expect
    .soft(await receipt.evaluate((r) => r.contains(document.activeElement)), "the focus moves to the receipt")
    .toBe(true);
  await walk.tabTo(receipt.getByRole("link", { name: "查询报名进度" }), { max: 15 });

  expect(walk.problems).toEqual([]);
});

test("large text is switched on and off with the keyboard", async ({ page }) => {
  await page.goto(APPLY);
  await hydrated(page);
  const walk = new KeyboardWalk(page, APPLY);
  const html = page.locator("html");
  const large = page.getByRole("button", { name: "大字模式", exact: true });
  await expect(html).not.toHaveClass(/large-text/);
  await expect(large).toHaveAttribute("aria-pressed", "false");

  await walk.tabTo(large);
  await walk.press("Enter", "large text switched on");
  await expect(html).toHaveClass(/large-text/);
  await expect(large).toHaveAttribute("aria-pressed", "true");
  await expect(large, "the switch keeps the focus").toBeFocused();
  await walk.check("in large text");

  await walk.press("Space", "large text switched off");
  await expect(html).not.toHaveClass(/large-text/);
  await expect(large).toHaveAttribute("aria-pressed", "false");
  await expect(large, "the switch keeps the focus").toBeFocused();
  await walk.check("back in standard text");

  expect(walk.problems).toEqual([]);
});

/** The elements of `targets` whose box (a checkbox's or radio's: its label's) is under 44×44 px. */
async function smallTargets(targets: Locator[]): Promise<string[]> {
  const small: string[] = [];
  for (const target of targets) {
    for (const el of await target.all()) {
      const { name, width, height } = await el.evaluate((node) => {
        const input = node as HTMLInputElement;
        const label = ["checkbox", "radio"].includes(input.type) ? input.labels?.[0] : undefined;
        const box = (label ?? node).getBoundingClientRect();
        const text = (node.getAttribute("aria-label") ?? input.labels?.[0]?.innerText ?? (node as HTMLElement).innerText ?? "").trim();
        return { name: `<${node.tagName.toLowerCase()}> "${text.slice(0, 30)}"`, width: box.width, height: box.height };
      });
      // Half a pixel for rounding: 44 CSS px laid out can measure 43.99.
      if (width < 43.5 || height < 43.5) small.push(`${name}: ${width.toFixed(1)}×${height.toFixed(1)}`);
    }
  }
  return small;
}

for (const mode of ["standard", "large text"]) {
  test(`the sign-up page's controls and navigation are at least 44×44 px (${mode})`, async ({ page, baseURL }) => {
    if (mode === "large text") {
      await page.context().addCookies([{ name: "qh_large", value: "1", url: baseURL! }]);
    }
    await page.goto(APPLY);
    await hydrated(page);
    await expect(page.getByText("报名：")).toBeVisible();
    // Inline links in running text are exempt (WCAG 2.5.8): buttons, form controls with their
    // labels, and the header's links (the brand and the main navigation) are not.
    const form = page.locator("form").filter({ has: page.getByRole("button", { name: "提交报名" }) });
    const targets = [
      page.getByRole("button"),
      page.getByRole("banner").getByRole("link"),
      form.getByRole("textbox"),
      form.getByRole("checkbox"),
      form.getByRole("radio"),
    ];
    expect(await page.getByRole("navigation", { name: "主导航" }).getByRole("link").count()).toBe(4);
    expect(await form.getByRole("checkbox").count()).toBeGreaterThan(10);
    expect(await smallTargets(targets), mode).toEqual([]);
  });
}

for (const mode of ["standard", "large text"]) {
  test(`the staff area's navigation and buttons are at least 44×44 px (${mode})`, async ({ page, baseURL }) => {
    const password = process.env.QH_E2E_PASSWORD ?? "";
    expect(password, "QH_E2E_PASSWORD is set by scripts/test").not.toBe("");
    if (mode === "large text") {
      await page.context().addCookies([{ name: "qh_large", value: "1", url: baseURL! }]);
    }
    await page.goto("/staff");
    await hydrated(page);
    await page.getByLabel("用户名").fill(process.env.QH_E2E_MODERATOR ?? "e2e.moderator");
    await page.getByLabel("密码").fill(password);
    await fillCode(page, process.env.QH_E2E_MODERATOR ?? "e2e.moderator");
    await page.getByRole("button", { name: "登录" }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("工作台");
    const staffNav = page.getByRole("navigation", { name: "工作人员导航" });
    expect(await staffNav.getByRole("link").count()).toBeGreaterThanOrEqual(6);
    const targets = [page.getByRole("button"), page.getByRole("banner").getByRole("link"), staffNav.getByRole("link")];
    expect(await smallTargets(targets), mode).toEqual([]);
  });
}
