/**
 * Demo dashboard follows the system's dark preference: with the browser in
 * dark mode the page, its cards and its inputs are dark and the text light;
 * in light mode they are not. Screenshots are kept for a person to look at.
 */
import { expect, test, type Page } from "@playwright/test";
import { connect, open, screenshot } from "./fixtures/demo.js";

test.use({ viewport: { width: 1440, height: 900 } });

/** Relative luminance (0 black .. 1 white) of an element's computed CSS color property. */
async function luminance(page: Page, selector: string, property: "background-color" | "color"): Promise<number> {
  return page.locator(selector).first().evaluate((element, prop) => {
    const [r, g, b] = getComputedStyle(element).getPropertyValue(prop).match(/\d+(\.\d+)?/g)!.slice(0, 3).map(Number);
    const channel = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(r!) + 0.7152 * channel(g!) + 0.0722 * channel(b!);
  }, property);
}

for (const scheme of ["dark", "light"] as const) {
  test(`the dashboard in ${scheme} mode`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await connect(page);
    await open(page, `#/topic/${encodeURIComponent("drive_2026_03_25_city/sensors/imu")}`);
    await expect(page.getByTestId("detail-plot-wrap")).toHaveAttribute("data-state", "done");
    const page_ = await luminance(page, ".content", "color");
    const card = await luminance(page, ".card", "background-color");
    const input = await luminance(page, ".input", "background-color");
    if (scheme === "dark") {
      expect(card).toBeLessThan(0.05);
      expect(input).toBeLessThan(0.05);
      expect(page_).toBeGreaterThan(0.6);
    } else {
      expect(card).toBeGreaterThan(0.9);
      expect(page_).toBeLessThan(0.1);
    }
    await screenshot(page, `theme-${scheme}-topic`);
    await open(page, "#/");
    await expect(page.getByTestId("stat-sequences")).toBeVisible();
    await screenshot(page, `theme-${scheme}-catalog`);
    // Tinted notices follow the theme too (a light pastel box with light text was unreadable in dark mode).
    await open(page, `#/topic/${encodeURIComponent("bench_arm_calibration/arm/joint_states")}`);
    const notice = page.getByTestId("per-joint-notice");
    await expect(notice).toBeVisible();
    const tint = await luminance(page, '[data-testid="per-joint-notice"]', "background-color");
    const text = await luminance(page, '[data-testid="per-joint-notice"]', "color");
    if (scheme === "dark") {
      expect(tint).toBeLessThan(0.1);
      expect(text).toBeGreaterThan(0.4);
    } else {
      expect(tint).toBeGreaterThan(0.8);
      expect(text).toBeLessThan(0.2);
    }
    await open(page, `#/timeline/drive_2026_03_25_city`);
    await expect(page.getByTestId("timeline-panel").first()).toBeVisible();
    await expect(page.getByTestId("gps-track")).not.toHaveAttribute("data-points", "0");
    await screenshot(page, `theme-${scheme}-timeline`);
  });
}
