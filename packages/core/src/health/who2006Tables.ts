/**
 * The WHO Child Growth Standards (0–5 years): the nine LMS tables of WHO's `anthro`.
 *
 * @since 0.1.0
 */
import { table as weianthro } from "../data/who-weianthro.generated.ts"
import { table as lenanthro } from "../data/who-lenanthro.generated.ts"
import { table as bmianthro } from "../data/who-bmianthro.generated.ts"
import { table as wflanthro } from "../data/who-wflanthro.generated.ts"
import { table as wfhanthro } from "../data/who-wfhanthro.generated.ts"
import { table as hcanthro } from "../data/who-hcanthro.generated.ts"
import { table as acanthro } from "../data/who-acanthro.generated.ts"
import { table as tsanthro } from "../data/who-tsanthro.generated.ts"
import { table as ssanthro } from "../data/who-ssanthro.generated.ts"
import { lazy } from "./reference.ts"

/**
 * The tables by name (the WHO file stems), each a `Reference` built on first use.
 *
 * @since 0.1.0
 * @category references
 */
export const who2006Tables = {
  weianthro: /* @__PURE__ */ lazy(weianthro),
  lenanthro: /* @__PURE__ */ lazy(lenanthro),
  bmianthro: /* @__PURE__ */ lazy(bmianthro),
  wflanthro: /* @__PURE__ */ lazy(wflanthro),
  wfhanthro: /* @__PURE__ */ lazy(wfhanthro),
  hcanthro: /* @__PURE__ */ lazy(hcanthro),
  acanthro: /* @__PURE__ */ lazy(acanthro),
  tsanthro: /* @__PURE__ */ lazy(tsanthro),
  ssanthro: /* @__PURE__ */ lazy(ssanthro)
} as const
