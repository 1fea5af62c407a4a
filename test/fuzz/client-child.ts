/**
 * The client fuzz cases in a child process, so that a case taking the SDK
 * down (out of memory, an unhandled rejection: Node's default is to exit) is
 * recorded against that case instead of ending the run. Loads the tapes,
 * runs cases [from, to) and prints one JSON line per event:
 * `{"start": i}` before a case, `{"index": i, "result": ...}` after it.
 *
 * argv: <tapesFile> <seed> <from> <to>
 */
import { readFileSync } from "node:fs";
import { runClientCase } from "./client-fuzzer.js";
import { deserializeTapes, serializeTapes } from "./client-tape.js";
import { caseSeed, Rng } from "./prng.js";

const [file, seedText, fromText, toText] = process.argv.slice(2);
const text = readFileSync(file!, "utf8");
const tapes = deserializeTapes(text);
const seed = Number(seedText);
for (let index = Number(fromText); index < Number(toText); index++) {
  process.stdout.write(`${JSON.stringify({ start: index })}\n`);
  const result = await runClientCase({ tapes }, new Rng(caseSeed(seed, "client", index)), index);
  process.stdout.write(`${JSON.stringify({ index, result })}\n`);
  // Mutations must work on copies: a changed tape would make later cases depend on earlier ones.
  if (index % 250 === 0 && serializeTapes(tapes) !== text) throw new Error(`harness bug: case ${index} (or before) changed the recorded tapes`);
}
process.exit(0);
