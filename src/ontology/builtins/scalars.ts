/**
 * Scalar wrappers (docs/protocol.md §13.3): one non-null `data` column plus `header`.
 * `String` and `Boolean` are exported as `StringValue` and `BooleanValue` so
 * that importing them does not shadow the JavaScript globals; their names and
 * tags stay the Python ones (`String`/`string`, `Boolean`/`boolean`).
 */
import { defineOntology } from "../define-ontology.js";
import { field } from "../field-spec.js";
import { HeaderMixin } from "../mixins.js";

const mixins = [HeaderMixin] as const;

/** `data: int8` (tag `integer8`). */
export const Integer8 = defineOntology({ name: "Integer8", tag: "integer8", fields: { data: field.int8() }, mixins });
/** `data: int16` (tag `integer16`). */
export const Integer16 = defineOntology({ name: "Integer16", tag: "integer16", fields: { data: field.int16() }, mixins });
/** `data: int32` (tag `integer32`). */
export const Integer32 = defineOntology({ name: "Integer32", tag: "integer32", fields: { data: field.int32() }, mixins });
/** `data: int64` (tag `integer64`), a bigint in samples. */
export const Integer64 = defineOntology({ name: "Integer64", tag: "integer64", fields: { data: field.int64() }, mixins });
/** `data: uint8` (tag `unsigned8`). */
export const Unsigned8 = defineOntology({ name: "Unsigned8", tag: "unsigned8", fields: { data: field.uint8() }, mixins });
/** `data: uint16` (tag `unsigned16`). */
export const Unsigned16 = defineOntology({ name: "Unsigned16", tag: "unsigned16", fields: { data: field.uint16() }, mixins });
/** `data: uint32` (tag `unsigned32`). */
export const Unsigned32 = defineOntology({ name: "Unsigned32", tag: "unsigned32", fields: { data: field.uint32() }, mixins });
/** `data: uint64` (tag `unsigned64`), a bigint in samples. */
export const Unsigned64 = defineOntology({ name: "Unsigned64", tag: "unsigned64", fields: { data: field.uint64() }, mixins });
/** `data: float16` (tag `floating16`). */
export const Floating16 = defineOntology({ name: "Floating16", tag: "floating16", fields: { data: field.float16() }, mixins });
/** `data: float32` (tag `floating32`). */
export const Floating32 = defineOntology({ name: "Floating32", tag: "floating32", fields: { data: field.float32() }, mixins });
/** `data: float64` (tag `floating64`). */
export const Floating64 = defineOntology({ name: "Floating64", tag: "floating64", fields: { data: field.float64() }, mixins });
/** Python `Boolean`: `data: bool` (tag `boolean`). */
export const BooleanValue = defineOntology({ name: "Boolean", tag: "boolean", fields: { data: field.bool() }, mixins });
/** Python `String`: `data: utf8` (tag `string`). */
export const StringValue = defineOntology({ name: "String", tag: "string", fields: { data: field.utf8() }, mixins });
/** `data: large_utf8` (tag `large_string`), for strings beyond 2 GiB offsets. */
export const LargeString = defineOntology({ name: "LargeString", tag: "large_string", fields: { data: field.largeUtf8() }, mixins });
