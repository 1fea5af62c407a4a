/**
 * The JSON command carried by CMD descriptors (GetFlightInfo, GetSchema):
 * `{"resource_locator": "...", "timestamp_ns_start"?: i64, "timestamp_ns_end"?: i64}`.
 */
import {
  decodeJsonBytes,
  isJsonObject,
  FlightDescriptor_DescriptorType,
  type FlightDescriptor,
} from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { BodyError, optionalI64, requireString } from "./actions/body.js";
import type { TimeWindow } from "./app-metadata.js";

export interface FlightCommand {
  resourceLocator: string;
  window?: TimeWindow;
}

export function parseFlightCommand(descriptor: FlightDescriptor): FlightCommand {
  if (descriptor.type !== FlightDescriptor_DescriptorType.CMD) throw errors.unsupportedDescriptor();
  let json;
  try {
    json = decodeJsonBytes(descriptor.cmd);
  } catch {
    throw errors.badRequest("descriptor command is not valid JSON");
  }
  if (!isJsonObject(json)) throw errors.badRequest("descriptor command must be a JSON object");
  try {
    const resourceLocator = requireString(json, "resource_locator");
    const start = optionalI64(json, "timestamp_ns_start");
    const end = optionalI64(json, "timestamp_ns_end");
    if (start === undefined && end === undefined) return { resourceLocator };
    if (start !== undefined && end !== undefined && start >= end) {
      // Exact mosaicod wording not inspected; INVALID_ARGUMENT per docs/protocol.md §6.1.
      throw errors.badRequest(`empty timestamp range [${start}, ${end})`);
    }
    const window: TimeWindow = {};
    if (start !== undefined) window.start = start;
    if (end !== undefined) window.end = end;
    return { resourceLocator, window };
  } catch (cause) {
    if (cause instanceof BodyError) throw errors.badRequest(cause.message);
    throw cause;
  }
}
