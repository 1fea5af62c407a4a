/** Test helper: a compact, nullability-aware rendering of Arrow fields. */
import { type DataType, type Field, Type } from "apache-arrow";

export function describeType(type: DataType): string {
  switch (type.typeId) {
    case Type.Struct:
      return `{${type.children.map(describeField).join(", ")}}`;
    case Type.List:
      return `list<${describeField(type.children[0]!)}>`;
    case Type.FixedSizeList:
      return `list<${describeField(type.children[0]!)}>[${(type as unknown as { listSize: number }).listSize}]`;
    default:
      return String(type).toLowerCase();
  }
}

/** `name: type` with `?` when nullable; list items render as `item: type?`. */
export function describeField(field: Field): string {
  return `${field.name}: ${describeType(field.type)}${field.nullable ? "?" : ""}`;
}

export const HEADER = "header: {timestamp: {seconds: int64, nanoseconds: uint64}?, frame_id: utf8?, sample_counter: uint64?}?";
export const COV = ["covariance: list<item: float64?>?", "covariance_type: int16?"];
export const VARIANCE = ["variance: float64?", "variance_type: int16?"];
export const MIX_COV = [HEADER, ...COV].join(", ");
export const V2 = `{x: float64?, y: float64?, ${MIX_COV}}`;
export const V3 = `{x: float64?, y: float64?, z: float64?, ${MIX_COV}}`;
export const V4 = `{x: float64?, y: float64?, z: float64?, w: float64?, ${MIX_COV}}`;
