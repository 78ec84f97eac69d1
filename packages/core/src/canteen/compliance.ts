/**
 * Compliance checks on people, suppliers and stock: food handlers' health certificates (valid a
 * number of months from issue, 12 in `cn`) and training, suppliers' licences (索证索票), and lots
 * past or near their best-before. Each returns findings in the kernel's one shape.
 *
 * Rule ids are the keys of the numbers in the rule pack's `canteen` section
 * (`canteen.healthCertificate.validityMonths`). A finding's id is its rule and subject, plus the
 * day a lapse began, so the same problem found on different days has one id.
 *
 * @since 0.1.0
 */
import * as D from "../kernel/Decimal.ts"
import type { Finding } from "../kernel/Finding.ts"
import * as F from "../kernel/Finding.ts"
import type { LocalDate } from "../kernel/LocalDate.ts"
import * as LD from "../kernel/LocalDate.ts"
import type { Zone } from "../kernel/Time.ts"
import * as T from "../kernel/Time.ts"
import type { FoodHandler, HealthCertificate, Ingredient, LicenceKind, Lot, Supplier } from "./model.ts"
import type { CanteenRules } from "./rules.ts"

/**
 * The last day a health certificate is valid: the date it states, or the day before the same
 * date `validityMonths` later (issued 2026-03-15, valid 12 months: through 2027-03-14).
 *
 * @since 0.1.0
 * @category rules
 */
export const certificateValidUntil = (certificate: HealthCertificate, rules: CanteenRules): LocalDate =>
  certificate.validUntil ?? LD.addDays(LD.addMonths(certificate.issuedOn, rules.healthCertificate.validityMonths), -1)

const dayStart = (date: LocalDate, zone: Zone) => T.startOfDay(date, zone)

/**
 * Findings on food handlers on a date: an active handler with no certificate valid on that date
 * (`violation`, from the day it lapsed, or from `on` when there never was one), a certificate
 * lapsing within the warning period (`warning`), and training older than the rule allows
 * (`warning`).
 *
 * @since 0.1.0
 * @category checks
 */
export const foodHandlerFindings = (
  handlers: ReadonlyArray<FoodHandler>,
  on: LocalDate,
  rules: CanteenRules,
  zone: Zone = T.defaultZone
): Array<Finding> => {
  const out: Array<Finding> = []
  for (const h of handlers) {
    if (!h.active) continue
    const subject = { kind: "foodHandler", id: h.id }
    const current = h.certificates
      .filter((c) => c.issuedOn <= on)
      .map((c) => ({ c, until: certificateValidUntil(c, rules) }))
      .sort((a, b) => (a.until < b.until ? 1 : a.until > b.until ? -1 : 0))[0]
    if (current === undefined) {
      out.push(F.make({
        rule: "canteen.healthCertificate.validityMonths",
        severity: "violation",
        subject,
        at: dayStart(on, zone),
        evidence: { staffId: h.id, certificates: h.certificates.length },
        explanation: {
          zh: `${h.name} 没有有效的健康证明，不得从事接触直接入口食品的工作`,
          en: `${h.name} has no health certificate on record and must not handle ready-to-eat food`
        }
      }))
    } else if (current.until < on) {
      const lapsed = LD.addDays(current.until, 1)
      out.push(F.make({
        rule: "canteen.healthCertificate.validityMonths",
        severity: "violation",
        subject,
        at: dayStart(lapsed, zone),
        period: true,
        evidence: { staffId: h.id, certificate: current.c.number, issuedOn: current.c.issuedOn, validUntil: current.until, validityMonths: rules.healthCertificate.validityMonths, daysLapsed: LD.daysBetween(current.until, on) },
        explanation: {
          zh: `${h.name} 的健康证明（${current.c.number}）已于 ${current.until} 到期，${LD.daysBetween(current.until, on)} 天未更新`,
          en: `${h.name}'s health certificate ${current.c.number} expired on ${current.until}, ${LD.daysBetween(current.until, on)} days ago`
        }
      }))
    } else if (LD.daysBetween(on, current.until) < rules.healthCertificate.warnDays) {
      out.push(F.make({
        rule: "canteen.healthCertificate.warnDays",
        severity: "warning",
        subject,
        at: dayStart(on, zone),
        evidence: { staffId: h.id, certificate: current.c.number, validUntil: current.until, daysLeft: LD.daysBetween(on, current.until), warnDays: rules.healthCertificate.warnDays },
        explanation: {
          zh: `${h.name} 的健康证明将于 ${current.until} 到期，请及时复检`,
          en: `${h.name}'s health certificate expires on ${current.until}; arrange the yearly check`
        }
      }))
    }
    const lastTraining = h.trainings.filter((t) => t.date <= on).map((t) => t.date).sort().at(-1)
    const due = lastTraining === undefined ? undefined : LD.addMonths(lastTraining, rules.training.maxIntervalMonths)
    if (due === undefined || due < on) {
      out.push(F.make({
        rule: "canteen.training.maxIntervalMonths",
        severity: "warning",
        subject,
        at: dayStart(due ?? on, zone),
        period: due !== undefined,
        evidence: { staffId: h.id, lastTraining: lastTraining ?? null, maxIntervalMonths: rules.training.maxIntervalMonths },
        explanation: lastTraining === undefined
          ? { zh: `${h.name} 没有食品安全培训记录`, en: `${h.name} has no food-safety training on record` }
          : {
            zh: `${h.name} 上次食品安全培训在 ${lastTraining}，已超过 ${rules.training.maxIntervalMonths} 个月`,
            en: `${h.name} was last trained on ${lastTraining}, more than ${rules.training.maxIntervalMonths} months ago`
          }
      }))
    }
  }
  return F.sort(out)
}

const licenceNames: Record<LicenceKind, { readonly zh: string; readonly en: string }> = {
  business: { zh: "营业执照", en: "business licence" },
  foodBusiness: { zh: "食品经营许可证", en: "food business licence" },
  foodProduction: { zh: "食品生产许可证", en: "food production licence" },
  other: { zh: "其他证照", en: "other licence" }
}

const requirementName = (kinds: ReadonlyArray<LicenceKind>) => ({
  zh: kinds.map((k) => licenceNames[k].zh).join("或"),
  en: kinds.map((k) => licenceNames[k].en).join(" or ")
})

/**
 * Findings on a supplier on a date: for each licence requirement of the rule pack, none valid on
 * that date (`violation`: lapsed from the day after the last one ended, or missing), or the valid
 * one ending within the warning period (`warning`).
 *
 * @since 0.1.0
 * @category checks
 */
export const supplierFindings = (
  supplier: Supplier,
  on: LocalDate,
  rules: CanteenRules,
  zone: Zone = T.defaultZone
): Array<Finding> => {
  const out: Array<Finding> = []
  rules.suppliers.requiredLicences.forEach((kinds) => {
    const name = requirementName(kinds)
    const subject = { kind: "supplier", id: `${supplier.id}:${kinds.join("|")}` }
    const held = supplier.licences.filter((l) => kinds.includes(l.kind))
    const valid = held.filter((l) => (l.validFrom === undefined || l.validFrom <= on) && (l.validUntil === undefined || l.validUntil >= on))
    if (valid.length === 0) {
      const lastEnd = held.map((l) => l.validUntil).filter((d): d is LocalDate => d !== undefined && d < on).sort().at(-1)
      out.push(F.make({
        rule: "canteen.suppliers.requiredLicences",
        severity: "violation",
        subject,
        at: dayStart(lastEnd === undefined ? on : LD.addDays(lastEnd, 1), zone),
        period: lastEnd !== undefined,
        evidence: { supplierId: supplier.id, required: [...kinds], held: held.map((l) => ({ kind: l.kind, number: l.number, validUntil: l.validUntil ?? null })) },
        explanation: lastEnd === undefined
          ? { zh: `供应商 ${supplier.name} 没有有效的${name.zh}`, en: `supplier ${supplier.name} has no valid ${name.en} on record` }
          : { zh: `供应商 ${supplier.name} 的${name.zh}已于 ${lastEnd} 过期`, en: `supplier ${supplier.name}'s ${name.en} lapsed on ${lastEnd}` }
      }))
      return
    }
    const ends = valid.map((l) => l.validUntil)
    if (ends.some((d) => d === undefined)) return
    const latest = (ends as Array<LocalDate>).sort().at(-1)!
    if (LD.daysBetween(on, latest) < rules.suppliers.warnDays) {
      out.push(F.make({
        rule: "canteen.suppliers.warnDays",
        severity: "warning",
        subject,
        at: dayStart(on, zone),
        evidence: { supplierId: supplier.id, validUntil: latest, daysLeft: LD.daysBetween(on, latest), warnDays: rules.suppliers.warnDays },
        explanation: {
          zh: `供应商 ${supplier.name} 的${name.zh}将于 ${latest} 到期，请索取新证`,
          en: `supplier ${supplier.name}'s ${name.en} expires on ${latest}; ask for the renewed licence`
        }
      }))
    }
  })
  return F.sort(out)
}

/**
 * Findings on stock on a date: open lots past their best-before (`violation`: they must not be
 * issued and should be recorded as spoilage) and lots reaching it within the warning period
 * (`warning`).
 *
 * @since 0.1.0
 * @category checks
 */
export const expiryFindings = (
  lots: ReadonlyArray<Lot>,
  ingredients: ReadonlyMap<string, Ingredient>,
  on: LocalDate,
  rules: CanteenRules,
  zone: Zone = T.defaultZone
): Array<Finding> => {
  const out: Array<Finding> = []
  for (const lot of lots) {
    if (!lot.open || lot.bestBefore === undefined) continue
    const name = ingredients.get(lot.ingredientId)?.name ?? lot.ingredientId
    const evidence = { lotId: lot.id, ingredientId: lot.ingredientId, bestBefore: lot.bestBefore, remaining: D.format(lot.remaining), unit: lot.unit, value: lot.remainingValue }
    if (lot.bestBefore < on) {
      out.push(F.make({
        rule: "canteen.stock.expired",
        severity: "violation",
        subject: { kind: "lot", id: lot.id },
        at: dayStart(LD.addDays(lot.bestBefore, 1), zone),
        evidence,
        explanation: {
          zh: `${name} 批次 ${lot.id} 已过保质期（${lot.bestBefore}），不得使用，应登记报损`,
          en: `lot ${lot.id} of ${name} is past its best-before (${lot.bestBefore}); it must not be used and should be recorded as spoilage`
        }
      }))
    } else if (LD.daysBetween(on, lot.bestBefore) < rules.stock.expiryWarnDays) {
      out.push(F.make({
        rule: "canteen.stock.expiryWarnDays",
        severity: "warning",
        subject: { kind: "lot", id: lot.id },
        at: dayStart(on, zone),
        evidence,
        explanation: {
          zh: `${name} 批次 ${lot.id} 将于 ${lot.bestBefore} 到保质期，请优先使用`,
          en: `lot ${lot.id} of ${name} reaches its best-before on ${lot.bestBefore}; use it first`
        }
      }))
    }
  }
  return F.sort(out)
}

