/**
 * The FlightService implementation: routes each RPC to its module and answers
 * UNIMPLEMENTED where mosaicod does (Handshake, PollFlightInfo, ListActions,
 * DoExchange, GetSchema before J3).
 */
import type { ServiceImpl } from "@connectrpc/connect";
import type { FlightService } from "../../src/protocol/index.js";
import { requireRpcPermission } from "../auth/auth-context.js";
import { errors } from "../core/errors.js";
import { actionRegistry } from "./actions/registry.js";
import type { FlightContext } from "./context.js";
import { doAction } from "./do-action.js";
import { doGet } from "./do-get.js";
import { doPut } from "./do-put.js";
import { getFlightInfo, getSchema } from "./get-flight-info.js";
import { listFlights } from "./list-flights.js";

export function flightServiceImpl(ctx: FlightContext): ServiceImpl<typeof FlightService> {
  const registry = actionRegistry(ctx.generation.name, ctx.keyActions);
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
      if (ctx.generation.name !== "0.7") throw errors.unimplemented();
      requireRpcPermission(context, "read"); // [uncertain] in the protocol doc
      return getSchema(ctx, descriptor);
    },
    async *doGet(ticket, context) {
      requireRpcPermission(context, "read");
      yield* doGet(ctx, ticket, context.signal);
    },
    // Bidi in Flight, but mosaicod answers no PutResult: success is the status.
    async *doPut(requests, context) {
      requireRpcPermission(context, "write");
      await doPut(ctx, requests, context.signal);
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
