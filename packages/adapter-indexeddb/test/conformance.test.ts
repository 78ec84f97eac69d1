/**
 * The core's conformance suite: on fake-indexeddb in Node, on Chromium's real IndexedDB in the
 * browser project.
 */
import { suite } from "@houqin/core/testing"
import * as IndexedDb from "../src/index.ts"
import { engine, options } from "./env.ts"

suite(`indexeddb (${engine})`, IndexedDb.layer(options("conformance")))
