/**
 * Runs instead of the browser suite when Chromium is missing (see vitest.browser.config.ts): a
 * failing test that says what did not run and how to install it.
 */
import { test } from "vitest"

test("the Chromium suite needs a Chromium", () => {
  throw new Error(
    `no Chromium at ${process.env["HOUQIN_CHROMIUM_PATH"]}: the IndexedDB adapter's browser suite did not run. ` +
      "Install it with `apt-get install -y chromium` (as .ci/run does), or point HOUQIN_CHROMIUM at one."
  )
})
