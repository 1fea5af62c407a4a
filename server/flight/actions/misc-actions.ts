/** version (J2) / info (J3). The query verbs live in query-actions.ts. */
import { SERVER_NAME, type Generation } from "../../generation.js";
import { defineAction } from "./action.js";

const noBody = () => ({});

function versionFields(generation: Generation) {
  return {
    version: generation.version,
    semver: { ...generation.semver },
    // Extra key (clients ignore unknown keys): says this is not mosaicod.
    server: SERVER_NAME,
  };
}

export const versionAction = defineAction({
  name: "version",
  label: "Version",
  permission: null,
  parse: noBody,
  run: (ctx) => versionFields(ctx.generation),
});

export const infoAction = defineAction({
  name: "info",
  label: "Info",
  permission: null,
  parse: noBody,
  run: (ctx) => ({
    ...versionFields(ctx.generation),
    config: {
      max_grpc_message_size: ctx.generation.maxMessageSize,
      target_message_size: ctx.generation.targetMessageSize,
    },
  }),
});
