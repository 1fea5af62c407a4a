/** version (J2) / info (J3). The query verbs live in query-actions.ts. */
import type { Generation } from "../../generation.js";
import { defineAction } from "./action.js";

const noBody = () => ({});

function versionFields(generation: Generation) {
  return {
    version: generation.version,
    semver: { ...generation.semver },
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
    // The 0.7 release's names (mosaicod-grpc `info`, marshal ServerConfig).
    config: {
      grpc_max_decode_message_size: ctx.generation.maxMessageSize,
      grpc_max_encode_message_size: ctx.generation.maxEncodeMessageSize,
      grpc_target_encode_message_size: ctx.generation.targetMessageSize,
    },
  }),
});
