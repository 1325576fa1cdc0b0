// Run axe-core on HTML files in headless Chromium (Debian's /usr/bin/chromium) and print the violations as
// JSON: {"file": [violations...]}. With --screenshot DIR, also save a full-page PNG of each file.
// Usage: node check.js [--screenshot DIR] FILE.html...
const path = require("path");
const fs = require("fs");
const os = require("os");
const { chromium } = require("playwright-core");
const axeSource = fs.readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

(async () => {
  const args = process.argv.slice(2);
  let shots = null;
  if (args[0] === "--screenshot") { shots = args[1]; args.splice(0, 2); }
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "xlbokslut-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    headless: true,
    viewport: { width: 1024, height: 800 },
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const out = {};
  try {
    const page = await context.newPage();
    for (const file of args) {
      await page.goto("file://" + path.resolve(file));
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(() => window.axe.run(document, {
        runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
      }));
      out[file] = result.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + ": " + n.failureSummary) }));
      if (shots) {
        await page.screenshot({ path: path.join(shots, path.basename(file, ".html") + ".png"), fullPage: true });
      }
    }
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
  process.stdout.write(JSON.stringify(out, null, 1) + "\n");
})().catch(e => { console.error(e); process.exit(1); });
