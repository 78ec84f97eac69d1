import { playwright } from "@vitest/browser-playwright"
import { existsSync } from "node:fs"
import { defaultClientConditions } from "vite"
import { defineProject } from "vitest/config"

/**
 * The Chromium project: the same test files on the browser's real IndexedDB, through vitest's
 * browser mode and Playwright driving the system's Chromium (`/usr/bin/chromium` from Debian's
 * package, or `HOUQIN_CHROMIUM`; `.ci/run` installs it when it is missing; Playwright downloads no
 * browser of its own). Without Chromium the project runs one test that fails and says how to
 * install it: the browser suite is never skipped silently.
 */
const name = "adapter-indexeddb (chromium)"
const executablePath = process.env["HOUQIN_CHROMIUM"] ?? "/usr/bin/chromium"
const conditions = ["@houqin/source", ...defaultClientConditions]

export default existsSync(executablePath)
  ? defineProject({
    resolve: { conditions },
    optimizeDeps: { include: ["dexie", "effect", "fast-check", "@effect/vitest"] },
    test: {
      name,
      include: ["test/**/*.test.ts"],
      browser: {
        enabled: true,
        headless: true,
        screenshotFailures: false,
        provider: playwright({
          launchOptions: {
            executablePath,
            args: [
              "--no-sandbox",
              "--headless",
              "--disable-gpu",
              "--disable-dev-shm-usage",
              "--disable-background-networking",
              "--disable-component-update",
              "--disable-sync",
              "--no-first-run"
            ]
          }
        }),
        instances: [{ browser: "chromium" }]
      }
    }
  })
  : defineProject({
    test: { name, include: ["test/chromium-missing.check.ts"], environment: "node", env: { HOUQIN_CHROMIUM_PATH: executablePath } }
  })
