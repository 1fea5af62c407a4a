/** version (J2) / info (J3), and the verbs answered UNIMPLEMENTED for now. */
import { errors } from "../../core/errors.js";
import { SERVER_NAME, type Generation } from "../../generation.js";
import { defineAction, type ActionDef } from "./action.js";

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

/** Query and temporal filters: a later issue; the permission check still applies. */
function notYet(name: string, label: string): ActionDef<unknown> {
  return defineAction({
    name,
    label,
    permission: "read",
    parse: noBody,
    run: () => {
      throw errors.unimplemented();
    },
  });
}

export const pendingActions = [
  notYet("query", "Query"),
  notYet("topic_filter_clusterize", "TopicFilterClusterize"),
  notYet("topic_filter_intersect", "TopicFilterIntersect"),
];
