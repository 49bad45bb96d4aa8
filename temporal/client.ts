import { Client, Connection } from '@temporalio/client';

/** The Temporal connection and client the API uses to start and talk to workflows. */
export interface TemporalGateway {
  client: Client;
  connection: Connection;
  taskQueue: string;
  close(): Promise<void>;
}

/** Connects to the Temporal frontend at `address`. */
export async function connectTemporal(opts: { address: string; namespace: string; taskQueue: string }): Promise<TemporalGateway> {
  const connection = await Connection.connect({ address: opts.address });
  const client = new Client({ connection, namespace: opts.namespace });
  return { client, connection, taskQueue: opts.taskQueue, close: () => connection.close() };
}
