/**
 * MOSAICO_URL (`http(s)://host:port`) -> the host, port and TLS flag that
 * MosaicoClient.fromEnv() takes.
 */
export interface ServerAddress {
  host: string;
  port: number;
  enableTls: boolean;
}

export function serverAddress(url: string | undefined): ServerAddress {
  if (!url) throw new TypeError("MOSAICO_URL is not set: point it at the Mosaico server or gateway, e.g. https://mosaico.example.com:443");
  const parsed = new URL(url);
  const enableTls = parsed.protocol === "https:" || parsed.protocol === "grpc+tls:";
  const port = parsed.port ? Number(parsed.port) : enableTls ? 443 : 80;
  return { host: parsed.hostname.replace(/^\[|\]$/g, ""), port, enableTls };
}
