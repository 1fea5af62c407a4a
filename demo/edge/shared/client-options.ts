/**
 * Connect options a deployment sets through its environment, besides the
 * server address (MOSAICO_URL) and the key (MOSAICO_API_KEY, read by
 * MosaicoClient.fromEnv itself):
 *
 *   MOSAICO_COMPRESSION         none (default) | gzip | gzip-low | gzip-medium | gzip-high | stream-gzip
 *   MOSAICO_COMPRESS_MIN_BYTES  smallest request message that is compressed (default 1024)
 *
 * `gzip*` is per-message gRPC compression (`grpc-encoding: gzip`); the server
 * must accept it (mosaicod / the reference server with `--gzip`), otherwise
 * every call fails with UNIMPLEMENTED. `stream-gzip` (experimental) gzips whole
 * request bodies and needs gRPC-Web and a reference server with `--gzip`.
 */
import { GRPCCompressionAlgorithm, GRPCCompressionLevel, type CompressionOption } from "mosaico-web";

/** Reads one environment variable (a Workers binding, Deno.env, ...); undefined when unset. */
export type EnvReader = (name: string) => string | undefined;

/** A setting of this service that cannot work as given (answered with 500, details in the log). */
export class ConfigError extends Error {
  override name = "ConfigError";
}

export const compressionSettings: Readonly<Record<string, CompressionOption>> = {
  none: GRPCCompressionAlgorithm.Null,
  gzip: GRPCCompressionAlgorithm.Gzip,
  "gzip-low": { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.Low },
  "gzip-medium": { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.Medium },
  "gzip-high": { algorithm: GRPCCompressionAlgorithm.Gzip, level: GRPCCompressionLevel.High },
  "stream-gzip": GRPCCompressionAlgorithm.StreamGzip,
};

export interface EnvConnectOptions {
  compression?: CompressionOption;
  compressMinBytes?: number;
}

/** MOSAICO_COMPRESSION and MOSAICO_COMPRESS_MIN_BYTES as connect options; throws ConfigError on a bad value. */
export function connectOptionsFromEnv(read: EnvReader): EnvConnectOptions {
  const options: EnvConnectOptions = {};
  const compression = read("MOSAICO_COMPRESSION")?.trim().toLowerCase();
  if (compression) {
    const setting = compressionSettings[compression];
    if (setting === undefined) {
      throw new ConfigError(`MOSAICO_COMPRESSION must be one of ${Object.keys(compressionSettings).join(", ")}; got ${JSON.stringify(compression)}`);
    }
    options.compression = setting;
  }
  const minBytes = read("MOSAICO_COMPRESS_MIN_BYTES")?.trim();
  if (minBytes) {
    const value = Number(minBytes);
    if (!/^\d+$/.test(minBytes) || !Number.isSafeInteger(value)) {
      throw new ConfigError(`MOSAICO_COMPRESS_MIN_BYTES must be a whole number of bytes; got ${JSON.stringify(minBytes)}`);
    }
    options.compressMinBytes = value;
  }
  return options;
}
