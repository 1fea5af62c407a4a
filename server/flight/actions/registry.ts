/** The DoAction verbs of each generation, by wire name. */
import type { GenerationName } from "../../generation.js";
import type { ActionDef } from "./action.js";
import { apiKeyActions } from "./api-key-actions.js";
import { infoAction, versionAction } from "./misc-actions.js";
import { queryActions } from "./query-actions.js";
import { sequenceActions } from "./sequence-actions.js";
import { sessionActions } from "./session-actions.js";
import { topicActions } from "./topic-actions.js";

export type ActionRegistry = ReadonlyMap<string, ActionDef<unknown>>;

/**
 * The actions of a release; `keyActions` adds the seed's J1 `api_key_*`
 * verbs, which no 0.6/0.7 release has (they answer "no available action").
 */
export function actionRegistry(generation: GenerationName, keyActions = false): ActionRegistry {
  const common = [
    ...sequenceActions,
    ...sessionActions,
    ...topicActions,
    ...(keyActions ? apiKeyActions : []),
    ...queryActions,
  ];
  // J2 answers `version` and knows no `info`; J3 the other way round.
  const probe = generation === "0.6" ? versionAction : infoAction;
  return new Map([...common, probe].map((action) => [action.name, action]));
}
