/**
 * The first FlightData of a DoPut (docs/protocol.md §5.2, §5.3): a CMD descriptor
 * naming the topic, and the Arrow schema, which needs a top-level
 * `timestamp_ns: Int64`. Checked in mosaicod's order: descriptor, command,
 * schema presence, timestamp field, locator, UUID.
 */
import { DataType, Message, MessageHeader, type Schema } from "apache-arrow";
import {
  decodeJsonBytes,
  isJsonObject,
  FlightDescriptor_DescriptorType,
  type FlightData,
  inspectIpcMessage,
} from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import { isUuid } from "../core/ids.js";
import { requireTopicLocator } from "../core/locators.js";
import { TIMESTAMP_FIELD } from "../data/chunk-writer.js";
import { BodyError, optionalString, requireString } from "./actions/body.js";

export interface DoPutHeader {
  locator: string;
  uuid: string;
  schema: Schema;
}

/** `{"resource_locator", "topic_uuid"}` (J2/J3) or `{"resource_locator", "key"}` (J1). */
function parseCommand(cmd: Uint8Array): { locator: string; uuid: string } {
  let json;
  try {
    json = decodeJsonBytes(cmd);
  } catch {
    throw errors.badRequest("DoPut command is not valid JSON");
  }
  if (!isJsonObject(json)) throw errors.badRequest("DoPut command must be a JSON object");
  try {
    const locator = requireString(json, "resource_locator");
    const uuid = optionalString(json, "topic_uuid") ?? optionalString(json, "key");
    if (uuid === undefined) throw new BodyError("missing field `topic_uuid`");
    return { locator, uuid };
  } catch (cause) {
    if (cause instanceof BodyError) throw errors.badRequest(cause.message);
    throw cause;
  }
}

function parseSchema(data: FlightData): Schema {
  if (data.dataHeader.byteLength === 0) throw errors.missingSchema();
  try {
    // Verified first: apache-arrow trusts the flatbuffer it decodes.
    if (inspectIpcMessage(data.dataHeader).headerType !== MessageHeader.Schema) {
      throw errors.missingSchema();
    }
    const message = Message.decode(data.dataHeader);
    if (!message.isSchema()) throw errors.missingSchema();
    return message.header();
  } catch {
    throw errors.missingSchema();
  }
}

function checkTimestampField(schema: Schema): void {
  const field = schema.fields.find((f) => f.name === TIMESTAMP_FIELD);
  if (!field) throw errors.missingTimestampField();
  const type = field.type;
  if (!DataType.isInt(type) || type.bitWidth !== 64 || !type.isSigned) {
    throw errors.wrongTimestampType();
  }
}

export function parseDoPutHeader(first: FlightData): DoPutHeader {
  const descriptor = first.flightDescriptor;
  if (!descriptor) throw errors.missingDescriptor();
  if (descriptor.type === FlightDescriptor_DescriptorType.PATH) throw errors.unsupportedDescriptor();
  const { locator, uuid } = parseCommand(descriptor.cmd);
  const schema = parseSchema(first);
  checkTimestampField(schema);
  requireTopicLocator(locator);
  if (!isUuid(uuid)) throw errors.badUuid(uuid);
  return { locator, uuid: uuid.toLowerCase(), schema };
}
