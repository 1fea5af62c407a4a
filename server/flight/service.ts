/**
 * The FlightService implementation: routes each RPC to its module and answers
 * UNIMPLEMENTED where mosaicod does (Handshake, PollFlightInfo, ListActions,
 * DoExchange, GetSchema before J3) or where our data plane is not built yet
 * (DoGet, DoPut — after their permission check).
 */
import type { ServiceImpl } from "@connectrpc/connect";
import type { FlightService } from "../../src/gen/arrow/flight/protocol/Flight_pb.js";
import { requireRpcPermission } from "../auth/auth-context.js";
import { errors } from "../core/errors.js";
import { actionRegistry } from "./actions/registry.js";
import type { FlightContext } from "./context.js";
import { doAction } from "./do-action.js";
import { getFlightInfo, getSchema } from "./get-flight-info.js";
import { listFlights } from "./list-flights.js";

export function flightServiceImpl(ctx: FlightContext): ServiceImpl<typeof FlightService> {
  const registry = actionRegistry(ctx.generation.name);
  return {
    async *handshake() {
      throw errors.unimplemented();
    },
    async *listFlights(criteria, context) {
      requireRpcPermission(context, "read");
      yield* listFlights(ctx, criteria);
    },
    getFlightInfo(descriptor, context) {
      requireRpcPermission(context, "read");
      return getFlightInfo(ctx, descriptor);
    },
    pollFlightInfo() {
      throw errors.unimplemented();
    },
    getSchema(descriptor, context) {
      if (ctx.generation.name !== "j3") throw errors.unimplemented();
      requireRpcPermission(context, "read"); // [uncertain] in the protocol doc
      return getSchema(ctx, descriptor);
    },
    async *doGet(_ticket, context) {
      requireRpcPermission(context, "read");
      throw errors.unimplemented();
    },
    async *doPut(_requests, context) {
      requireRpcPermission(context, "write");
      throw errors.unimplemented();
    },
    async *doExchange() {
      throw errors.unimplementedLiteral("do_exchange is currently unimplemented");
    },
    doAction(action, context) {
      return doAction(ctx, registry, action, context);
    },
    async *listActions() {
      throw errors.unimplementedLiteral("list_actions is currently unimplemented");
    },
  };
}
