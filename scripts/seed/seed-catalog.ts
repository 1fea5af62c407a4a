/**
 * Writes the sample catalog through the SDK's public API. Idempotent: a
 * sequence that is already complete (every session finalized, every topic
 * uploaded) is kept; one left half-written by an interrupted run is deleted
 * and written again.
 */
import type { MosaicoClient, SequenceInfo } from "../../src/index.js";
import type { SeedSequence } from "./sample-catalog.js";

export interface SeedReport {
  written: string[];
  kept: string[];
  rewritten: string[];
}

function isComplete(info: SequenceInfo, seed: SeedSequence): boolean {
  const expected = seed.sessions.flat().map((t) => `${seed.name}${t.name}`);
  const present = new Set(info.topics.map((t) => t.locator));
  return (
    info.sessions.length === seed.sessions.length &&
    info.sessions.every((s) => s.locked) &&
    expected.every((locator) => present.has(locator))
  );
}

async function writeSeedSequence(client: MosaicoClient, seed: SeedSequence): Promise<void> {
  for (const [index, session] of seed.sessions.entries()) {
    const options = index === 0 ? { userMetadata: seed.userMetadata, onError: "delete" as const } : { update: true, onError: "delete" as const };
    await client.writeSequence(seed.name, options, async (writer) => {
      for (const topic of session) {
        const topicWriter = await writer.topicWriter(topic.name, {
          ontologyTag: topic.ontologyTag,
          schema: topic.schema,
          serializationFormat: topic.serializationFormat,
          userMetadata: topic.userMetadata,
        });
        await topicWriter.push(topic.rows());
      }
    });
  }
  for (const message of seed.notifications ?? []) await client.createSequenceNotification(seed.name, message);
}

/** Seeds `catalog`; `log` receives one line per sequence. */
export async function seedCatalog(
  client: MosaicoClient,
  catalog: readonly SeedSequence[],
  log: (line: string) => void = () => {},
): Promise<SeedReport> {
  const report: SeedReport = { written: [], kept: [], rewritten: [] };
  for (const seed of catalog) {
    const started = performance.now();
    if (await client.sequenceExists(seed.name)) {
      if (isComplete(await client.sequenceInfo(seed.name), seed)) {
        report.kept.push(seed.name);
        continue;
      }
      log(`  ${seed.name}: incomplete (an interrupted or older seed), writing it again`);
      await client.deleteSequence(seed.name);
      report.rewritten.push(seed.name);
    } else {
      report.written.push(seed.name);
    }
    await writeSeedSequence(client, seed);
    const topics = seed.sessions.flat().length;
    log(`  ${seed.name}: ${topics} topics written in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }
  return report;
}
