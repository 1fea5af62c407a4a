/**
 * MCAP bridge throughput and memory (issue 15): importRecording() of an MCAP
 * file of `sizeMB` from disk, then exportRecording() of the sequence back to
 * disk, each in its own Node process so that its peak RSS (VmHWM) is the
 * bridge's alone. Not a test: it prints a table.
 *
 *   npx tsx bench/bridge-throughput.ts [sizeMB=1024] [--keep]
 *
 * The recording is generated first with @mcap/core and
 * @foxglove/rosmsg2-serialization, as a ROS 2 bag writes one: `sensor_msgs/
 * msg/Imu` at 1 kHz (CDR, mapped to the IMU model) and `sensor_msgs/msg/
 * CompressedImage` at 20 Hz (48 KiB of incompressible bytes each), in
 * uncompressed 4 MiB chunks with an index. MB is 2^20 bytes of the MCAP file
 * (imported) or of the MCAP stream (exported). The reference server runs in
 * a third process; its disk and CPU are part of both figures.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, createWriteStream, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { once } from "node:events";
import { parse } from "@foxglove/rosmsg";
import { MessageWriter } from "@foxglove/rosmsg2-serialization";
import { McapIndexedReader, McapWriter, type IWritable } from "@mcap/core";
import { MosaicoClient } from "../src/node/index.js";
import { builtinRos2Definition, exportRecording, importRecording, openRecordingFile } from "../src/node/bridge.js";

const IMU_HZ = 1000;
const IMAGE_HZ = 20;
const IMAGE_BYTES = 48 * 1024;
const T0 = 1_700_000_000_000_000_000n;

const tsxCli = join(process.cwd(), "node_modules/tsx/dist/cli.mjs");

/** Peak resident set of this process in MiB (VmHWM, the kernel's high-water mark). */
function peakRssMiB(): number {
  const line = readFileSync("/proc/self/status", "utf8").match(/^VmHWM:\s+(\d+) kB/m);
  return (line ? Number(line[1]) : process.resourceUsage().maxRSS) / 1024;
}

/** An IWritable over a file descriptor, written synchronously (generation is not what is measured). */
function fileWritable(path: string): IWritable & { close(): void } {
  const fd = openSync(path, "w");
  let position = 0n;
  return {
    write: async (buffer) => {
      writeSync(fd, buffer);
      position += BigInt(buffer.byteLength);
    },
    position: () => position,
    close: () => closeSync(fd),
  };
}

function imuMessage(i: number) {
  const sec = 1_700_000_000 + Math.floor(i / IMU_HZ);
  return {
    header: { stamp: { sec, nanosec: (i % IMU_HZ) * (1e9 / IMU_HZ) }, frame_id: "imu_link" },
    orientation: { x: 0, y: 0, z: Math.sin(i / 1000), w: Math.cos(i / 1000) },
    orientation_covariance: [0.01, 0, 0, 0, 0.01, 0, 0, 0, 0.01],
    angular_velocity: { x: Math.sin(i / 50), y: 0.01, z: 0.1 },
    angular_velocity_covariance: [0.001, 0, 0, 0, 0.001, 0, 0, 0, 0.001],
    linear_acceleration: { x: Math.cos(i / 70), y: 0.5, z: 9.81 },
    linear_acceleration_covariance: [0.1, 0, 0, 0, 0.1, 0, 0, 0, 0.1],
  };
}

/** Writes the recording; returns its message counts. */
async function generate(path: string, sizeMB: number): Promise<{ imu: number; images: number }> {
  const file = fileWritable(path);
  const writer = new McapWriter({ writable: file, chunkSize: 4 * 1024 * 1024 });
  await writer.start({ profile: "ros2", library: "mosaico-web bench" });
  const channel = async (topic: string, type: string) => {
    const definition = builtinRos2Definition(type)!;
    const schemaId = await writer.registerSchema({ name: type, encoding: "ros2msg", data: new TextEncoder().encode(definition) });
    const id = await writer.registerChannel({ topic, schemaId, messageEncoding: "cdr", metadata: new Map() });
    return { id, cdr: new MessageWriter(parse(definition, { ros2: true })) };
  };
  const imu = await channel("/imu", "sensor_msgs/msg/Imu");
  const camera = await channel("/camera/image/compressed", "sensor_msgs/msg/CompressedImage");
  // 64 random frames cycled: no two frames within LZ4's 64 KiB window alike, as real JPEGs.
  const frames = Array.from({ length: 64 }, () => Uint8Array.from({ length: IMAGE_BYTES }, () => (Math.random() * 256) | 0));
  const limit = BigInt(sizeMB) * 1024n * 1024n;
  const perImage = IMU_HZ / IMAGE_HZ;
  let imus = 0;
  let images = 0;
  for (let i = 0; file.position() < limit; i++) {
    const t = T0 + BigInt(i) * BigInt(1e9 / IMU_HZ);
    await writer.addMessage({ channelId: imu.id, sequence: i, logTime: t, publishTime: t, data: imu.cdr.writeMessage(imuMessage(i)) });
    imus++;
    if (i % perImage === 0) {
      const frame = frames[images % frames.length]!;
      const stamp = { sec: 1_700_000_000 + Math.floor(i / IMU_HZ), nanosec: (i % IMU_HZ) * (1e9 / IMU_HZ) };
      const data = camera.cdr.writeMessage({ header: { stamp, frame_id: "camera" }, format: "jpeg", data: frame });
      await writer.addMessage({ channelId: camera.id, sequence: images, logTime: t, publishTime: t, data });
      images++;
    }
  }
  await writer.end();
  file.close();
  return { imu: imus, images };
}

/** Runs this script in a child Node process in `mode`; resolves with the JSON line it prints. */
async function child<T>(mode: string, args: string[]): Promise<T> {
  const proc = spawn(process.execPath, [tsxCli, "bench/bridge-throughput.ts", mode, ...args], { stdio: ["ignore", "pipe", "inherit"] });
  let text = "";
  proc.stdout.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const [code] = await once(proc, "exit");
  if (code !== 0) throw new Error(`${mode} exited with ${code}`);
  return JSON.parse(text.trim().split("\n").pop()!) as T;
}

interface Run {
  ms: number;
  messages: number;
  bytes: number;
  /** VmHWM once connected, before the work: Node, tsx and the loaded modules. */
  baseRssMiB: number;
  peakRssMiB: number;
}

/** Child: importRecording() of `path` (read through the file's index, channel by channel). */
async function childImport(url: string, path: string, sequence: string): Promise<Run> {
  await using client = await MosaicoClient.connect({ url });
  const baseRssMiB = peakRssMiB();
  const started = performance.now();
  const result = await importRecording(client, path, { sequence });
  const ms = performance.now() - started;
  if (!result.indexed) throw new Error("the recording was not read through its index");
  return { ms, messages: result.messages, bytes: statSync(path).size, baseRssMiB, peakRssMiB: peakRssMiB() };
}

/** Child: exportRecording() of `sequence` into `path`. */
async function childExport(url: string, sequence: string, path: string): Promise<Run> {
  await using client = await MosaicoClient.connect({ url });
  const baseRssMiB = peakRssMiB();
  const out = createWriteStream(path);
  const started = performance.now();
  let bytes = 0;
  for await (const part of exportRecording(client, sequence, { format: "mcap" })) {
    bytes += part.byteLength;
    if (!out.write(part)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  const ms = performance.now() - started;
  const peak = peakRssMiB(); // before reading the written file back, which is the check, not the export
  const file = await openRecordingFile(path);
  try {
    const reader = await McapIndexedReader.Initialize({ readable: file });
    return { ms, messages: Number(reader.statistics?.messageCount ?? -1n), bytes, baseRssMiB, peakRssMiB: peak };
  } finally {
    await file.close();
  }
}

async function startServer(dataDir: string): Promise<{ url: string; proc: ChildProcess }> {
  const proc = spawn(process.execPath, [tsxCli, "server/main.ts", "--port", "0", "--data-dir", dataDir], { stdio: ["ignore", "pipe", "inherit"] });
  const url = await new Promise<string>((resolve, reject) => {
    let text = "";
    proc.stdout!.on("data", (chunk: Buffer) => {
      text += chunk.toString();
      const found = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text);
      if (found) resolve(found[1]!);
    });
    proc.on("exit", (code) => reject(new Error(`the server exited with ${code}`)));
  });
  return { url, proc };
}

function row(what: string, run: Run): string {
  const s = run.ms / 1000;
  const mb = run.bytes / 1048576;
  return `| ${what} | ${run.messages} | ${mb.toFixed(0)} MB | ${s.toFixed(1)} s | ${Math.round(run.messages / s)} | ${(mb / s).toFixed(1)} | ${run.peakRssMiB.toFixed(0)} MiB | ${run.baseRssMiB.toFixed(0)} MiB |`;
}

async function main(): Promise<void> {
  const sizeMB = Number(process.argv[2] ?? 1024);
  const keep = process.argv.includes("--keep");
  const dir = mkdtempSync(join(tmpdir(), "mosaico-bridge-bench-"));
  let server: ChildProcess | undefined;
  try {
    const source = join(dir, "recording.mcap");
    let started = performance.now();
    const counts = await generate(source, sizeMB);
    const total = counts.imu + counts.images;
    console.log(`generated ${source}: ${(statSync(source).size / 1048576).toFixed(0)} MB, ${counts.imu} IMU + ${counts.images} CompressedImage messages in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const srv = await startServer(join(dir, "store"));
    server = srv.proc;
    started = performance.now();
    const imported = await child<Run>("--child-import", [srv.url, source, "bench_bridge"]);
    if (imported.messages !== total) throw new Error(`imported ${imported.messages} messages of ${total}`);
    const exported = await child<Run>("--child-export", [srv.url, "bench_bridge", join(dir, "export.mcap")]);
    if (exported.messages !== total) throw new Error(`exported ${exported.messages} messages of ${total}`);
    console.log(`\nMCAP bridge, ${sizeMB} MB recording (IMU at ${IMU_HZ} Hz + ${IMAGE_BYTES / 1024} KiB CompressedImage at ${IMAGE_HZ} Hz), Node ${process.version}`);
    console.log("| direction | messages | MCAP bytes | time | messages/s | MB/s | peak RSS (VmHWM) of that process | its VmHWM before the work |");
    console.log("|---|---:|---:|---:|---:|---:|---:|---:|");
    console.log(row("import: importRecording(client, path) -> reference server", imported));
    console.log(row("export: exportRecording() -> file", exported));
  } finally {
    server?.kill("SIGTERM");
    if (keep) console.log(`kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

const mode = process.argv[2];
if (mode === "--child-import") console.log(JSON.stringify(await childImport(process.argv[3]!, process.argv[4]!, process.argv[5]!)));
else if (mode === "--child-export") console.log(JSON.stringify(await childExport(process.argv[3]!, process.argv[4]!, process.argv[5]!)));
else await main();
