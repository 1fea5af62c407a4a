/**
 * FlightInfo.schema / SchemaResult.schema bytes are verified before
 * apache-arrow reads them: its MessageReader trusts the flatbuffer, and one
 * corrupted offset sent it into an endless loop that grew memory (client
 * fuzz, seed 1 case 372; seed 7 cases 2733 and 6220). Every mutation of a
 * valid schema message must now decode or be refused with a MosaicoError,
 * promptly.
 */
import { Schema } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { Code, MosaicoError, decodeSchemaBytes, encodeSchemaBytes } from "../../../src/protocol/index.js";
import { mutateBytes } from "../../fuzz/mutate-bytes.js";
import { Rng } from "../../fuzz/prng.js";
import { imuSchema } from "../../integration/helpers/imu-data.js";
import { imuTable, timestamps } from "../../integration/helpers/imu-table.js";

const schemas = [imuSchema, imuTable(timestamps(3)).schema as Schema];

describe("schema bytes", () => {
  it("round-trips, with and without the continuation marker", () => {
    for (const schema of schemas) {
      const bytes = encodeSchemaBytes(schema);
      expect(decodeSchemaBytes(bytes)!.fields.map((f) => f.name)).toEqual(schema.fields.map((f) => f.name));
      expect(decodeSchemaBytes(bytes.subarray(4))!.fields).toHaveLength(schema.fields.length); // pre-1.0 framing
    }
    expect(decodeSchemaBytes(new Uint8Array())).toBeUndefined();
  });

  it("refuses a length past the bytes, and a record batch where a schema belongs", () => {
    const bytes = encodeSchemaBytes(imuSchema);
    expect(() => decodeSchemaBytes(bytes.subarray(0, 20))).toThrow(/not a valid Arrow IPC schema message \(a \d+-byte message declared in 20 bytes\)/);
    for (const junk of [[1, 2], [0xff, 0xff, 0xff, 0xff], [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]]) {
      expect(() => decodeSchemaBytes(Uint8Array.from(junk))).toThrow(MosaicoError);
    }
  });

  it("decodes or refuses 5,000 seeded mutations of valid schema messages, each promptly", () => {
    const rng = new Rng(372);
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const input = mutateBytes(rng, encodeSchemaBytes(schemas[i % schemas.length]!), 3).bytes;
      const started = performance.now();
      try {
        decodeSchemaBytes(input);
      } catch (error) {
        expect(error).toBeInstanceOf(MosaicoError);
        expect([Code.DataLoss, Code.Unimplemented]).toContain((error as MosaicoError).code);
        refused++;
      }
      expect(performance.now() - started).toBeLessThan(1000);
    }
    expect(refused).toBeGreaterThan(1000);
  });
});
