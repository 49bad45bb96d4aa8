import http from 'node:http';
import type Koa from 'koa';

/** A listening HTTP server that can stop gracefully. */
export interface RunningServer {
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

/** Starts listening; `close()` stops accepting, lets in-flight requests finish, then closes idle keep-alive sockets. */
export async function listen(app: Koa<any>, host: string, port: number): Promise<RunningServer> {
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
