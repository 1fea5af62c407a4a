/** ListFlights (docs/protocol.md §7): one minimal FlightInfo per sequence. */
import { create } from "@bufbuild/protobuf";
import {
  FlightDescriptorSchema,
  FlightDescriptor_DescriptorType,
  FlightEndpointSchema,
  FlightInfoSchema,
  TicketSchema,
  type Criteria,
  type FlightInfo,
} from "../../src/protocol/index.js";
import { errors } from "../core/errors.js";
import type { FlightContext } from "./context.js";

export function listFlights(ctx: FlightContext, criteria: Criteria): FlightInfo[] {
  const expression = new TextDecoder().decode(criteria.expression);
  if (expression !== "" && expression !== "/") throw errors.unsupportedDescriptor();
  return ctx.catalog.sequences.list().map((sequence) =>
    create(FlightInfoSchema, {
      flightDescriptor: create(FlightDescriptorSchema, {
        type: FlightDescriptor_DescriptorType.PATH,
        path: [sequence.locator],
      }),
      // The "ticket" is the plain name: not usable with DoGet (docs/protocol.md §7).
      endpoint: [
        create(FlightEndpointSchema, {
          ticket: create(TicketSchema, { ticket: new TextEncoder().encode(sequence.locator) }),
        }),
      ],
      totalRecords: -1n,
      totalBytes: -1n,
    }),
  );
}
