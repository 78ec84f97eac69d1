import { describe, expect, it } from "vitest"
import { createHouqin } from "../houqin.ts"
import * as Id from "../kernel/Id.ts"

describe("houqin.assets: the Promise front door", () => {
  it("registers, values and disposes of an asset, and rejects with the same typed errors", async () => {
    const houqin = createHouqin({ clock: () => Date.UTC(2025, 0, 6, 2), ids: Id.layerSequential("p") })
    const ctx = { schoolId: "school-p", actor: "staff-1" }
    const a = await houqin.assets.registerAsset({
      ...ctx,
      asset: { tag: "JSJ-0001", name: "台式计算机", category: "通用设备/计算机设备", fundingSource: "fiscal", cost: { amount: 600_000, currency: "CNY" }, acquisitionDate: "2024-03-15" }
    })
    expect(a.id).toBe("p-000001")
    // March … December 2024 = 10 months × 8,333 = 83,330 → 516,670
    expect((await houqin.assets.valueAt(ctx.schoolId, a.id, "2024-12-31")).bookValue.amount).toBe(516_670)
    const s = await houqin.assets.schedule(ctx.schoolId, a.id)
    expect(s?.lines.length).toBe(72)
    await expect(houqin.assets.valueAt(ctx.schoolId, a.id, "2024-02-30")).rejects.toMatchObject({ _tag: "ValidationError", path: ["date"] })
    const received = await houqin.assets.requestDisposal({ ...ctx, assetId: a.id, version: 1, kind: "loss", reason: "被盗" })
    // the date defaults to today in the school's zone: 2025-01-06 10:00 in Shanghai
    expect(received.disposalRequest?.requestedOn).toBe("2025-01-06")
    await houqin.assets.approveDisposal({ ...ctx, assetId: a.id, version: 2 })
    await expect(houqin.assets.approveDisposal({ ...ctx, assetId: a.id, version: 3 })).rejects.toMatchObject({
      _tag: "IllegalTransitionError",
      state: "disposed",
      event: "approveDisposal"
    })
    const report = await houqin.assets.valuationReport(ctx.schoolId, "2024-12-31")
    expect(report.totals.bookValue.amount).toBe(516_670)
    expect((await houqin.audit.verify(ctx.schoolId)).ok).toBe(true)
    await houqin.dispose()
  })
})
