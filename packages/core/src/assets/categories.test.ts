import { BigDecimal, Result } from "effect"
import { describe, expect, it } from "vitest"
import * as Decode from "../kernel/Decode.ts"
import { cn as cnPack } from "../packs/cn.ts"
import { override } from "../packs/RulePack.ts"
import { categories, categoryIds } from "./categories.generated.ts"
import { classify, settle, usefulLifeOf } from "./categories.ts"
import { AssetsRules, cn, enterprise } from "./rules.ts"

const cny = (amount: number) => ({ amount, currency: "CNY" as const })

describe("capitalisation threshold (¥1,000, 单位价值在1000元以上, 以上 includes the boundary)", () => {
  it("makes ¥1,000.00 a fixed asset and ¥999.99 a low-value consumable", () => {
    expect(classify({ unitCost: cny(100_000) }, cn)).toBe("fixedAsset")
    expect(classify({ unitCost: cny(99_999) }, cn)).toBe("lowValueConsumable")
  })

  it("makes a batch of like items lasting over a year a fixed asset below the threshold (大批同类物资)", () => {
    expect(classify({ unitCost: cny(30_000), batchOfLikeItems: true }, cn)).toBe("fixedAsset")
    expect(classify({ unitCost: cny(30_000), batchOfLikeItems: true }, { ...cn, batchesOfLikeItems: false })).toBe("lowValueConsumable")
  })
})

describe("useful lives from 财会〔2017〕4号 表1 (generated from data/gov-fixed-asset-useful-life.csv)", () => {
  it("has every row of the table, with the numbers of the data file", () => {
    expect(categoryIds.length).toBe(60)
    // spot checks against the published table: computers ≥ 6, vehicles ≥ 8, steel structures ≥ 50,
    // medical equipment 5–10, furniture ≥ 15
    expect(categories["通用设备/计算机设备"]).toMatchObject({ minYears: 6, maxYears: null, depreciable: true })
    expect(categories["通用设备/车辆"].minYears).toBe(8)
    expect(categories["房屋及构筑物/业务及管理用房/钢结构"].minYears).toBe(50)
    expect(categories["专用设备/医疗设备"]).toMatchObject({ minYears: 5, maxYears: 10 })
    expect(categories["家具、用具及装具/家具"].minYears).toBe(15)
    expect(categories["图书、档案"].depreciable).toBe(false)
    expect(usefulLifeOf(cn, "文物和陈列品")?.depreciable).toBe(false)
  })

  it("defaults a computer to government straight line over 72 months", () => {
    const r = settle({ category: "通用设备/计算机设备", accountClass: "fixedAsset" }, cn)
    expect(Result.getOrThrow(r)).toEqual({ method: "governmentStraightLine", usefulLifeMonths: 72, adjustments: [] })
  })

  it("refuses a life below the category minimum under the government pack, with the path", () => {
    const r = settle({ category: "通用设备/计算机设备", accountClass: "fixedAsset", depreciation: { usefulLifeMonths: 71 } }, cn, ["asset"])
    expect(Result.isFailure(r)).toBe(true)
    if (Result.isFailure(r)) {
      expect(r.failure._tag).toBe("UsefulLifeError")
      expect(r.failure.code).toBe("assets.usefulLifeBelowMinimum")
      expect(r.failure.path).toEqual(["asset", "depreciation", "usefulLifeMonths"])
    }
  })

  it("refuses a life above the range of ranged special equipment, and accepts one inside it", () => {
    const above = settle({ category: "专用设备/医疗设备", accountClass: "fixedAsset", depreciation: { usefulLifeMonths: 121 } }, cn)
    expect(Result.isFailure(above) && above.failure.code).toBe("assets.usefulLifeAboveMaximum")
    expect(Result.isSuccess(settle({ category: "专用设备/医疗设备", accountClass: "fixedAsset", depreciation: { usefulLifeMonths: 96 } }, cn))).toBe(true)
  })

  it("lets an enterprise pack use shorter lives, a residual value and accelerated methods", () => {
    const r = settle({ category: "通用设备/计算机设备", accountClass: "fixedAsset", depreciation: { method: "doubleDecliningBalance", usefulLifeMonths: 36 } }, enterprise)
    expect(Result.getOrThrow(r)).toMatchObject({ method: "doubleDecliningBalance", usefulLifeMonths: 36 })
    expect(BigDecimal.format(Result.getOrThrow(r)!.residualRate!)).toBe("0.05")
  })

  it("refuses double-declining balance under government accounting (年限平均法或者工作量法 only)", () => {
    const r = settle({ category: "通用设备/计算机设备", accountClass: "fixedAsset", depreciation: { method: "doubleDecliningBalance" } }, cn)
    expect(Result.isFailure(r) && [r.failure.code, r.failure.path]).toEqual(["assets.methodNotAllowed", ["depreciation", "method"]])
  })

  it("takes no depreciation for books, relics and low-value consumables", () => {
    expect(Result.getOrThrow(settle({ category: "图书、档案", accountClass: "fixedAsset" }, cn))).toBeUndefined()
    const books = settle({ category: "图书、档案", accountClass: "fixedAsset", depreciation: { usefulLifeMonths: 60 } }, cn)
    expect(Result.isFailure(books) && books.failure.code).toBe("assets.notDepreciable")
    const cheap = settle({ category: "通用设备/办公设备", accountClass: "lowValueConsumable", depreciation: {} }, cn)
    expect(Result.isFailure(cheap) && cheap.failure.code).toBe("assets.notCapitalised")
    const unknown = settle({ category: "通用设备/时光机", accountClass: "fixedAsset" }, cn)
    expect(Result.isFailure(unknown) && unknown.failure.path).toEqual(["category"])
  })

  it("refuses a residual value under government accounting (不考虑预计净残值)", () => {
    const r = settle({ category: "通用设备/计算机设备", accountClass: "fixedAsset", depreciation: { residualRate: BigDecimal.fromStringUnsafe("0.05") } }, cn)
    expect(Result.isFailure(r) && r.failure.code).toBe("assets.residualNotAllowed")
  })
})

describe("the assets section of the rule pack", () => {
  it("round-trips the cn section through its schema", () => {
    const encoded = Result.getOrThrow(Decode.encoder(AssetsRules)(cn))
    const decoded = Result.getOrThrow(Decode.decoder(AssetsRules)(encoded))
    expect(decoded.capitalisationThreshold).toEqual(cn.capitalisationThreshold)
    expect(Object.keys(decoded.usefulLives).length).toBe(60)
  })

  it("lets a school capitalise from a lower amount and depreciate over longer lives", () => {
    const r = override(cnPack, { sections: { assets: { capitalisationThreshold: { amount: 50_000, currency: "CNY" }, usefulLives: { "通用设备/计算机设备": { minYears: 8, maxYears: null, depreciable: true } } } } })
    expect(Result.isSuccess(r)).toBe(true)
  })

  it("refuses a higher threshold or a shorter minimum life than the national table (legal minimums)", () => {
    const higher = override(cnPack, { sections: { assets: { capitalisationThreshold: { amount: 150_000, currency: "CNY" } } } })
    expect(Result.isFailure(higher) && [higher.failure.code, higher.failure.path]).toEqual(["rulePack.weakerThanMinimum", ["sections", "assets", "capitalisationThreshold", "amount"]])
    const shorter = override(cnPack, { sections: { assets: { usefulLives: { "通用设备/计算机设备": { minYears: 3 } } } } })
    expect(Result.isFailure(shorter) && shorter.failure.path).toEqual(["sections", "assets", "usefulLives", "通用设备/计算机设备", "minYears"])
  })

  it("refuses a range whose minimum exceeds its maximum", () => {
    const r = override(cnPack, { sections: { assets: { usefulLives: { "专用设备/医疗设备": { minYears: 12, maxYears: 10 } } } } })
    expect(Result.isFailure(r) && r.failure._tag).toBe("ValidationError")
  })
})
