/**
 * The IPC stream exactly as a DoGet delivered it (FlightData re-framed,
 * LZ4 bodies as the server compressed them), for the replay servers.
 */
import { create } from "@bufbuild/protobuf";
import { createClient } from "@connectrpc/connect";
import { createGrpcTransport } from "@connectrpc/connect-node";
import type { MosaicoClient } from "../../src/node/index.js";
import { concatBytes, FlightService, ipcPrefix, TicketSchema } from "../../src/protocol/index.js";

export async function captureServedIpc(client: MosaicoClient, locator: string): Promise<Uint8Array> {
  const info = await client.topicInfo(locator);
  const flight = createClient(FlightService, createGrpcTransport({ baseUrl: client.url }));
  const parts: Uint8Array[] = [];
  for await (const message of flight.doGet(create(TicketSchema, { ticket: info.ticket }))) {
    parts.push(ipcPrefix(message.dataHeader), message.dataBody);
  }
  parts.push(new Uint8Array([0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0]));
  return concatBytes(parts);
}
