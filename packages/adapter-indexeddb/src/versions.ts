/**
 * The released schema versions (written by `pnpm --filter @houqin/adapter-indexeddb schema`;
 * a released version is never edited, the next one is appended).
 *
 * @since 0.1.0
 */
import type { SchemaVersion } from "./Schema.ts"

/**
 * @since 0.1.0
 * @category versions
 */
export const versions: ReadonlyArray<SchemaVersion> = [
  {
    version: 1,
    note: "every aggregate of the kernel, approvals, retention, canteen, assets and health; the audit chains, kept bulk rows and projection metadata",
    stores: {
      audit: "[schoolId+writer+seq],[schoolId+writer]",
      bulk: "[schoolId+hash]",
      meta: "name",
      approvals_decision: "[schoolId+id],[schoolId+$action+id],[schoolId+$actor+id],[schoolId+$at+id],[schoolId+$policyId+id],[schoolId+$requestId+id],[schoolId+$seq+id]",
      approvals_policy: "[schoolId+id],[schoolId+$effectiveFrom+id],[schoolId+$effectiveTo+id],[schoolId+$revision+id]",
      approvals_request: "[schoolId+id],[schoolId+$amount+id],[schoolId+$kind+id],[schoolId+$policyId+id],[schoolId+$requesterId+id],[schoolId+$status+id],[schoolId+$submittedAt+id]",
      assets_asset: "[schoolId+id],[schoolId+$accountClass+id],[schoolId+$acquisitionDate+id],[schoolId+$batchId+id],[schoolId+$category+id],[schoolId+$custodianId+id],[schoolId+$departmentId+id],[schoolId+$location+id],[schoolId+$originAssetId+id],[schoolId+$originSchoolId+id],[schoolId+$status+id],[schoolId+$tag+id]",
      assets_consumableMovement: "[schoolId+id],[schoolId+$date+id],[schoolId+$departmentId+id],[schoolId+$itemId+id],[schoolId+$kind+id]",
      assets_consumableStock: "[schoolId+id],[schoolId+$category+id]",
      assets_inspectionPlan: "[schoolId+id],[schoolId+$active+id]",
      assets_repairRequest: "[schoolId+id],[schoolId+$assetId+id],[schoolId+$reportedAt+id],[schoolId+$status+id]",
      assets_reservations: "[schoolId+id],[schoolId+$booked+id]",
      assets_stocktake: "[schoolId+id],[schoolId+$startedOn+id],[schoolId+$status+id]",
      assets_stocktakeCount: "[schoolId+id],[schoolId+$countedAt+id],[schoolId+$stocktakeId+id],[schoolId+$tag+id]",
      assets_usageRecord: "[schoolId+id],[schoolId+$assetId+id],[schoolId+$date+id]",
      canteen_account: "[schoolId+id],[schoolId+$active+id],[schoolId+$dinerGroupId+id],[schoolId+$holderId+id],[schoolId+$holderKind+id]",
      canteen_delivery: "[schoolId+id],[schoolId+$orderId+id],[schoolId+$receivedOn+id],[schoolId+$status+id],[schoolId+$supplierId+id]",
      canteen_foodHandler: "[schoolId+id],[schoolId+$active+id],[schoolId+$lastCertificateOn+id]",
      canteen_ingredient: "[schoolId+id],[schoolId+$category+id],[schoolId+$name+id]",
      canteen_lot: "[schoolId+id],[schoolId+$bestBefore+id],[schoolId+$closedOn+id],[schoolId+$deliveryId+id],[schoolId+$ingredientId+id],[schoolId+$open+id],[schoolId+$receivedOn+id],[schoolId+$source+id]",
      canteen_meal: "[schoolId+id],[schoolId+$date+id],[schoolId+$kind+id],[schoolId+$status+id]",
      canteen_menu: "[schoolId+id],[schoolId+$published+id],[schoolId+$weekStart+id]",
      canteen_priceList: "[schoolId+id],[schoolId+$effectiveFrom+id]",
      canteen_purchaseOrder: "[schoolId+id],[schoolId+$deliverOn+id],[schoolId+$orderedOn+id],[schoolId+$status+id],[schoolId+$supplierId+id]",
      canteen_recipe: "[schoolId+id],[schoolId+$kind+id],[schoolId+$name+id]",
      canteen_settlement: "[schoolId+id],[schoolId+$month+id]",
      canteen_supplier: "[schoolId+id],[schoolId+$active+id],[schoolId+$name+id]",
      health_dailyCheck: "[schoolId+id],[schoolId+$checkedAt+id],[schoolId+$classId+id],[schoolId+$date+id],[schoolId+$fever+id],[schoolId+$ill+id],[schoolId+$slot+id],[schoolId+$studentId+id]",
      health_measurement: "[schoolId+id],[schoolId+$classId+id],[schoolId+$measuredOn+id],[schoolId+$sessionId+id],[schoolId+$sex+id],[schoolId+$studentId+id]",
      health_medicationLog: "[schoolId+id],[schoolId+$classId+id],[schoolId+$from+id],[schoolId+$status+id],[schoolId+$studentId+id],[schoolId+$to+id]",
      health_screeningSession: "[schoolId+id],[schoolId+$kind+id],[schoolId+$startsOn+id],[schoolId+$status+id]",
      kernel_organisation: "[schoolId+id],[schoolId+$kind+id],[schoolId+$name+id]",
      kernel_student: "[schoolId+id],[schoolId+$birthDate+id],[schoolId+$classId+id],[schoolId+$enrolled+id],[schoolId+$sex+id]",
      retention_fridge: "[schoolId+id],[schoolId+$active+id],[schoolId+$dedicated+id],[schoolId+$name+id]",
      retention_reading: "[schoolId+id],[schoolId+$at+id],[schoolId+$fridgeId+id]",
      retention_sample: "[schoolId+id],[schoolId+$dishId+id],[schoolId+$disposed+id],[schoolId+$disposedAt+id],[schoolId+$fridgeId+id],[schoolId+$meal+id],[schoolId+$mealId+id],[schoolId+$serviceDate+id],[schoolId+$takenAt+id]"
    }
  },
  {
    version: 2,
    note: "indexes for the projected fields the modules added (amounts, decimals, names, statuses) and their unique and referenced fields",
    stores: {
      approvals_decision: "[schoolId+id],[schoolId+$action+id],[schoolId+$actor+id],[schoolId+$at+id],[schoolId+$onBehalfOf+id],[schoolId+$policyId+id],[schoolId+$policyRevision+id],[schoolId+$requestId+id],[schoolId+$seq+id],[schoolId+$statusAfter+id]",
      approvals_policy: "[schoolId+id],[schoolId+$currency+id],[schoolId+$effectiveFrom+id],[schoolId+$effectiveTo+id],[schoolId+$revision+id]",
      approvals_request: "[schoolId+id],[schoolId+$amount+id],[schoolId+$currency+id],[schoolId+$departmentId+id],[schoolId+$kind+id],[schoolId+$policyId+id],[schoolId+$policyRevision+id],[schoolId+$requesterId+id],[schoolId+$status+id],[schoolId+$step+id],[schoolId+$submittedAt+id],[schoolId+$title+id]",
      assets_asset: "[schoolId+id],[schoolId+$accountClass+id],[schoolId+$acquisitionDate+id],[schoolId+$batchId+id],[schoolId+$category+id],[schoolId+$condition+id],[schoolId+$cost+id],[schoolId+$currency+id],[schoolId+$custodianId+id],[schoolId+$departmentId+id],[schoolId+$fundingSource+id],[schoolId+$gbCode+id],[schoolId+$inServiceDate+id],[schoolId+$location+id],[schoolId+$name+id],[schoolId+$originAssetId+id],[schoolId+$originSchoolId+id],[schoolId+$removedOn+id],[schoolId+$status+id],[schoolId+$tag+id]",
      assets_consumableMovement: "[schoolId+id],[schoolId+$currency+id],[schoolId+$date+id],[schoolId+$departmentId+id],[schoolId+$itemId+id],[schoolId+$kind+id],[schoolId+$quantity+id],[schoolId+$requester+id],[schoolId+$returnedOld+id],[schoolId+$unitCost+id]",
      assets_consumableStock: "[schoolId+id],[schoolId+$category+id],[schoolId+$name+id],[schoolId+$onHand+id],[schoolId+$reorderLevel+id],[schoolId+$unit+id]",
      assets_inspectionPlan: "[schoolId+id],[schoolId+$active+id],[schoolId+$name+id],[schoolId+$startsOn+id]",
      assets_repairRequest: "[schoolId+id],[schoolId+$assetId+id],[schoolId+$completedAt+id],[schoolId+$cost+id],[schoolId+$currency+id],[schoolId+$location+id],[schoolId+$reportedAt+id],[schoolId+$reportedBy+id],[schoolId+$status+id]",
      assets_reservations: "[schoolId+id],[schoolId+$assetId+id],[schoolId+$booked+id]",
      assets_stocktake: "[schoolId+id],[schoolId+$appliedOn+id],[schoolId+$name+id],[schoolId+$startedOn+id],[schoolId+$status+id]",
      assets_stocktakeCount: "[schoolId+id],[schoolId+$condition+id],[schoolId+$countedAt+id],[schoolId+$countedBy+id],[schoolId+$location+id],[schoolId+$stocktakeId+id],[schoolId+$tag+id]",
      assets_usageRecord: "[schoolId+id],[schoolId+$assetId+id],[schoolId+$date+id],[schoolId+$hours+id],[schoolId+$recordedBy+id],[schoolId+$sessions+id],[schoolId+$units+id]",
      canteen_account: "[schoolId+id],[schoolId+$active+id],[schoolId+$currency+id],[schoolId+$dinerGroupId+id],[schoolId+$holderId+id],[schoolId+$holderKind+id]",
      canteen_delivery: "[schoolId+id],[schoolId+$currency+id],[schoolId+$inspector+id],[schoolId+$orderId+id],[schoolId+$receivedAt+id],[schoolId+$receivedOn+id],[schoolId+$status+id],[schoolId+$supplierId+id],[schoolId+$total+id]",
      canteen_foodHandler: "[schoolId+id],[schoolId+$active+id],[schoolId+$duty+id],[schoolId+$lastCertificateOn+id],[schoolId+$name+id]",
      canteen_ingredient: "[schoolId+id],[schoolId+$agricultural+id],[schoolId+$category+id],[schoolId+$name+id],[schoolId+$stockUnit+id],[schoolId+$storage+id]",
      canteen_lot: "[schoolId+id],[schoolId+$bestBefore+id],[schoolId+$closedOn+id],[schoolId+$currency+id],[schoolId+$deliveryId+id],[schoolId+$ingredientId+id],[schoolId+$open+id],[schoolId+$quantity+id],[schoolId+$receivedOn+id],[schoolId+$remaining+id],[schoolId+$remainingValue+id],[schoolId+$source+id],[schoolId+$supplierId+id],[schoolId+$unit+id],[schoolId+$value+id]",
      canteen_meal: "[schoolId+id],[schoolId+$actualCost+id],[schoolId+$currency+id],[schoolId+$date+id],[schoolId+$diners+id],[schoolId+$kind+id],[schoolId+$plannedCost+id],[schoolId+$status+id]",
      canteen_priceList: "[schoolId+id],[schoolId+$effectiveFrom+id],[schoolId+$effectiveTo+id],[schoolId+$name+id],[schoolId+$source+id]",
      canteen_purchaseOrder: "[schoolId+id],[schoolId+$currency+id],[schoolId+$deliverOn+id],[schoolId+$orderedBy+id],[schoolId+$orderedOn+id],[schoolId+$status+id],[schoolId+$supplierId+id],[schoolId+$total+id]",
      canteen_settlement: "[schoolId+id],[schoolId+$balance+id],[schoolId+$closedBy+id],[schoolId+$currency+id],[schoolId+$foodCost+id],[schoolId+$headMeals+id],[schoolId+$income+id],[schoolId+$month+id],[schoolId+$otherCosts+id],[schoolId+$periodEnd+id],[schoolId+$periodStart+id]",
      health_dailyCheck: "[schoolId+id],[schoolId+$checkedAt+id],[schoolId+$checkedBy+id],[schoolId+$classId+id],[schoolId+$date+id],[schoolId+$fever+id],[schoolId+$ill+id],[schoolId+$present+id],[schoolId+$slot+id],[schoolId+$studentId+id],[schoolId+$temperatureC+id]",
      health_measurement: "[schoolId+id],[schoolId+$birthDate+id],[schoolId+$classId+id],[schoolId+$heightCm+id],[schoolId+$measuredBy+id],[schoolId+$measuredOn+id],[schoolId+$sessionId+id],[schoolId+$sex+id],[schoolId+$studentId+id],[schoolId+$weightKg+id]",
      health_medicationLog: "[schoolId+id],[schoolId+$classId+id],[schoolId+$doseAmount+id],[schoolId+$doseUnit+id],[schoolId+$drug+id],[schoolId+$from+id],[schoolId+$receivedBy+id],[schoolId+$status+id],[schoolId+$studentId+id],[schoolId+$to+id]",
      health_screeningSession: "[schoolId+id],[schoolId+$endsOn+id],[schoolId+$kind+id],[schoolId+$name+id],[schoolId+$startsOn+id],[schoolId+$status+id],[schoolId+$term+id]",
      retention_fridge: "[schoolId+id],[schoolId+$active+id],[schoolId+$dedicated+id],[schoolId+$location+id],[schoolId+$name+id]",
      retention_reading: "[schoolId+id],[schoolId+$at+id],[schoolId+$celsius+id],[schoolId+$fridgeId+id],[schoolId+$recordedBy+id]",
      retention_sample: "[schoolId+id],[schoolId+$dishId+id],[schoolId+$dishName+id],[schoolId+$disposed+id],[schoolId+$disposedAt+id],[schoolId+$disposedBy+id],[schoolId+$fridgeId+id],[schoolId+$grams+id],[schoolId+$meal+id],[schoolId+$mealId+id],[schoolId+$reviewerId+id],[schoolId+$serviceDate+id],[schoolId+$takenAt+id],[schoolId+$takerId+id]"
    }
  },
  {
    version: 3,
    note: "indexes of several fields queried together: a fridge's readings by instant, an ingredient's lots by date received, a student's measurements by date",
    stores: {
      canteen_lot: "[schoolId+id],[schoolId+$bestBefore+id],[schoolId+$closedOn+id],[schoolId+$currency+id],[schoolId+$deliveryId+id],[schoolId+$ingredientId+id],[schoolId+$open+id],[schoolId+$quantity+id],[schoolId+$receivedOn+id],[schoolId+$remaining+id],[schoolId+$remainingValue+id],[schoolId+$source+id],[schoolId+$supplierId+id],[schoolId+$unit+id],[schoolId+$value+id],[schoolId+$ingredientId+$receivedOn+id]",
      health_measurement: "[schoolId+id],[schoolId+$birthDate+id],[schoolId+$classId+id],[schoolId+$heightCm+id],[schoolId+$measuredBy+id],[schoolId+$measuredOn+id],[schoolId+$sessionId+id],[schoolId+$sex+id],[schoolId+$studentId+id],[schoolId+$weightKg+id],[schoolId+$studentId+$measuredOn+id]",
      retention_reading: "[schoolId+id],[schoolId+$at+id],[schoolId+$celsius+id],[schoolId+$fridgeId+id],[schoolId+$recordedBy+id],[schoolId+$fridgeId+$at+id]"
    }
  },
  {
    version: 4,
    note: "the canteen's daily food-safety records: tableware disinfection, accompanied meals (陪餐), food handlers' morning checks",
    stores: {
      canteen_accompaniedMeal: "[schoolId+id],[schoolId+$date+id],[schoolId+$leader+id],[schoolId+$meal+id]",
      canteen_disinfection: "[schoolId+id],[schoolId+$at+id],[schoolId+$date+id],[schoolId+$meal+id],[schoolId+$method+id],[schoolId+$operator+id]",
      canteen_handlerCheck: "[schoolId+id],[schoolId+$date+id],[schoolId+$handlerId+id],[schoolId+$standDown+id]"
    }
  },
  {
    version: 5,
    note: "standing delegations of approval (常设委托): by delegator, delegate, period and revocation",
    stores: {
      approvals_delegation: "[schoolId+id],[schoolId+$delegateId+id],[schoolId+$delegatorId+id],[schoolId+$revoked+id],[schoolId+$validFrom+id],[schoolId+$validUntil+id]"
    }
  }
]
