/**
 * `cn`: the national-defaults pack of the People's Republic of China. Each module's section cites
 * the source of each number beside it (../shared/reference, copied into `packages/core/data`).
 * A number with no national source says so where it is defined.
 *
 * @since 0.1.0
 */
import type { RulePack } from "./RulePack.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import type { Zone } from "../kernel/Time.ts"
import { cn as approvals } from "../approvals/rules.ts"
import { cn as retention } from "../retention/rules.ts"
import { cn as assets } from "../assets/rules.ts"
import { cn as canteen } from "../canteen/rules.ts"
import { cn as health } from "../health/rules.ts"

/**
 * The `cn` pack.
 *
 * @since 0.1.0
 * @category packs
 */
export const cn = {
  id: "cn",
  version: "2026.11.0",
  // the date the newest national standard it cites came into force (GB 31654-2021, 2022-02-22)
  effectiveFrom: "2022-02-22" as LocalDate,
  name: { zh: "全国默认规则", en: "PRC national defaults" },
  general: {
    currency: "CNY",
    // 四舍五入: half away from zero, as Chinese accounting rounds (CONTRACTS.md)
    rounding: "halfUp",
    // China Standard Time; no daylight saving since 1991
    defaultZone: "Asia/Shanghai" as Zone
  },
  // policy presets: the seed kindergarten rule, the school chain, the government thresholds
  approvals,
  // food sample retention: sources beside each number in retention/rules.ts
  retention,
  assets,
  canteen,
  // WHO z-scores; WS/T 586-2018 and WS/T 456-2014 screening; school check, outbreak, medication and
  // publication rules — each number's source beside it in health/rules.ts
  health
} as const satisfies RulePack
